"""guidekit check --freshness [--profile FILE]: data entries (and a profile's own) not verified
against their source for too long."""
from __future__ import annotations

import datetime as dt

from guidekit.channels import Registry
from guidekit.project import Project


def load_registry(project: Project, profile=None, data_dir=None) -> Registry:
    """data/ plus the channels of a hosting profile (its hidden ones are still checked)."""
    extra = profile.channels()[0] if profile else []
    return Registry.load(data_dir or project.root / "data", extra)


def check_freshness(project: Project, max_age_days: int = 365, today: dt.date | None = None,
                    data_dir=None, out=print, profile=None) -> bool:
    today = today or dt.date.today()
    registry = load_registry(project, profile, data_dir)
    stale = sorted(registry.stale(today, max_age_days), key=lambda e: e.verified)
    if not stale:
        out(f"freshness: all {len(registry.entries)} entries verified within {max_age_days} days")
        return True
    out(f"freshness: {len(stale)} of {len(registry.entries)} entries were last verified more than "
        f"{max_age_days} days ago; check each against its source and update `verified`:")
    for entry in stale:
        age = (today - entry.verified).days
        origin = registry.origin[entry.id]
        out(f"  {origin.relative_to(project.root) if origin.is_relative_to(project.root) else origin}: {entry.id} (verified {entry.verified}, {age} days ago) "
            f"source: {entry.source}")
    return False
