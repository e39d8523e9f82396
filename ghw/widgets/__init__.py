"""The forms and dashboards the notebooks show."""

from .app import App
from .log import LogForm
from .people import PeopleView
from .plan import PlanForm, ShareForm
from .reflect import Reflection

__all__ = ["App", "LogForm", "PeopleView", "PlanForm", "Reflection", "ShareForm"]
