"""System tools some tests need (Chromium, nginx, Java). `make test` installs them where it may
(scripts/ensure-system); where it may not, those tests skip with the same advice, and in CI
(CI=true) a missing tool is a failure, never a skip."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest


def find(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name) or next((str(p) for p in (Path("/usr/sbin") / name, Path("/usr/bin") / name)
                                            if p.exists()), None)
        if found:
            return found
    return None


def require(path: str | None, package: str, purpose: str) -> str:
    if path:
        return path
    message = (f"{purpose} needs the system package {package}, which is missing. `make test` installs it "
               f"where it may (root with apt); otherwise: sudo apt-get install {package}")
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
