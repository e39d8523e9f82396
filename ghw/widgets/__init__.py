"""The forms and dashboards the notebooks show."""

from .app import App, wait_for_page
from .checkin import CheckinForm
from .daylio import ImportForm
from .experiment import ExperimentForm
from .imports import ImportFileForm, ImportPage
from .log import LogForm
from .month import ThisMonth
from .people import PeopleView
from .plan import PlanForm, ShareForm
from .practice import Practice
from .reflect import Reflection

__all__ = ["App", "CheckinForm", "ExperimentForm", "ImportForm", "ImportFileForm", "ImportPage", "LogForm", "PeopleView",
           "PlanForm", "Practice", "Reflection", "ShareForm", "ThisMonth", "wait_for_page"]
