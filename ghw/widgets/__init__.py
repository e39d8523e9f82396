"""The forms and dashboards the notebooks show."""

from .app import App, wait_for_page
from .checkin import CheckinForm
from .experiment import ExperimentForm
from .importer import ImportForm
from .log import LogForm
from .month import ThisMonth
from .people import PeopleView
from .plan import PlanForm, ShareForm
from .practice import Practice
from .reflect import Reflection

__all__ = ["App", "CheckinForm", "ExperimentForm", "ImportForm", "LogForm", "PeopleView", "PlanForm", "Practice",
           "Reflection", "ShareForm", "ThisMonth", "wait_for_page"]
