"""Pipeline behaviour and the spine's text stages on the example article and on made-up text."""

from __future__ import annotations

import pytest

from rasad.document import Document
from rasad.ingest.errors import ReadError
from rasad.pipeline import Pipeline
from rasad.text.normalize import NormalizeStage, normalize_string
from rasad.text.sentences import split_sentences
from rasad.text.tokens import tokenize


class Boom:
    name = "boom"

    def __call__(self, doc: Document) -> None:
        if "بمب" in doc.text:
            raise ValueError("bad article")
        doc.meta["boom_ok"] = True


class Marker:
    name = "marker"

    def __call__(self, doc: Document) -> None:
        doc.meta["ran_after"] = True


def test_failing_stage_gives_an_error_record_not_a_crash():
    pipe = Pipeline([Boom(), Marker()])
    docs = list(pipe.pipe([Document(raw="متن سالم"), ReadError("x", "unreadable"), Document(raw="بمب")]))
    assert docs[0].meta["boom_ok"] is True and docs[0].meta["ran_after"] is True and not docs[0].errors
    assert isinstance(docs[1], ReadError)
    assert docs[2].errors[0]["stage"] == "boom" and "bad article" in docs[2].errors[0]["error"]
    assert docs[2].meta.get("ran_after") is True  # later stages still ran


def test_enable_disable_by_name():
    full = Pipeline.default()
    assert full.names[:1] == ["normalize"] and "sentences" in full.names
    no_sent = Pipeline.default(disable=["sentences", "repeats"])
    assert "sentences" not in no_sent.names and "repeats" not in no_sent.names
    only = Pipeline.default(only=["normalize", "structure"])
    assert only.names == ["normalize", "structure"]
    with pytest.raises(ValueError, match="unknown stage"):
        Pipeline.default(disable=["nonsense"])


def test_normalisation_letters_digits_diacritics_spaces():
    raw = "رئيس  جمهور\u0640\u0640 اعلام كرد كه ٣ نفر در ساعت 10 و مدل A320 در  www.x.com/2 بودند ?"
    assert normalize_string(raw) == "رئیس جمهور اعلام کرد که ۳ نفر در ساعت ۱۰ و مدل A320 در www.x.com/2 بودند ?"
    doc = Pipeline.default(only=["normalize", "spacing"])(Document(raw=raw))
    assert doc.text.endswith("بودند؟")
    assert normalize_string("مَدرِسَةٌ") == "مدرسه"
    assert normalize_string("خانۀ ما") == "خانه ما"
    assert normalize_string("ﻻ") == "لا"
    assert normalize_string("می\u200c\u200cتوان \u200cمی\u200c توان\u200c") == "می\u200cتوان می توان"


def test_digits_policy_keep():
    stage = NormalizeStage(digits="keep")
    assert stage.normalize_string("سال 1395") == "سال 1395"
    assert stage.normalize_string("سال ١٣٩٥") == "سال ١٣٩٥"


def test_spacing_around_punctuation():
    doc = Pipeline.default(only=["normalize", "spacing"])(Document(raw="او گفت ، « این   درست است » و رفت .بعد"))
    assert doc.text == "او گفت، «این درست است» و رفت.بعد"


def test_sentences_respect_quotes_abbreviations_numbers():
    text = "او گفت: «این کار تمام شد. ما برمی‌گردیم.» سپس رفت. قیمت ۳.۵ درصد بالا رفت! دکتر. م. رضایی آمد؟ بله"
    sents = [text[s:e] for s, e in split_sentences(text, 0, len(text))]
    assert sents == [
        # a full stop inside «…» does not end the sentence; one closing the quotation does
        "او گفت: «این کار تمام شد. ما برمی‌گردیم.»",
        "سپس رفت.",
        "قیمت ۳.۵ درصد بالا رفت!",
        "دکتر. م. رضایی آمد؟",
        "بله",
    ]


def test_sentence_end_without_space_after_full_stop():
    text = "متهم دستگیر شد.وی اعلام کرد: تحقیقات ادامه دارد. ج.ا.ا اعلام کرد."
    sents = [text[s:e] for s, e in split_sentences(text, 0, len(text))]
    assert sents == ["متهم دستگیر شد.", "وی اعلام کرد: تحقیقات ادامه دارد.", "ج.ا.ا اعلام کرد."]


def test_tokens_keep_zwnj_words_numbers_urls():
    text = "همکاری‌ها در ۱۳۹۵/۹/۳۰ و 12,500 دلار؛ www.example.com/a?b=1 «نقل»"
    toks = [(text[s:e], k) for s, e, k in tokenize(text)]
    assert ("همکاری‌ها", "word") in toks
    assert ("۱۳۹۵/۹/۳۰", "num") in toks and ("12,500", "num") in toks
    assert ("www.example.com/a?b=1", "url") in toks
    assert ("؛", "punct") in toks and ("«", "punct") in toks


def test_example_structure(example_doc):
    assert example_doc.title == "قرارگاه مشترک ایران و روسیه در سوریه"
    labels = [p.label for p in example_doc.spans("paragraphs")]
    assert labels == ["paragraph", "paragraph", "paragraph", "source"]
    assert example_doc.span_text(example_doc.spans("paragraphs")[-1]) == "منبع: روزنامه آرمان"
    sents = [example_doc.span_text(s) for s in example_doc.spans("sentences")]
    assert sents[0].startswith("دبیر شورای عالی امنیت ملی ظهر دیروز") and sents[0].endswith("پاسخ گفت.")
    assert any(s.startswith("وی تاکید کرد:") for s in sents)
    # the title maps back to the raw file's title line
    t = example_doc.spans("title")[0]
    o0, o1 = example_doc.original(t)
    assert example_doc.raw[o0:o1] == "قرارگاه مشترک ایران و روسیه در سوریه"


def test_example_repeated_passage(example_doc):
    (rep,) = example_doc.spans("repeats")
    assert example_doc.span_text(rep).startswith("انعکاس پیامدهای ناشی از پیروزی مردم سوریه")
    first = rep.attrs["of"]
    assert first[0] < rep.start
    assert example_doc.text[first[0] : first[1]] == example_doc.span_text(rep)
    assert example_doc.text[rep.start - 15 : rep.start].strip().endswith("تاکید کرد:")


def test_repeats_ignore_short_overlaps_and_find_third_copy():
    from rasad.extract.repeats import find_repeats

    w = "الف ب پ ت ث ج چ ح خ د".split()
    assert find_repeats(w + ["x"] + w[:7], 8) == []
    res = find_repeats(w + ["x"] + w + ["y"] + w, 8)
    assert [r[1] for r in res] == [(11, 21), (22, 32)]
    assert all(r[0] == (0, 10) for r in res)
