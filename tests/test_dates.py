"""Time expressions: detection, calendars, resolution against the publication date (tests/gold/README.md)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import jdatetime
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.document import Document
from rasad.extract.dates import (
    DateExtractor,
    DateStage,
    gregorian_to_hijri,
    hijri_to_gregorian,
    is_future,
    load_lexicon,
    parse_published,
)
from rasad.ingest.jsonl import record_to_document
from rasad.pipeline import Pipeline

EXAMPLE = Path("/work/shared/examples/aleppo-joint-hq.txt")
X = DateExtractor()
TEXT_STAGES = ["normalize", "zwnj", "spacing", "structure", "sentences", "tokens", "dates"]


def found(text: str, published: str | None = None) -> dict[str, str | None]:
    return {text[t.start : t.end]: t.value for t in X.extract(text, published)}


def one(text: str, published: str | None = None) -> str | None:
    out = X.extract(text, published)
    assert len(out) == 1, [(text[t.start : t.end], t.value) for t in out]
    return out[0].value


@pytest.fixture(scope="module")
def text_pipeline() -> Pipeline:
    return Pipeline.default(only=TEXT_STAGES)


def _example(published: str | None, pipe: Pipeline) -> Document:
    from rasad.ingest.text import read_text_file

    doc = read_text_file(EXAMPLE)
    doc.published = published
    return pipe(doc)


@pytest.mark.skipif(not EXAMPLE.exists(), reason="shared example not mounted")
def test_example_noon_yesterday_unresolved_without_date(text_pipeline: Pipeline) -> None:
    doc = _example(None, text_pipeline)
    spans = [s for s in doc.spans("dates") if doc.span_text(s) == "ظهر دیروز"]
    assert len(spans) == 1
    a = spans[0].attrs
    assert a["value"] is None and a["resolved"] is False
    assert "publication date" in a["reason"]


@pytest.mark.skipif(not EXAMPLE.exists(), reason="shared example not mounted")
def test_example_noon_yesterday_resolved_with_date(text_pipeline: Pipeline) -> None:
    doc = _example("2016-12-21", text_pipeline)
    spans = [s for s in doc.spans("dates") if doc.span_text(s) == "ظهر دیروز"]
    assert [s.attrs["value"] for s in spans] == ["2016-12-20T12:00"]
    assert spans[0].label == "relative" and spans[0].attrs["resolved"] is True


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("در ۳۰ آذر ۱۳۹۵ گفت", "2016-12-20"),
        ("در ۱۳۹۵/۹/۳۰ گفت", "2016-12-20"),
        ("روز ۲۰ دسامبر ۲۰۱۶ گفت", "2016-12-20"),
        ("در سی‌ام آذرماه ۱۳۹۵ گفت", "2016-12-20"),
        ("اول فروردین ۸۵ آغاز شد", "2006-03-21"),
        ("در ژانویه ۲۰۰۵ گفت", "2005-01"),
        ("در سال ۱۹۹۲ گفت", "1992"),
        ("در سال ۸۲ گفت", "2003"),
        ("در سال ۱۳۸۲ گفت", "2003"),
        ("از ۶ تا ۸ ژوئن ۲۰۰۶ برگزار می‌شود", "2006-06-06/2006-06-08"),
        ("در ۱۰ محرم ۱۴۳۸ گفت", "2016-10-12"),
        ("سال ۲۰۱۲اشاره کرد", "2012"),  # a year glued to the next word in scraped text
    ],
)
def test_absolute_dates_need_no_anchor(text: str, value: str) -> None:
    assert one(text, None) == value


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("دیروز گفت", "2016-12-21", "2016-12-20"),
        ("ظهر دیروز گفت", "2016-12-21", "2016-12-20T12:00"),
        ("بامداد امروز گفت", "2016-12-21", "2016-12-21"),
        ("شب گذشته گفت", "2005-02-19", "2005-02-18"),
        ("روز گذشته گفت", "2005-03-27", "2005-03-26"),
        ("سه روز پیش گفت", "2016-12-21", "2016-12-18"),
        ("یک هفته پیش گفت", "2007-04-16", "2007-04-09"),
        ("دو سال قبل گفت", "2007-07-20", "2005"),
        ("هفته گذشته گفت", "2003-07-15", "2003-W28"),
        ("هفته آینده سفر می‌کند", "2006-06-01", "2006-W23"),
        ("ماه آینده برگزار می‌شود", "2008-08-08", "2008-09"),
        ("دسامبر گذشته گفت", "2005-09-02", "2004-12"),
        ("در دی گذشته صادر شد", "2011-03-14", "2011-01"),
        ("۳۱ شهریور امسال رخ داد", "2011-03-14", "2010-09-22"),
        ("۱۷ دسامبر سال گذشته گفت", "2005-09-02", "2004-12-17"),
        ("پنجم نوامبر اعدام شد", "2007-01-15", "2006-11-05"),
        ("روز ۲۳جولای گذشته گفت", "2008-08-08", "2008-07-23"),
        ("سال جاری میلادی", "2008-08-08", "2008"),
        ("عاشورای امسال", "2016-12-21", "2016-10-12"),
    ],
)
def test_relative_expressions_resolve_against_published(text: str, published: str, value: str) -> None:
    assert one(text, published) == value


def test_weekdays_past_by_default_future_with_future_verb() -> None:
    pub = "2007-07-20"  # a Friday
    assert one("شورای عالی قضایی روز سه شنبه حکم را تقلیل داد.", pub) == "2007-07-17"
    assert one("وزرای خارجه روز دوشنبه این مساله را بررسی قرار می‌دهند.", pub) == "2007-07-23"
    assert one("وزرا روز دوشنبه دیدار خواهند کرد.", pub) == "2007-07-23"
    assert one("روز جمعه گفت.", pub) == pub  # the same weekday is the publication day itself
    assert one("سه‌شنبه گذشته گفت.", "2011-06-03") == "2011-05-31"


def test_a_bare_month_ahead_must_be_twice_as_near_as_the_one_behind() -> None:
    # Published in January: June is 5 months ahead, 7 behind; a report of the past means last June.
    assert one("کابینه پس از کسب قدرت در ماه ژوئن تشکیل شد.", "2011-01-14") == "2010-06"
    # A postponement a couple of months ahead stays ahead (2 × 2 months < 10 months behind).
    assert one("شورا قضاوت را به ماه نوامبر موکول کرده است.", "2004-09-18") == "2004-11"
    # A future verb takes the next one, however far.
    assert one("وزرا در ماه ژوئن دیدار خواهند کرد.", "2011-01-14") == "2011-06"
    # A deadline («تا …») is the nearest either way.
    assert one("هدف این است که تا پایان ماه ژوئن قدرت را واگذار نماید.", "2004-01-27") == "2004-06"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("مردم در حماسه ۹ دی پاسخ دادند.", "2009-12-30"),
        ("قیام ۱۹ دی قم جرقه انقلاب بود.", "1978-01-09"),
        ("کودتای ۲۸ مرداد نمونه‌ای از حمایت آمریکا بود.", "1953-08-19"),
    ],
)
def test_named_historic_dates_need_no_publication_date(text: str, value: str) -> None:
    # The event noun names one day in history; the bare «۲۸ مرداد» would be this year's.
    assert one(text, None) == value
    assert one(text, "2006-05-10") == value


def test_future_detection_reads_the_first_verb() -> None:
    lex = load_lexicon()
    t = "مطر که روز دوم ماه می دستگیر شده است و اعضا در زندان به سر می‌برند."
    end = t.index("می د") + 2
    assert not is_future(t, 0, end, lex)
    t2 = "شورا روز چهارشنبه قانون را امضا می‌کند و «برمر» آن را تایید خواهد کرد."
    assert is_future(t2, 0, t2.index(" قانون"), lex)


def test_without_published_every_anchored_expression_is_unresolved() -> None:
    text = "امروز و دیروز و روز شنبه و هفته گذشته و ۱۶ اسفند و سال جاری و سه ماه پیش؛ در سال ۲۰۰۱."
    out = X.extract(text, None)
    values = {text[t.start : t.end]: (t.value, t.reason) for t in out}
    assert values["سال ۲۰۰۱"] == ("2001", None)
    unresolved = [k for k, (v, _) in values.items() if v is None]
    assert set(unresolved) == {"امروز", "دیروز", "روز شنبه", "هفته گذشته", "۱۶ اسفند", "سال جاری", "سه ماه پیش"}
    assert all(values[k][1] for k in unresolved)  # each says why


@pytest.mark.parametrize(
    "text",
    [
        "امام جمعه موقت تهران گفت",  # «جمعه» in a title is no weekday
        "نماز جمعه این هفته",  # only «این هفته» is a date here
        "امروزه همه می‌دانند",
        "او با مهر و محبت گفت",  # «مهر» without a day number is no month
        "سه تیر به سمت هدف رفت",
        "او می گوید که",
    ],
)
def test_ordinary_words_are_not_dates(text: str) -> None:
    got = found(text, "2016-12-21")
    assert all(k == "این هفته" for k in got), got


def test_named_date_only_after_the_event() -> None:
    assert one("پس از حوادث ۱۱ سپتامبر", "2004-10-03") == "2001-09-11"


def test_published_from_jsonl_reader_flows_into_resolution() -> None:
    doc = record_to_document({"id": "a", "text": "رئیس‌جمهور دیروز گفت.", "published": "2011-03-14T08:00:00"}, "x:1")
    assert not isinstance(doc, Exception)
    assert doc.published is not None
    DateStage()(doc)
    assert [s.attrs["value"] for s in doc.spans("dates")] == ["2011-03-13"]


def test_parse_published_accepts_datetimes_and_jalali() -> None:
    assert parse_published("2016-12-21T10:00:00+03:30") == dt.date(2016, 12, 21)
    assert parse_published("1395-09-30") == dt.date(2016, 12, 20)
    assert parse_published("۲۰۱۶-۱۲-۲۱") == dt.date(2016, 12, 21)
    assert parse_published("yesterday") is None
    assert parse_published(None) is None


def test_layer_contract() -> None:
    doc = Document(raw="ظهر دیروز و ۳۰ آذر ۱۳۹۵", published="2016-12-21")
    DateStage()(doc)
    spans = doc.spans("dates")
    assert [doc.span_text(s) for s in spans] == ["ظهر دیروز", "۳۰ آذر ۱۳۹۵"]
    for s in spans:
        assert set(s.attrs) >= {"value", "resolved", "calendar"}
    assert spans[1].attrs["calendar"] == "jalali"
    assert json.loads(doc.dumps())["layers"]["dates"][0]["attrs"]["value"] == "2016-12-20T12:00"


JALALI = [e["forms"][0] for e in load_lexicon().raw["jalali_months"]]
GREG = [e["forms"][0] for e in load_lexicon().raw["gregorian_months"]]
FA = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2070, 12, 31)))
def test_jalali_in_words_roundtrips(d: dt.date) -> None:
    j = jdatetime.date.fromgregorian(date=d)
    text = f"در {str(j.day).translate(FA)} {JALALI[j.month - 1]} ماه {str(j.year).translate(FA)} گفت"
    assert one(text) == d.isoformat()


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_gregorian_in_words_roundtrips(d: dt.date) -> None:
    text = f"در {str(d.day).translate(FA)} {GREG[d.month - 1]} {str(d.year).translate(FA)} گفت"
    assert one(text) == d.isoformat()


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2060, 12, 31)), st.integers(1, 12))
def test_days_ago_is_anchor_minus_n(d: dt.date, n: int) -> None:
    text = f"{str(n).translate(FA)} روز پیش گفت"
    assert one(text, d.isoformat()) == (d - dt.timedelta(days=n)).isoformat()


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2070, 12, 31)))
def test_hijri_conversion_roundtrips(d: dt.date) -> None:
    y, m, day = gregorian_to_hijri(d)
    assert 1 <= m <= 12 and 1 <= day <= 30
    assert hijri_to_gregorian(y, m, day) == d


# -- keyword prefilter --------------------------------------------------------------------------------------
PREFILTER_TEXTS = [
    "سه روز پیش و دو هفته قبل وزیر آمد.",  # «روز پیش» is a relative day word and the unit of an amount
    "حملات ۱۱ سپتامبر ۲۰۰۱ و ۱۱ سپتامبر را به یاد می‌آورند.",  # a named date inside a full date
    "در آبانماه ۱۳۸۵ و ۲۳جولای ۲۰۰۸ و سه‌شنبه هفته گذشته نشست برگزار شد.",  # glued words, ZWNJ weekday
    "او می‌خواهد در ۲ مه ۲۰۱۹ و ۱۵ می ۲۰۲۰ سفر کند؛ ۱۳۹۵/۹/۳۰ و 30/9/1395 هم آمد.",
    "عاشورای سال قبل، سال ۱۹۹۲ میلادی، امسال و سال جاری، ماه آینده و اواخر دی ماه.",
    "بامداد روز سه شنبه ۳۰ آذر ماه سال ۱۳۹۵ هجری شمسی و ربیع الاول ۱۴۳۸ قمری.",
]


@pytest.mark.parametrize("text", PREFILTER_TEXTS)
def test_prefilter_finds_what_a_full_scan_finds(text: str) -> None:
    """The patterns run only around anchor words: the candidates must equal a scan of the whole text."""
    ex = DateExtractor()
    full = []
    for name, pat in ex.lex.patterns:
        full += [(m.start(), m.end(), name) for m in pat.finditer(text) if m.end() > m.start()]
    windowed = {(s, e, n) for s, e, n, _ in ex.candidates(text)}
    # every chosen candidate is a full-scan match, and the full scan's choice is the same
    assert windowed <= set(full)
    ex_full = DateExtractor()
    ex_full.lex = replace(ex.lex, family={})  # no family: every pattern runs over the whole text
    assert windowed == {(s, e, n) for s, e, n, _ in ex_full.candidates(text)}
    assert windowed  # each text has dates


def test_prefilter_skips_texts_without_anchor_words() -> None:
    ex = DateExtractor()
    assert ex.windows("وزیر خارجه ایران با همتای روس خود دیدار و گفت‌وگو می‌کند.") == {}
