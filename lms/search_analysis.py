"""Text analysis for site search: the same steps at indexing and at query time, on every database.

English words are stemmed with Snowball ("accounting" and "accounts" both become "account").
Japanese has no spaces, so runs of kanji, hiragana and katakana are cut into overlapping pairs of
characters, as Lucene's CJKAnalyzer does ("資金調達" gives 資金, 金調, 調達): a word from inside a
sentence or a title always shares its pairs with the text around it. The pairs find candidates
through the index; the query's Japanese runs are then matched as whole strings against the
document's normalized text, so 東京都 does not find a page that says 東京 and 京都 apart.
Text is NFKC-normalized first, so full-width ＰＣＭ and half-width PCM are the same word.
"""

import re
import unicodedata
from dataclasses import dataclass

import snowballstemmer

# Han (with the iteration mark 々), hiragana, katakana and the prolonged sound mark.
_CJK = "\u3005\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+")
_IS_CJK = re.compile(rf"[{_CJK}]")
_LATIN_WORD = re.compile(rf"[^\W_{_CJK}]+")
STOP_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
    }
)
MAX_TERM_LENGTH = 64

_stemmer = snowballstemmer.stemmer("english")


def normalize(text: str) -> str:
    """NFKC and lower case: the form the index and the phrase check compare."""
    return unicodedata.normalize("NFKC", text or "").lower()


def is_cjk(run: str) -> bool:
    return bool(_IS_CJK.match(run))


def stem(word: str) -> str:
    return _stemmer.stemWord(word)[:MAX_TERM_LENGTH]


def _cjk_terms(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def tokens(text: str) -> list[str]:
    """Index terms of ``text``, in order, with repeats (their count weighs the document)."""
    out: list[str] = []
    for run in _RUN.findall(normalize(text)):
        if is_cjk(run):
            out.extend(_cjk_terms(run))
        elif run not in STOP_WORDS:
            out.append(stem(run))
    return out


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[str, ...]  # every one must be in a matching document's index
    phrases: tuple[str, ...]  # Japanese runs that must appear as written (normalized)
    words: tuple[str, ...]  # the stems of the English words, to mark them in snippets

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases)


def parse_query(query: str, *, max_terms: int = 32) -> ParsedQuery:
    """A person's query as index terms; punctuation and operators are ignored, never interpreted."""
    terms: list[str] = []
    phrases: list[str] = []
    words: list[str] = []
    for run in _RUN.findall(normalize(query)):
        if is_cjk(run):
            phrases.append(run)
            if len(run) > 1:
                terms.extend(_cjk_terms(run))
        elif run not in STOP_WORDS:
            words.append(stem(run))
            terms.append(words[-1])
    unique = tuple(dict.fromkeys(terms))[:max_terms]
    return ParsedQuery(terms=unique, phrases=tuple(dict.fromkeys(phrases))[:8], words=tuple(dict.fromkeys(words)))


def highlight(text: str, query: ParsedQuery, *, width: int = 220) -> list[tuple[str, bool]]:
    """``text`` cut to about ``width`` characters around the first match, as (part, matched) pairs.

    The template escapes each part and wraps matched ones in <mark>, so nothing here is marked safe.
    """
    text = unicodedata.normalize("NFKC", text or "")
    spans: list[tuple[int, int]] = []
    lowered = text.lower()
    if len(lowered) == len(text):  # lower() keeps positions for every script the site writes in
        for phrase in query.phrases:
            start = lowered.find(phrase)
            while start != -1:
                spans.append((start, start + len(phrase)))
                start = lowered.find(phrase, start + len(phrase))
        if query.words:
            for match in _LATIN_WORD.finditer(lowered):
                if stem(match.group()) in query.words:
                    spans.append(match.span())
    spans = _merge(spans)
    begin = 0
    if spans and len(text) > width:
        begin = max(0, spans[0][0] - width // 4)
        while begin > 0 and not text[begin - 1].isspace() and spans[0][0] - begin < width // 2:
            begin -= 1
    end = min(len(text), begin + width)
    if end < len(text):
        space = text.rfind(" ", begin + width // 2, end)
        end = space if space != -1 else end
    parts: list[tuple[str, bool]] = []
    if begin > 0:
        parts.append(("…", False))
    cursor = begin
    for start, stop in spans:
        if stop <= begin or start >= end:
            continue
        start, stop = max(start, begin), min(stop, end)
        if start > cursor:
            parts.append((text[cursor:start], False))
        parts.append((text[start:stop], True))
        cursor = stop
    if cursor < end:
        parts.append((text[cursor:end], False))
    if end < len(text):
        parts.append(("…", False))
    return parts


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, stop in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))
        else:
            merged.append((start, stop))
    return merged
