"""People in the KB: foreign officials with titles and tenures, spelling variants, ambiguous surnames."""

from __future__ import annotations

import collections

import pytest

from rasad.kb import KnowledgeBase, everyday_words, match_key
from rasad.kb.commands import validate


def _ids(kb: KnowledgeBase, name: str) -> list[str]:
    return [e.id for e in kb.lookup(name, "people")]


def test_kb_validates() -> None:
    assert validate() == []


@pytest.mark.parametrize(
    ("name", "pid"),
    [
        ("مایک پامپئو", "person:mike-pompeo"),  # the spelling Fars uses
        ("پمپئو", "person:mike-pompeo"),
        ("عوزی دایان", "person:uzi-dayan"),
        ("زلمای خلیلزاد", "person:zalmay-khalilzad"),
        ("خلیل زاد", "person:zalmay-khalilzad"),  # ZWNJ written as a space
        ("مقتدا صدر", "person:muqtada-al-sadr"),
        ("دیمیتری میدویدیف", "person:dmitry-medvedev"),
        ("سیدحسن نصرالله", "person:hassan-nasrallah"),
        ("ابومرزوق", "person:mousa-abu-marzouk"),
        ("واسیلی نبنزیا", "person:vasily-nebenzya"),
    ],
)
def test_press_spellings_link(kb: KnowledgeBase, name: str, pid: str) -> None:
    assert _ids(kb, name) == [pid]


@pytest.mark.parametrize(
    ("title", "date", "country", "pid"),
    [
        ("نماینده دائم آمریکا در سازمان ملل", "2018-03-01", None, "person:nikki-haley"),
        ("سفیر آمریکا در سازمان ملل", "2014-05-01", None, "person:samantha-power"),
        ("رئیس ستاد ارتش اسرائیل", "2006-07-20", "ISR", "person:dan-halutz"),
        ("وزیر دفاع", "2006-07-20", "ISR", "person:amir-peretz"),
        ("مشاور امنیت ملی", "2017-06-01", "USA", "person:hr-mcmaster"),
        ("رئیس سیا", "2019-05-01", "USA", "person:gina-haspel"),
        ("نخست‌وزیر", "2014-01-01", "SYR", "person:wael-al-halqi"),
        ("رئیس مجلس", "2012-01-01", "IRQ", "person:osama-al-nujaifi"),
        ("وزیر امور خارجه", "2016-01-01", "BHR", "person:khalid-bin-ahmed-al-khalifa"),
        ("دبیرکل اوپک", "2018-01-01", None, "person:mohammad-barkindo"),
    ],
)
def test_office_holder_by_date(kb: KnowledgeBase, title: str, date: str, country: str | None, pid: str) -> None:
    assert [e.id for e in kb.office_holder(title, date, country)] == [pid]


def test_rival_yemeni_governments_do_not_share_a_title(kb: KnowledgeBase) -> None:
    # Sanaa's «دولت نجات ملی» and the Hadi government ran at once: a bare «نخست‌وزیر یمن» of 2017 is Hadi's.
    assert [e.id for e in kb.office_holder("نخست‌وزیر", "2017-06-01", "YEM")] == ["person:ahmed-obeid-bin-daghr"]
    sanaa = kb.office_holder("نخست‌وزیر دولت نجات ملی یمن", "2017-06-01", "YEM")
    assert [e.id for e in sanaa] == ["person:abdulaziz-bin-habtoor"]


@pytest.mark.parametrize(
    "form",
    [
        "راب",  # Dominic Raab's surname; also «راب لودویک» and others
        "دوستم",  # «my friend»
        "مکر",  # «deceit»
        "کارتر",  # Jimmy or Ash Carter
        "بهشتی",  # the university and streets named after him
        "علی محمدی",  # a common full name, same match key as «علیمحمدی»
    ],
)
def test_ambiguous_forms_are_not_plain_aliases(kb: KnowledgeBase, form: str) -> None:
    assert _ids(kb, form) == []
    marked = [e.id for e in kb if e.kind == "people" and form in e.data.get("ambiguous_aliases", [])]
    assert marked or match_key(form) == match_key("علیمحمدی")


def test_shared_surname_goes_to_the_dominant_reading(kb: KnowledgeBase) -> None:
    # «لیبرمن» in Persian news is Avigdor Lieberman; Joe Lieberman keeps it as an ambiguous alias.
    assert _ids(kb, "لیبرمن") == ["person:avigdor-lieberman"]
    assert "لیبرمن" in (kb.get("person:joe-lieberman") or kb.get("person:avigdor-lieberman")).data.get("ambiguous_aliases", [])


def test_no_one_word_everyday_alias(kb: KnowledgeBase) -> None:
    every = everyday_words()
    bad = [
        (e.id, a)
        for e in kb
        if e.kind == "people"
        for a in [e.name, *e.data.get("aliases", [])]
        if len(a.split()) == 1 and match_key(a) in every
    ]
    assert bad == []


def _lo(d: str) -> str:
    return d if len(d) == 10 else (d + "-00-00")[:10]


def _hi(d: str) -> str:
    return d if len(d) == 10 else (d + "-99-99")[:10]


def test_heads_and_ministers_do_not_overlap(kb: KnowledgeBase) -> None:
    """One president, prime minister, foreign and defence minister per country at a time, so a dated title
    resolves to one person (partial dates compared generously: only certain overlaps count)."""
    titles = ("رئیس‌جمهور", "نخست‌وزیر", "وزیر امور خارجه", "وزیر دفاع")
    tenures: dict[tuple[str, str], list[tuple[str, str, str]]] = collections.defaultdict(list)
    for e in kb:
        if e.kind != "people":
            continue
        for o in e.data.get("offices", []):
            if o["title"] in titles and o.get("country"):
                tenures[(o["title"], o["country"])].append((o.get("start") or "", o.get("end") or "9999", e.id))
    clashes = []
    for key, lst in tenures.items():
        lst.sort()
        for i, a in enumerate(lst):
            for b in lst[i + 1 :]:
                if a[2] != b[2] and _hi(b[0]) < _lo(a[1]):
                    clashes.append((key, a, b))
    assert clashes == []


def test_every_person_has_schema_fields(kb: KnowledgeBase) -> None:
    required = {"id", "name", "aliases", "honorifics", "country", "gender", "offices", "sector", "qid", "source"}
    sectors = {"GOV", "MIL", "LEG", "JUD", "REL", "OPP", "REB", "PTY", "IGO", "MED", "SPT", "CVL", "EDU", "BUS"}
    for e in kb:
        if e.kind != "people":
            continue
        assert required <= set(e.data), e.id
        assert e.data["sector"] in sectors, e.id
        assert e.data["gender"] in ("male", "female"), e.id
        for o in e.data["offices"]:
            assert {"title", "title_aliases", "org", "country", "start", "end"} <= set(o), e.id


def test_speaker_named_in_text_is_linked() -> None:
    from rasad.pipeline import analyze_text

    doc = analyze_text(
        "خبرگزاری فارس: عوزی دایان، از فرماندهان سابق ارتش رژیم صهیونیستی، گفت: ما آماده‌ایم.",
        published="2019-05-01",
    )
    linked = {s.attrs.get("kb_id") for s in doc.layers.get("mentions", []) if s.label == "PER"}
    assert "person:uzi-dayan" in linked
