"""The forms and dashboards the notebooks show."""

from .app import App
from .checkin import CheckinForm
from .log import LogForm
from .people import PeopleView
from .plan import PlanForm, ShareForm
from .reflect import Reflection

__all__ = ["App", "CheckinForm", "LogForm", "PeopleView", "PlanForm", "Reflection", "ShareForm"]
