"""Tokeniser (rasad.text.tokens) and the sentence splitter it works with."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.document import Document
from rasad.pipeline import Pipeline
from rasad.text.sentences import split_sentences
from rasad.text.tokens import TokenStage, tokenize, words


def toks(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], k) for s, e, k in tokenize(text)]


def test_zwnj_words_stay_whole() -> None:
    assert toks("رایزنی‌های سه‌جانبه می‌تواند") == [("رایزنی‌های", "word"), ("سه‌جانبه", "word"), ("می‌تواند", "word")]


@pytest.mark.parametrize("num", ["۱۲٫۵", "۱۳۹۵/۰۹/۱۲", "1,200", "۲۵٪", "۱۲:۳۰", "٣٤٥", "۱۴۰۰-۱۴۰۱", "3.14"])
def test_numbers_with_separators_are_one_token(num: str) -> None:
    assert toks(f"در {num} نفر") == [("در", "word"), (num, "num"), ("نفر", "word")]


def test_urls_emails_latin() -> None:
    text = "نشانی https://www.farsnews.ir/news/123?x=1. و info@farsnews.ir و COVID-19"
    got = toks(text)
    assert ("https://www.farsnews.ir/news/123?x=1", "url") in got
    assert (".", "punct") in got  # the full stop after the URL is not part of it
    assert ("info@farsnews.ir", "email") in got
    assert ("COVID-19", "latin") in got


def test_quotation_marks_are_tokens() -> None:
    assert toks("«سلام»") == [("«", "punct"), ("سلام", "word"), ("»", "punct")]


def test_stray_diacritic_is_punct() -> None:
    assert toks("سلام \u064e") == [("سلام", "word"), ("\u064e", "punct")]


def test_words_helper() -> None:
    assert words("او گفت: «۱۲ نفر»") == ["او", "گفت", "۱۲", "نفر"]


def test_range_arguments() -> None:
    text = "یک دو سه"
    assert tokenize(text, 3, 5) == [(3, 5, "word")]


def test_sentences_keep_quotations_and_numbers() -> None:
    text = "او گفت: «این کار تمام شد. ما ادامه می‌دهیم.» قیمت ۱۲.۵ درصد بالا رفت."
    sents = [text[s:e] for s, e in split_sentences(text, 0, len(text))]
    # no boundary inside the quotation or the number
    assert sents == ["او گفت: «این کار تمام شد. ما ادامه می‌دهیم.»", "قیمت ۱۲.۵ درصد بالا رفت."]


def test_token_stage_writes_layer_after_zwnj_repair() -> None:
    pipe = Pipeline.default(only=["normalize", "zwnj", "spacing", "tokens"])
    doc = pipe(Document(raw="رایزنیها میتواند", id="t"))
    assert [doc.text[s.start : s.end] for s in doc.spans("tokens")] == ["رایزنی‌ها", "می‌تواند"]
    assert all(s.label == "word" for s in doc.spans("tokens"))


def test_token_stage_direct() -> None:
    doc = Document(raw="سلام، دنیا", id="t")
    TokenStage()(doc)
    assert [s.label for s in doc.spans("tokens")] == ["word", "punct", "word"]


@given(st.text(alphabet="ابپ‌ ۱۲٫/.،«»aZ9@:", max_size=40))
def test_tokens_are_ordered_disjoint_and_cover_all_non_space(text: str) -> None:
    spans = tokenize(text)
    last = 0
    for s, e, _ in spans:
        assert last <= s < e
        last = e
    covered = {i for s, e, _ in spans for i in range(s, e)}
    # every character outside a token is white space or a ZWNJ that joins nothing
    assert all(text[i].isspace() or text[i] == "\u200c" for i in range(len(text)) if i not in covered)


def test_sentence_ends_without_space_and_abbreviations() -> None:
    text = "او دستگیر شد.وی گفت که ج.ا.ا آماده است. دکتر. علی آمد"
    sents = [text[s:e] for s, e in split_sentences(text, 0, len(text))]
    # a full stop between two Persian words still ends a sentence; dotted initials and «دکتر.» do not
    assert sents == ["او دستگیر شد.", "وی گفت که ج.ا.ا آماده است.", "دکتر. علی آمد"]


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("علي كه", "علی که"),  # Arabic letters, each replaced everywhere
        ("ساعت 12 در www.x.com/a1 و mp3", "ساعت ۱۲ در www.x.com/a1 و mp3"),  # digits outside URLs and Latin words
        ("سال 1402 و 1403", "سال ۱۴۰۲ و ۱۴۰۳"),
        ("چرا ?", "چرا؟"),  # a Latin mark after a Persian word, the space before it dropped
        ("الف , ب ; ج", "الف، ب؛ ج"),
        ("12,500 تومان", "۱۲,۵۰۰ تومان"),  # a comma inside a number stays
    ],
)
def test_normalise_and_spacing(raw: str, want: str) -> None:
    pipe = Pipeline.default(only=["normalize", "spacing"])
    assert pipe(Document(raw=raw, id="t")).text == want
