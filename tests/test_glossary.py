"""Each scheme has one Japanese name across the whole site, the ministry's own.

NGO Advisor → NGO相談員, NGO Study Group → NGO研究会, NGO Researcher → NGO専門調査員. Fails on a catalogue entry
that renders one of these names any other way, and on a second rendering anywhere in the catalogues, templates
or demo content ("NGO研究員", "NGO専門家", "NGOアドバイザー", ...).
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {".venv", "node_modules", ".git", "staticfiles", "media", "tests", "docs", "__pycache__", "test-results"}

TERMS = {
    re.compile(r"\bNGO Advisors?\b", re.I): "NGO相談員",
    re.compile(r"\bNGO Study Groups?\b", re.I): "NGO研究会",
    re.compile(r"\bNGO Researchers?\b", re.I): "NGO専門調査員",
}
# Other Japanese renderings of the three schemes seen in drafts and machine translation.
SECOND_RENDERINGS = re.compile(
    r"NGO\s*(研究員|専門家|専門員|調査員|アドバイザー|アドバイザ|リサーチャー|スタディ・?グループ|勉強会|研究グループ|相談役|顧問)"
    r"|(?<!専門)調査員制度|スタディ・?グループ"
)


def _files(pattern: str) -> list[Path]:
    return sorted(p for p in ROOT.glob(pattern) if not SKIP_DIRS & set(p.relative_to(ROOT).parts))


def _unquote(line: str) -> str:
    return ast.literal_eval(line.strip()) if line.strip().startswith('"') else ""


def entries(po: Path) -> list[tuple[str, list[str]]]:
    """(msgid with its plural, [msgstr...]) for each entry of a .po file."""
    found, msgid, msgstrs, current = [], "", [], None
    for raw in po.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line or line.startswith("#"):
            if current is not None and msgid:
                found.append((msgid, msgstrs))
            msgid, msgstrs, current = "", [], None
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgid", "msgid_plural"):
            msgid += ("\n" if msgid else "") + _unquote(rest)
            current = "id"
        elif keyword.startswith("msgstr"):
            msgstrs.append(_unquote(rest))
            current = "str"
        elif keyword == "msgctxt":
            current = "ctx"
        elif line.startswith('"'):
            if current == "id":
                msgid += _unquote(line)
            elif current == "str":
                msgstrs[-1] += _unquote(line)
    return found


CATALOGUES = _files("**/locale/ja/LC_MESSAGES/django.po")


def test_the_catalogues_are_found():
    assert ROOT / "locale/ja/LC_MESSAGES/django.po" in CATALOGUES and len(CATALOGUES) > 3


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_scheme_names_are_the_ministry_terms(po):
    wrong = []
    for msgid, msgstrs in entries(po):
        for english, japanese in TERMS.items():
            if english.search(msgid):
                wrong += [(msgid, s) for s in msgstrs if s and japanese not in s]
        wrong += [(msgid, s) for s in msgstrs if SECOND_RENDERINGS.search(s)]
    assert not wrong, "\n".join(f"{msgid!r} → {s!r}" for msgid, s in wrong)


CONTENT = _files("templates/**/*.html") + _files("templates/**/*.txt") + _files("**/demo*.py") + _files("**/demo/*.py")


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_and_demo_content_use_one_term(path):
    text = path.read_text(encoding="utf-8")
    assert not SECOND_RENDERINGS.search(text), SECOND_RENDERINGS.search(text).group(0)


def test_the_glossary_catches_a_second_rendering(tmp_path):
    po = tmp_path / "django.po"
    po.write_text('msgid "Ask an NGO Advisor"\nmsgstr "NGOアドバイザーに相談"\n', encoding="utf-8")
    assert entries(po) == [("Ask an NGO Advisor", ["NGOアドバイザーに相談"])]
    assert SECOND_RENDERINGS.search("NGO研究員の派遣") and not SECOND_RENDERINGS.search("NGO専門調査員の派遣")
