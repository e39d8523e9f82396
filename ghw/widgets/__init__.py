"""The forms and dashboards the notebooks show."""

from .app import App
from .experiment import ExperimentForm
from .log import LogForm
from .plan import PlanForm, ShareForm
from .reflect import Reflection

__all__ = ["App", "ExperimentForm", "LogForm", "PlanForm", "Reflection", "ShareForm"]
