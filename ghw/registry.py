"""A registry: one kind of thing with many members, each added once under its name.

Findings and export formats are registries; the faces of ghw loop over
them instead of naming their members.
"""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

__all__ = ["Registry"]


class _Named(Protocol):
    name: str


T = TypeVar("T", bound=_Named)


class Registry(dict[str, T], Generic[T]):
    """Members by name, in the order they were added."""

    def __init__(self, kind: str):
        super().__init__()
        self.kind = kind

    def add(self, member: T) -> T:
        """Add ``member``; a second member with the same name is a mistake and is refused."""
        if member.name in self:
            raise ValueError(f"another {self.kind} is already registered as {member.name!r}")
        self[member.name] = member
        return member
