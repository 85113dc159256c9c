"""One error type for everything a user can get wrong: it names the file, the line and the fix."""
from __future__ import annotations

import signal
from pathlib import Path


class GuidekitError(Exception):
    def __init__(self, message: str, *, file: str | Path | None = None, line: int | None = None,
                 hint: str | None = None):
        self.message, self.file, self.line, self.hint = message, file, line, hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        text = where + self.message
        if self.hint:
            text += f"\n  What to do: {self.hint}"
        return text


class BuildStopped(BaseException):
    """A signal (SIGTERM, SIGINT, SIGHUP) stopped a build; a BaseException, like KeyboardInterrupt,
    so that no `except Exception` in a build swallows it."""

    def __init__(self, signum: int):
        self.signum = signum
        self.site_replaced = False  # set by the build: whether the new site was already in place
        super().__init__(signal.Signals(signum).name)
