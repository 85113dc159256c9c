"""Templates of ours that take the place of Material's own must be looked at again whenever
Material's original changes (a copied partial silently keeps the old markup otherwise)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import material
import yaml

ROOT = Path(__file__).resolve().parents[1]
OVERRIDES = ROOT / "overrides"
MANIFEST = ROOT / "tests" / "material-upstream.yml"
MATERIAL = Path(material.__file__).parent / "templates"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_template_that_replaces_materials_is_recorded():
    recorded = set(yaml.safe_load(MANIFEST.read_text("utf-8"))["templates"])
    ours = {p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*") if p.is_file()}
    replacing = {rel for rel in ours if (MATERIAL / rel).is_file()}
    assert replacing - recorded == set(), (
        f"{sorted(replacing - recorded)} replace Material's templates of the same name but are not in "
        f"{MANIFEST.relative_to(ROOT)}: add each with its relation to Material's and Material's sha256")
    assert recorded - replacing == set(), f"{MANIFEST.relative_to(ROOT)} lists templates that no longer replace one of Material's: {sorted(recorded - replacing)}"


def test_materials_originals_have_not_changed_since_ours_were_compared():
    manifest = yaml.safe_load(MANIFEST.read_text("utf-8"))
    changed = [f"overrides/{rel} ({entry['ours']}): Material {material.__version__}'s templates/{rel} "
               f"is no longer the one recorded for Material {manifest['material']}"
               for rel, entry in manifest["templates"].items()
               if _sha256(MATERIAL / rel) != entry["sha256"]]
    assert not changed, ("\n".join(changed) + f"\ncompare each with Material's new file, bring ours in step, "
                         f"then record the new sha256 in {MANIFEST.relative_to(ROOT)}")


def test_a_changed_original_is_noticed(tmp_path, monkeypatch):
    fake = tmp_path / "templates"
    (fake / "partials").mkdir(parents=True)
    for rel in yaml.safe_load(MANIFEST.read_text("utf-8"))["templates"]:
        (fake / rel).parent.mkdir(parents=True, exist_ok=True)
        (fake / rel).write_bytes((MATERIAL / rel).read_bytes())
    (fake / "partials/search.html").write_text("<div class=md-search></div>", "utf-8")
    monkeypatch.setattr(__import__(__name__), "MATERIAL", fake)
    try:
        test_materials_originals_have_not_changed_since_ours_were_compared()
    except AssertionError as e:
        assert "overrides/partials/search.html" in str(e) and "main.html" not in str(e).split("compare")[0]
    else:
        raise AssertionError("a changed Material partial went unnoticed")
