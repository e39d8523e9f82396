"""The forms and dashboards the notebooks show."""

from .reflect import Reflection

__all__ = ["Reflection"]
