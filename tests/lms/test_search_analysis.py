"""The analysis behind site search: Japanese bigrams, English stems, mixed text, hostile queries."""

import pytest

from lms.search_analysis import highlight, normalize, parse_query, tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("資金調達", ["資金", "金調", "調達"]),
        ("PCM研修", ["pcm", "研修"]),
        ("ＰＣＭ研修", ["pcm", "研修"]),  # full-width letters are the same word
        ("Accounting for small NGOs", ["account", "small", "ngos"]),
        ("会", ["会"]),
        ("ファンドレイジング", ["ファ", "ァン", "ンド", "ドレ", "レイ", "イジ", "ジン", "ング"]),
    ],
)
def test_tokens(text, expected):
    assert tokens(text) == expected


def test_english_keeps_its_stemming():
    assert parse_query("accounting").terms == parse_query("accounts").terms == ("account",)


def test_a_word_inside_japanese_text_shares_its_terms():
    assert set(parse_query("調達").terms) <= set(tokens("助成財団からの資金調達の方法"))
    assert set(parse_query("安全管理").terms) <= set(tokens("海外安全管理セミナー"))


def test_japanese_runs_become_phrases_checked_as_written():
    query = parse_query("東京都 PCM研修")
    assert query.phrases == ("東京都", "研修")
    assert set(query.terms) == {"東京", "京都", "pcm", "研修"}


@pytest.mark.parametrize("raw", ["", "   ", "<>", "AND OR", "\"'%_;--", "the of", "*"])
def test_queries_without_words_search_nothing(raw):
    assert not parse_query(raw)


def test_operator_words_are_plain_words():
    assert parse_query("NOT near").terms == ("not", "near")


def test_queries_are_bounded():
    assert len(parse_query(" ".join(f"word{n}" for n in range(500))).terms) == 32


def test_normalize():
    assert normalize("ＮＧＯ　Ｓｔａｆｆ") == "ngo staff"


def test_highlight_marks_stems_and_japanese_words():
    parts = highlight("Accounting for NGOs: NPO会計基準 and accounts.", parse_query("account 会計"))
    assert [text for text, marked in parts if marked] == ["Accounting", "会計", "accounts"]
    assert "".join(text for text, _marked in parts) == "Accounting for NGOs: NPO会計基準 and accounts."


def test_highlight_cuts_around_the_first_match():
    text = "x " * 300 + "the budget variance " + "y " * 300
    parts = highlight(text, parse_query("variance"), width=100)
    joined = "".join(part for part, _marked in parts)
    assert parts[0] == ("…", False) and parts[-1] == ("…", False)
    assert "variance" in joined and len(joined) <= 104


def test_highlight_leaves_markup_as_text():
    parts = highlight("<script>alert(1)</script> budget", parse_query("budget"))
    assert parts[0] == ("<script>alert(1)</script> ", False)  # the template escapes it
