"""The knowledge-base loader (indexed office look-up) and `rasad kb` (show, search, validate, stats)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rasad.kb import KnowledgeBase, in_tenure, match_key
from rasad.kb.commands import search, stats, validate


def _write(root: Path, kind: str, records: list[dict]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / f"{kind}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")


def _clean(root: Path) -> Path:
    _write(root, "countries", [{"id": "country:IRN", "name": "ایران", "iso3": "IRN"}])
    _write(
        root,
        "people",
        [
            {
                "id": "person:a",
                "name": "علی الف",
                "aliases": ["الف"],
                "country": "IRN",
                "offices": [{"title": "وزیر نیرو", "country": "IRN", "start": "2001-02-03", "end": "2005"}],
            },
            {"id": "person:b", "name": "حسن ب", "aliases": [], "ambiguous_aliases": ["الف"], "country": "IRN"},
        ],
    )
    return root


def test_office_holder_by_date(kb: KnowledgeBase) -> None:
    holders = kb.office_holder("دبیر شورای عالی امنیت ملی", "2016-12-21")
    assert [e.name for e in holders] == ["علی شمخانی"]
    # Any spelling of the title is one key: ZWNJ, spaces and Arabic letters do not matter.
    assert kb.office_holder("دبير شوراي عالي امنيت ملي", "2016-12-21") == holders
    assert len(kb.office_holder("دبیر شورای عالی امنیت ملی")) > 1
    assert kb.office_holder("عنوانی که نیست") == []


def test_office_holder_country_filter(kb: KnowledgeBase) -> None:
    rus = kb.office_holder("رئیس‌جمهور", "2016-12-21", "RUS")
    assert [e.name for e in rus] == ["ولادیمیر پوتین"]
    assert kb.is_title("رئیس جمهور") and not kb.is_title("شمخانی")


def _scan(kb: KnowledgeBase, title: str, date: str | None) -> list[str]:
    """The reference: every person's every office, no index."""
    key = match_key(title)
    out = []
    for e in kb:
        for off in e.data.get("offices") or []:
            titles = {match_key(t) for t in [off.get("title", ""), *(off.get("title_aliases") or [])] if t}
            if key in titles and (date is None or in_tenure(date, off.get("start"), off.get("end"))):
                out.append(e.id)
                break
    return sorted(out)


@settings(max_examples=40, deadline=None)
@given(
    title=st.sampled_from(["رئیس‌جمهور", "وزیر امور خارجه", "دبیر شورای عالی امنیت ملی", "نخست‌وزیر", "وزیر دفاع"]),
    year=st.integers(1990, 2026),
    month=st.integers(1, 12),
)
def test_indexed_office_holder_equals_scan(kb: KnowledgeBase, title: str, year: int, month: int) -> None:
    date = f"{year:04d}-{month:02d}-15"
    assert sorted(e.id for e in kb.office_holder(title, date)) == _scan(kb, title, date)


def test_shipped_kb_has_unique_ids_and_valid_dates(kb: KnowledgeBase) -> None:
    # the shipped data passes every check `rasad kb validate` makes (ambiguity rules included)
    assert validate() == []
    assert len(kb) == len({e.id for e in kb})


def test_validate_clean_and_broken(tmp_path: Path) -> None:
    assert validate(_clean(tmp_path / "ok")) == []
    bad = _clean(tmp_path / "bad")
    _write(
        bad,
        "people",
        [
            {"id": "person:a", "name": "علی الف", "aliases": ["الف"], "offices": [{"title": "x", "start": "2005-13"}]},
            {"id": "person:a", "name": "حسن ب"},
            {"id": "person:d", "name": "محمد د", "aliases": ["ال‌ف"]},
            {"id": "person:c", "name": "رضا ج", "offices": [{"title": "y", "start": "2010", "end": "2001"}]},
        ],
    )
    problems = validate(bad)
    assert any("duplicate id person:a" in p for p in problems)
    assert any("«الف»" in p and "no disambiguation" in p for p in problems)
    assert any("not a date" in p for p in problems)
    assert any("before it starts" in p for p in problems)


def test_search_and_stats(kb: KnowledgeBase) -> None:
    assert search(kb, "شمخانی")[0].id == "person:ali-shamkhani"
    assert any(e.id == "country:IRN" for e in search(kb, "ایران"))
    s = stats(kb)
    assert s["entries"] == len(kb) and s["by_kind"]["people"] > 0 and s["offices"] > 0


