"""Speaker rules of the second generalisation round (issue 4): each test fails without its rule."""

from __future__ import annotations

import pytest

from rasad.document import Document, Entity, Span
from rasad.extract.quotes import QuoteStage
from rasad.pipeline import Pipeline, Resources

BEFORE = ["normalize", "zwnj", "spacing", "structure", "sentences", "tokens", "repeats", "sources"]


@pytest.fixture(scope="module")
def prep():
    return Pipeline.default(only=BEFORE)


@pytest.fixture(scope="module")
def stage():
    return QuoteStage(Resources())


@pytest.fixture(scope="module")
def run(prep, stage):
    def _run(text: str) -> Document:
        doc = Document(raw=text)
        prep(doc)
        stage(doc)
        return doc

    return _run


def test_named_speaker_is_tied_to_the_entity_of_the_same_name(prep, stage):
    doc = Document(raw="سید هادی حسینی نماینده مردم سوادکوه گفت: توهین به بزرگان دینی پذیرفته نیست.")
    prep(doc)
    doc.entities.append(Entity("e1", "هادی حسینی", "PER"))
    doc.layer("mentions").append(Span(0, 14, "PER", {"entity": "e1", "kind": "name"}))
    stage(doc)
    (q,) = doc.spans("quotes")
    assert q.attrs["speaker"] == "e1"
    assert q.attrs["speaker_name"] == "سید هادی حسینی"  # the name as the article writes it


def test_entity_of_another_full_name_is_not_tied(prep, stage):
    doc = Document(raw="هادی حسینی گفت: این موضوع جدید نیست.")
    prep(doc)
    doc.entities.append(Entity("e1", "حسین حسینی", "PER"))
    stage(doc)
    (q,) = doc.spans("quotes")
    assert q.attrs["speaker"] is None and q.attrs["speaker_name"] == "هادی حسینی"


def test_given_name_before_a_kb_surname_is_another_person(run):
    doc = run("جعفر علی‌آبادی امروز در گفت‌وگو با خبرنگار فارس اظهار کرد: مسابقات در حال برگزاری است.")
    (q,) = doc.spans("quotes")
    assert q.attrs["speaker_name"] == "جعفر علی‌آبادی"


def test_partitive_after_a_name_is_its_apposition(run):
    doc = run("مولوی عبدالعزیز یکی از رهبران قبایل پاکستان گفت: ما راه او را ادامه خواهیم داد.")
    (q,) = doc.spans("quotes")
    assert q.attrs["speaker_name"] == "عبدالعزیز"  # «مولوی» is an honorific


def test_time_word_ends_the_speaker(run):
    doc = run("همایون یوسفی شامگاه پنجشنبه در مراسم تجلیل از قهرمانان اظهار کرد: فوتبال یک سیاست است.")
    (q,) = doc.spans("quotes")
    assert q.attrs["speaker_name"] == "همایون یوسفی"


def test_that_clause_runs_to_the_main_cue(run):
    doc = run(
        "یوسفی با بیان اینکه در میان رشته‌های مختلف، فوتبال یک رشته ویژه است اظهار کرد: "
        "به همین دلیل فوتبال یک سیاست شده است."
    )
    texts = [doc.span_text(q) for q in doc.spans("quotes")]
    assert "در میان رشته‌های مختلف، فوتبال یک رشته ویژه است" in texts
    assert not any("اظهار کرد" in t for t in texts)


def test_letter_quoted_after_its_senders_sentence(run):
    doc = run(
        "اعضای شورای اسلامی شهر یاسوج در نامه‌ای خطاب به استاندار خواستار توقف ساخت و ساز شدند.\n\n"
        "در این نامه آمده است: شهر یاسوج پایتخت طبیعت ایران نامگذاری شده است."
    )
    (q,) = doc.spans("quotes")
    assert doc.span_text(q).startswith("شهر یاسوج پایتخت")
    assert q.attrs["speaker_name"] == "شورای اسلامی شهر یاسوج"


def test_message_text_in_the_next_paragraph(run):
    doc = run(
        "سردار محمدحسین حمیدی در پیامی روز خبرنگار را تبریک گفت.\n\n"
        "در متن این پیام آمده است:\n\n"
        "خبرنگاران تجسم امانت و تعهد هستند."
    )
    (q,) = doc.spans("quotes")
    assert doc.span_text(q).startswith("خبرنگاران تجسم")
    assert q.attrs["speaker_name"] == "محمدحسین حمیدی"


def test_count_head_keeps_its_partitive_not_the_event(run):
    doc = run(
        "هزاران نفر از ساکنان مناطق قبایلی پاکستان در اولین سالگرد قتل رهبر خود اعلام کردند "
        "از مبارزه دست نخواهند کشید."
    )
    (q,) = doc.spans("quotes")
    assert q.attrs["speaker_name"] == "هزاران نفر از ساکنان مناطق قبایلی پاکستان"


def test_a_speaker_with_a_joined_sayyid_names_the_entity_without_it() -> None:
    # the entities stage makes «مهران نوربخش» the entity and «سیدمهران نوربخش» a mention of it; the quote,
    # whose speaker keeps the article's form, names that entity
    from rasad.pipeline import analyze_text

    doc = analyze_text("سیدمهران نوربخش، مدیرکل روابط عمومی هلال احمر گفت: امدادرسانی ادامه دارد.")
    (q,) = doc.spans("quotes")
    ent = doc.entity(q.attrs["speaker"])
    assert ent is not None and ent.name == "مهران نوربخش"
