"""Every user-facing string has a Japanese translation, and compiled catalogues match their sources.

The check extracts messages with ``makemessages`` in a scratch copy of the project
(so the repository is never touched) and looks each untranslated or fuzzy entry up
in the catalogues the site loads at run time (project and app level).
"""

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {
    ".venv",
    "node_modules",
    ".git",
    "staticfiles",
    "media",
    "private-media",
    "tests",
    "docs",
    ".ci",
    "test-results",
    "__pycache__",
    "scripts",
}
pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs gettext (apt-get install gettext)")


def catalogue_sources() -> list[Path]:
    return sorted(p for p in ROOT.glob("**/locale/ja/LC_MESSAGES/django.po") if not SKIP_DIRS & set(p.parts))


def compiled(po: Path, tmp_path: Path) -> dict:
    mo = tmp_path / f"{abs(hash(po))}.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(mo), str(po)], check=True)
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog


def test_there_is_a_japanese_catalogue():
    assert (ROOT / "locale/ja/LC_MESSAGES/django.po").exists()
    assert (ROOT / "locale/ja/LC_MESSAGES/django.mo").exists()


@pytest.mark.parametrize("po", catalogue_sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_is_up_to_date(po, tmp_path):
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run compilemessages"
    with mo.open("rb") as handle:
        shipped = gettext.GNUTranslations(handle)._catalog
    assert shipped == compiled(po, tmp_path), f"{mo} is out of date with {po}: run compilemessages"


def _untranslated(po: Path) -> set[str]:
    entries = set()
    for flag in ("--untranslated", "--only-fuzzy"):
        out = subprocess.run(
            ["msgattrib", flag, "--no-obsolete", str(po)], capture_output=True, text=True, check=True
        ).stdout
        with_en = subprocess.run(["msgen", "-"], input=out, capture_output=True, text=True, check=True).stdout
        if not with_en.strip():
            continue
        mo = po.with_name(f"check{flag}.mo")
        subprocess.run(["msgfmt", "-o", str(mo), "-"], input=with_en, text=True, check=True)
        with mo.open("rb") as handle:
            entries |= {
                key if isinstance(key, str) else key[0] for key in gettext.GNUTranslations(handle)._catalog if key
            }
    return entries


def test_no_user_facing_string_lacks_a_translation(tmp_path):
    scratch = tmp_path / "project"
    shutil.copytree(ROOT, scratch, ignore=shutil.ignore_patterns(*SKIP_DIRS, "*.sqlite3"), symlinks=False)
    env_python = sys.executable
    subprocess.run(
        [env_python, "manage.py", "makemessages", "-l", "ja", "--no-obsolete", "-i", "tests", "-i", "scripts"],
        cwd=scratch,
        check=True,
        capture_output=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "lms.settings.test",
            "LMS_LOCALE_DIR": str(scratch / "locale"),
        },
    )
    runtime = {}
    for po in catalogue_sources():
        catalogue = compiled(po, tmp_path)
        runtime.update({k: v for k, v in catalogue.items() if v})
    translated = {key if isinstance(key, str) else key[0] for key in runtime}
    missing = set()
    for po in scratch.glob("**/locale/ja/LC_MESSAGES/django.po"):
        missing |= _untranslated(po) - translated
    missing.discard("")
    assert not missing, f"{len(missing)} strings have no Japanese translation, e.g. {sorted(missing)[:20]}"


def test_app_catalogues_agree_with_the_project_catalogue(tmp_path):
    """The project catalogue wins at run time, so an app's different translation of the same msgid would
    never be seen: where one English word needs two Japanese ones, the msgids carry a context."""
    project = compiled(ROOT / "locale/ja/LC_MESSAGES/django.po", tmp_path)
    conflicts = []
    for po in catalogue_sources():
        if po == ROOT / "locale/ja/LC_MESSAGES/django.po":
            continue
        for key, value in compiled(po, tmp_path).items():
            if key and key in project and project[key] != value:
                conflicts.append(f"{po.relative_to(ROOT)}: {key!r} is {value!r}, the project's {project[key]!r}")
    assert not conflicts, "\n".join(conflicts)
