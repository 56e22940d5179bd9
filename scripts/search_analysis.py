"""Compare Japanese analyses for site search on the demo content (run with the demo database loaded).

    python manage.py shell < scripts/search_analysis.py      # needs janome (requirements-dev.txt)

Queries are the words a person would type: every noun janome finds in the Japanese documents, and
every run of consecutive nouns (compounds such as 資金調達 or 安全管理計画). A document is relevant
when its normalized text contains the query. For each analysis: recall, precision, and terms stored.
"""

import time
import unicodedata

from janome.tokenizer import Tokenizer

from lms.models import SearchDocument
from lms.search_analysis import is_cjk, normalize, parse_query, tokens

tokenizer = Tokenizer()
documents = list(SearchDocument.objects.filter(language="ja").values_list("pk", "text"))


def janome_terms(text: str) -> list[str]:
    return [t.surface for t in tokenizer.tokenize(text) if t.surface.strip()]


started = time.monotonic()
janome_index = {pk: set(janome_terms(text)) for pk, text in documents}
janome_seconds = time.monotonic() - started
started = time.monotonic()
bigram_index = {pk: set(tokens(text)) for pk, text in documents}
bigram_seconds = time.monotonic() - started

queries: set[str] = set()
for _pk, text in documents:
    run: list[str] = []
    for token in tokenizer.tokenize(text):
        if token.part_of_speech.startswith("名詞") and all(is_cjk(ch) for ch in token.surface):
            run.append(token.surface)
            if len(token.surface) > 1:
                queries.add(token.surface)
        else:
            if len(run) > 1:
                queries.add("".join(run))
            run = []
queries = {normalize(unicodedata.normalize("NFKC", q)) for q in queries}


def score(match) -> tuple[float, float]:
    found = relevant = correct = 0
    for query in queries:
        truth = {pk for pk, text in documents if query in text}
        hits = {pk for pk, _text in documents if match(query, pk)}
        relevant += len(truth)
        found += len(hits)
        correct += len(truth & hits)
    return correct / relevant, correct / found if found else 1.0


def janome_match(query, pk):
    return set(janome_terms(query)) <= janome_index[pk]


def bigram_match(query, pk):
    return set(parse_query(query).terms) <= bigram_index[pk]


texts = dict(documents)


def bigram_phrase_match(query, pk):
    return bigram_match(query, pk) and all(p in texts[pk] for p in parse_query(query).phrases)


print(f"{len(documents)} Japanese documents, {len(queries)} queries")
for name, match, index, seconds in [
    ("janome (morphological)", janome_match, janome_index, janome_seconds),
    ("CJK bigrams", bigram_match, bigram_index, bigram_seconds),
    ("CJK bigrams + phrase check (used)", bigram_phrase_match, bigram_index, bigram_seconds),
]:
    recall, precision = score(match)
    terms = sum(len(v) for v in index.values())
    print(f"{name:36} recall {recall:6.1%}  precision {precision:6.1%}  terms {terms:6}  analysis {seconds:5.2f}s")
