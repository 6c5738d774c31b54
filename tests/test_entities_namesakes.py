"""Entities stage: KB namesakes and ambiguous forms (2026-11-29, eighth session). A lone surname the KB marks
ambiguous needs the person's context; a given name of someone else makes a namesake; surnames that are ordinary
words; places inside longer place names; a name read as a person or a place by its document; an international
office holder takes the office's code. Each case has its near miss."""

from __future__ import annotations

from helpers import analyse
from rasad.document import Document


def kb_of(doc: Document, surface: str) -> set[str | None]:
    """KB ids of the entities the mentions with exactly this surface link to."""
    out: set[str | None] = set()
    for m in doc.spans("mentions"):
        if doc.span_text(m) == surface:
            ent = doc.entity(m.attrs.get("entity"))
            out.add(ent.kb_id if ent else None)
    return out


def test_common_iranian_surname_is_no_foreign_namesake(entities_pipe) -> None:
    text = "ابراهیمی صبح امروز در گردهمایی اعضای ستاد هفته مسجد گفت: جایگاه مساجد بسیار رفیع است."
    doc = analyse(entities_pipe, text, published="2013-08-20")
    assert "person:lakhdar-brahimi" not in kb_of(doc, "ابراهیمی")
    # near miss: his full name, then the bare surname, is him
    text2 = "اخضر ابراهیمی نماینده ویژه سازمان ملل در امور سوریه به دمشق رفت. ابراهیمی گفت: راه‌حل سیاسی است."
    doc2 = analyse(entities_pipe, text2, published="2013-08-20")
    assert kb_of(doc2, "ابراهیمی") == {"person:lakhdar-brahimi"}


def test_a_given_name_of_someone_else_makes_a_namesake(entities_pipe) -> None:
    doc = analyse(
        entities_pipe,
        "رئیس جمهور در دیدار خسوس پرز وزیر امور خارجه ونزوئلا گفت: روابط گسترش می‌یابد.",
        published="2004-05-01",
    )
    assert "person:shimon-peres" not in {k for m in doc.spans("mentions") if (k := m.attrs.get("kb_id"))}
    # near miss: Peres's own given name
    doc2 = analyse(
        entities_pipe, "شیمون پرز رئیس رژیم صهیونیستی گفت: مذاکرات ادامه دارد.", published="2010-05-01"
    )
    assert kb_of(doc2, "شیمون پرز") == {"person:shimon-peres"}


def test_surname_that_is_an_ordinary_word_after_a_noun(entities_pipe) -> None:
    doc = analyse(
        entities_pipe,
        "در عملیات ارتش سوریه یک بیمارستان صحرایی تروریست‌ها در دیرالزور کشف شد.",
        published="2024-03-01",
    )
    assert "person:reza-morad-sahraei" not in {m.attrs.get("kb_id") for m in doc.spans("mentions")}
    # near miss: his full name
    doc2 = analyse(
        entities_pipe, "رضامراد صحرایی وزیر آموزش و پرورش گفت: مدارس باز است.", published="2024-03-01"
    )
    assert kb_of(doc2, "رضامراد صحرایی") == {"person:reza-morad-sahraei"}


def test_place_inside_a_longer_place_name(entities_pipe) -> None:
    doc = analyse(entities_pipe, "۲۵ درصد صادرات استان به کشورهای آسیای میانه و ۴۶ درصد به افغانستان است.")
    assert "place:mianeh" not in {m.attrs.get("kb_id") for m in doc.spans("mentions")}
    assert kb_of(doc, "آسیای میانه") == {"place:central-asia"}
    # near miss: the town, where its MP speaks
    doc2 = analyse(entities_pipe, "سید بهلول حسینی نماینده مردم میانه در مجلس گفت: مسکن گران شد.")
    assert "place:mianeh" in {m.attrs.get("kb_id") for m in doc2.spans("mentions")}


def test_tripoli_in_a_lebanese_story(entities_pipe) -> None:
    text = "ارتش لبنان اعلام کرد که در درگیری‌هایی که از امروز در طرابلس آغاز شده است، دو نفر کشته شدند."
    assert kb_of(analyse(entities_pipe, text), "طرابلس") == {"place:tripoli-lebanon"}
    # near miss: a Libyan story
    text2 = "نیروهای دولت لیبی و لبنان ... درگیری‌ها در طرابلس ادامه دارد و قذافی سخنرانی کرد."
    assert kb_of(analyse(entities_pipe, text2), "طرابلس") == {"place:tripoli"}


def test_cameron_in_a_british_story_while_in_office(entities_pipe) -> None:
    text = "کامرون خواستار تشکیل جلسه فوری پارلمان انگلیس شد."
    assert kb_of(analyse(entities_pipe, text, published="2011-08-09"), "کامرون") == {"person:david-cameron"}
    # near miss: before he held an office the KB knows, the country
    assert kb_of(analyse(entities_pipe, text, published="2003-08-09"), "کامرون") == {"country:CMR"}


def test_international_office_holder_takes_the_office_code(entities_pipe) -> None:
    text = "محمد البرادعی مدیر کل آژانس بین‌المللی انرژی اتمی گفت: بازرسان به ایران می‌روند."
    doc = analyse(entities_pipe, text, published="2004-06-01")
    ent = next(e for e in doc.entities if e.kb_id == "person:mohamed-elbaradei")
    assert ent.code == "IAEA"
    # near miss: after his IAEA tenure he acts for no international office
    doc2 = analyse(
        entities_pipe,
        text.replace("مدیر کل آژانس بین‌المللی انرژی اتمی", "سیاستمدار مصری"),
        published="2013-07-10",
    )
    ent2 = next(e for e in doc2.entities if e.kb_id == "person:mohamed-elbaradei")
    assert ent2.code != "IAEA"
