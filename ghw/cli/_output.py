"""Standard output for a command whose reader may stop reading half-way (``ghw people | head``)."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys

__all__ = ["Output", "reader_may_leave"]


class Output(io.TextIOBase):
    """Standard output that a reader who stops reading cannot interrupt (``ghw people | head``).

    Once the reader has gone, the rest of the output is dropped and the command carries on to its end, so that what
    it was asked to change is changed, and nothing false is said (the command is not stopped half-way, and no
    "Nothing was changed" follows a change). Windows reports a closed pipe as EINVAL rather than EPIPE.
    """

    def __init__(self, stream):
        self.stream, self.gone = stream, False

    def write(self, text: str) -> int:
        self._unless_gone(self.stream.write, text)
        return len(text)

    def flush(self) -> None:
        self._unless_gone(self.stream.flush)

    def _unless_gone(self, action, *args) -> None:
        if self.gone:
            return
        try:
            action(*args)
        except OSError as exc:
            if exc.errno not in (errno.EPIPE, errno.EINVAL):
                raise
            self.gone = True
            # Python flushes standard output once more as it exits: give what is left somewhere to go, silently.
            with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
                os.dup2(os.open(os.devnull, os.O_WRONLY), self.stream.fileno())

    def fileno(self) -> int:
        return self.stream.fileno()

    def isatty(self) -> bool:
        return self.stream.isatty()

    @property
    def encoding(self):
        return self.stream.encoding


@contextlib.contextmanager
def reader_may_leave():
    """Standard output as :class:`Output` while a command runs."""
    saved = sys.stdout
    if saved is None:  # no console at all (pythonw): nothing to guard
        yield
        return
    sys.stdout = Output(saved)
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stdout = saved