def test_kb_cli(tmp_path: Path) -> None:
    from rasad.cli import app

    runner = CliRunner()
    ok = _clean(tmp_path / "ok")
    r = runner.invoke(app, ["kb", "validate", "--kb", str(ok)])
    assert r.exit_code == 0, r.output
    _write(ok, "countries", [{"id": "country:IRN", "name": "ایران"}, {"id": "country:IRN", "name": "ایران"}])
    r = runner.invoke(app, ["kb", "validate", "--kb", str(ok)])
    assert r.exit_code == 1 and "duplicate id" in r.output
    ok = _clean(tmp_path / "ok")
    r = runner.invoke(app, ["kb", "show", "person:a", "--kb", str(ok)])
    assert r.exit_code == 0 and json.loads(r.output)["name"] == "علی الف"
    assert runner.invoke(app, ["kb", "show", "person:zzz", "--kb", str(ok)]).exit_code == 1
    r = runner.invoke(app, ["kb", "search", "الف", "--kb", str(ok)])
    assert r.exit_code == 0 and "person:a" in r.output
    r = runner.invoke(app, ["kb", "stats", "--kb", str(ok)])
    assert json.loads(r.output)["by_kind"]["people"] == 2


def test_validate_everyday_word_names_need_a_disambiguation_rule(tmp_path: Path) -> None:
    root = _clean(tmp_path / "kb")
    (root / "everyday-words.txt").write_text("# comment\nپول\nبانک\n", "utf-8")
    _write(root, "places", [{"id": "place:pul", "name": "پول", "country": "IRN"},
                            {"id": "place:bank", "name": "بانک", "country": "IRN", "ambiguous": True},
                            {"id": "place:x", "name": "ایکس", "aliases": ["بانک"], "country": "IRN"}])
    problems = validate(root)
    assert any(p.startswith("place:pul:") and "everyday word" in p for p in problems)
    assert any(p.startswith("place:x:") and "«بانک»" in p for p in problems)
    assert not any(p.startswith("place:bank:") for p in problems)
    # The shipped list knows the words the shipped towns are named after.
    from rasad.kb.commands import everyday_words

    assert {"پول", "بانک"} <= everyday_words()


def test_kb_separates_namesakes_of_common_words_and_groups(kb: KnowledgeBase) -> None:
    # «کابل» is also "cable" and «رم» the Roma club: the capitals need context (marked ambiguous).
    for name in ("کابل", "رم"):
        places = kb.lookup(name, "places")
        assert places and all(e.data.get("ambiguous") and e.data.get("ambiguous_reason") for e in places)
    # «حرکت جهاد اسلامی» (HUJI) and «جهاد اسلامی مصر» are not the Palestinian Islamic Jihad.
    assert [e.id for e in kb.lookup("حرکت جهاد اسلامی")] == ["org:huji"]
    assert [e.id for e in kb.lookup("جهاد اسلامی مصر")] == ["org:egyptian-islamic-jihad"]
    assert [e.id for e in kb.lookup("جهاد اسلامی")] == ["org:pij"]


def test_kb_organisations_news_readers_meet(kb: KnowledgeBase) -> None:
    # Clubs named by a company and a city are one organisation, not the city.
    assert [e.id for e in kb.lookup("مس رفسنجان")] == ["org:mes-rafsanjan-fc"]
    assert [e.id for e in kb.lookup("گیتی پسند اصفهان")] == ["org:giti-pasand"]
    # Club names that are everyday words («پیکان», «ملوان») need context: listed as ambiguous forms only.
    for form, oid in (("پیکان", "org:paykan-fc"), ("ملوان", "org:malavan-fc")):
        entry = kb.get(oid)
        assert entry is not None and form in entry.data["ambiguous_aliases"] and form not in entry.aliases
    # Units with numbers: Persian and Latin digits are one key.
    assert [e.id for e in kb.lookup("لشکر 27 محمد رسول الله")] == ["org:div-27"]
    assert kb.get("org:div-27").data["parent"] == "org:irgc"  # type: ignore[union-attr]
    # A governorate for each of Iran's 31 provinces, under the interior ministry.
    governorates = [e for e in kb if e.id.startswith("org:governorate-")]
    assert len(governorates) == 31 and all(e.data["parent"] == "org:interior-iran" for e in governorates)
    assert [e.id for e in kb.lookup("سازمان انتقال خون")] == ["org:ibto"]
