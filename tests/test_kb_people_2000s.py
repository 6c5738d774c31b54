"""People added for issue 6: the office holders and public figures Fars news of 2000-2012 names."""

from __future__ import annotations

import json

import pytest

from rasad.kb import DATA_DIR, KnowledgeBase, match_key
from rasad.kb.commands import validate

ISSUE6 = "issue 6 people additions"


def _ids(kb: KnowledgeBase, name: str) -> list[str]:
    return [e.id for e in kb.lookup(name, "people")]


def _added() -> list[dict]:
    lines = (DATA_DIR / "people.jsonl").read_text(encoding="utf-8").splitlines()
    return [r for r in map(json.loads, lines) if ISSUE6 in r.get("source", "")]


def test_added_people_pass_the_checks() -> None:
    added = _added()
    assert len(added) >= 300
    assert validate() == []
    for r in added:
        assert r["id"].startswith("person:") and r["name"] and r["country"], r["id"]
        for o in r["offices"]:
            # a tenure is dated: an office with neither end would say nothing about who held it when
            assert o["start"], (r["id"], o["title"])
            assert o["end"] is None or o["start"] <= o["end"], (r["id"], o["title"])


def test_added_iranians_have_no_bare_common_surname() -> None:
    # «رجب زاده» in a football report is a player, not the Tehran police chief: a new Iranian's surname stands
    # alone only when it is rare (then it is written out in the data, and checked here against the full name)
    for r in _added():
        if r["country"] != "IRN":
            continue
        rest = match_key(" ".join(r["name"].split()[1:]))
        for alias in r["aliases"]:
            if match_key(alias) == rest:
                assert len(rest) >= 6, (r["id"], alias)
    assert _ids(KnowledgeBase.load(), "رجب زاده") == []


@pytest.mark.parametrize(
    ("name", "pid"),
    [
        ("لیونل ژوسپن", "person:lionel-jospin"),
        ("کاسیانوف", "person:mikhail-kasyanov"),
        ("ناجی صبری", "person:naji-sabri"),
        ("باقر جبر صولاغ", "person:bayan-jabr"),
        ("بولند اجویت", "person:bulent-ecevit"),
        ("مهدی بازرگان", "person:mehdi-bazargan"),
        ("بنیامن نتانیاهو", "person:benjamin-netanyahu"),  # a spelling Fars uses
        ("حمیدرضا فولادگر", "person:hamid-reza-fouladgar"),
    ],
)
def test_recurring_names_link(kb: KnowledgeBase, name: str, pid: str) -> None:
    assert _ids(kb, name) == [pid]


@pytest.mark.parametrize(
    ("title", "date", "country", "pid"),
    [
        ("نخست‌وزیر", "2003-01-01", "FRA", "person:jean-pierre-raffarin"),
        ("وزیر امور خارجه", "2001-05-01", "TUR", "person:ismail-cem"),
        ("وزیر دفاع", "2007-01-01", "IRQ", "person:abdul-qadir-al-obeidi"),
        ("نخست‌وزیر", "2006-05-01", "EGY", "person:ahmed-nazif"),
        ("وزیر دفاع", "2003-06-01", "GBR", "person:geoff-hoon"),
        ("رئیس‌جمهور", "2010-01-01", "ARG", "person:cristina-fernandez-de-kirchner"),
        ("نخست‌وزیر", "1979-06-01", "IRN", "person:mehdi-bazargan"),
        ("وزیر تعاون", "2007-02-11", "IRN", "person:mohammad-abbasi"),
        ("وزیر مسکن و شهرسازی", "2003-10-03", "IRN", "person:ali-abdolalizadeh"),
        ("فرمانده فرماندهی مرکزی آمریکا", "2002-01-01", "USA", "person:tommy-franks"),
    ],
)
def test_dated_titles_resolve(kb: KnowledgeBase, title: str, date: str, country: str, pid: str) -> None:
    assert [e.id for e in kb.office_holder(title, date, country)] == [pid]


def test_a_dated_foreign_title_links_in_text() -> None:
    from rasad.pipeline import analyze_text

    doc = analyze_text("خبرگزاری فارس: وزیر امور خارجه ترکیه گفت: ما با ایران همکاری می‌کنیم.", published="2001-05-01")
    linked = {s.attrs.get("kb_id") for s in doc.layers.get("mentions", []) if s.label == "PER"}
    assert "person:ismail-cem" in linked
