"""Offline bundles: one ZIP per language that works from file:// (navigation and search, with no
server and no network)."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path


# Loaded as a polyfill in offline bundles only (see overrides/assets/javascripts/iframe-worker.js).
SHIM_IN_SITE = "assets/javascripts/iframe-worker.js"


def bundle_name(lang: str, date: str) -> str:
    return f"guide-{lang}-{date}.zip"


def zip_folder(folder: Path, target: Path, top: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                z.write(path, f"{top}/{path.relative_to(folder).as_posix()}")
    tmp.replace(target)
    return target


def publish_bundles(zips: dict[str, Path], dist: Path) -> list[Path]:
    """Move the new ZIPs into dist/, replacing older bundles of the same language."""
    dist.mkdir(parents=True, exist_ok=True)
    out = []
    for lang, path in zips.items():
        for old in dist.glob(f"guide-{lang}-*.zip"):
            old.unlink()
        out.append(Path(shutil.copy2(path, dist / path.name)))
    return out
