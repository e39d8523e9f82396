"""The forms and dashboards the notebooks show."""

from .app import App
from .log import LogForm
from .plan import PlanForm, ShareForm
from .practice import Practice
from .reflect import Reflection

__all__ = ["App", "LogForm", "PlanForm", "Practice", "Reflection", "ShareForm"]
