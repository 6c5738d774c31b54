"""benchmarks/annotator_agreement.py scores two annotations of the same articles with rasad eval's matchers,
and the second annotation of fars-events-4 is a well-formed gold file of the same articles."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest

from rasad.evaluation.articles import Keys, iter_gold

ROOT = Path(__file__).parents[1]
FIRST = ROOT / "tests/gold/fars-events-4.jsonl"
SECOND = ROOT / "tests/gold/agreement/fars-events-4.second.jsonl"
PLOVER = json.loads((ROOT / "src/rasad/extract/data/plover.json").read_text("utf-8"))["types"]
CODE = re.compile(r"[A-Z]{2,5}")
ISO = re.compile(
    r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2})?)?)?|\d{4}-W\d{2}|"
    r"\d{4}(-\d{2}){0,2}/\d{4}(-\d{2}){0,2}"
)


def _module() -> Any:
    spec = importlib.util.spec_from_file_location(
        "annotator_agreement", ROOT / "benchmarks/annotator_agreement.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


agreement = _module()


def _article(events: list[dict[str, Any]], dates: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": "t-1",
        "text": "دیروز وزیر خارجه ایران با همتای روس دیدار کرد و سال ۱۴۰۰ را سال همکاری خواند.",
        "published": "2021-05-02",
        "events": events,
        "dates": dates,
    }


EVENTS = [
    {"type": "CONSULT", "actor": ["IRN", "RUS"], "recipient": [], "place": "مسکو"},
    {"type": "ACCUSE", "actor": ["IRN"], "recipient": ["USA"], "place": None},
    {"type": "COERCE", "mode": "arrest", "actor": ["IRN"], "recipient": ["CRM"], "place": None},
]
DATES = [{"text": "دیروز", "value": "2021-05-01"}, {"text": "سال ۱۴۰۰", "value": "2021"}]


def _write(tmp_path: Path, name: str, art: dict[str, Any]) -> Path:
    p = tmp_path / name
    p.write_text(json.dumps(art, ensure_ascii=False) + "\n", "utf-8")
    return p


def test_identical_files_agree_fully(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.jsonl", _article(EVENTS, DATES))
    b = _write(tmp_path, "b.jsonl", _article(EVENTS, DATES))
    res, _ = agreement.compare(a, b)
    ev = res["events"]
    assert (ev["precision"], ev["recall"], ev["f1"]) == (1.0, 1.0, 1.0)
    assert ev["mode_accuracy"] == 1.0 and ev["place_accuracy"] == 1.0
    assert res["type_agreement"]["accuracy"] == 1.0 and res["type_agreement"]["pairs"] == 3
    assert res["dates"]["accuracy"] == 1.0 and res["dates"]["shared_agreement"] == 1.0


def test_one_changed_event_costs_one_match_each_way(tmp_path: Path) -> None:
    changed = [dict(e) for e in EVENTS]
    changed[1] = {**changed[1], "recipient": ["ISR"]}  # another recipient: no longer the same event
    a = _write(tmp_path, "a.jsonl", _article(EVENTS, DATES))
    b = _write(tmp_path, "b.jsonl", _article([*changed, dict(EVENTS[0])], DATES))
    res, details = agreement.compare(a, b)
    ev = res["events"]
    # A has 3 events, B 4; two of them match: P 2/4, R 2/3.
    assert ev["precision"] == 0.5
    assert ev["recall"] == round(2 / 3, 4)
    assert ev["n"] == 3 and ev["b"] == 4
    assert details[0]["events"]["only_a"] == ["ACCUSE IRN→USA"]
    assert sorted(details[0]["events"]["only_b"]) == ["ACCUSE IRN→ISR", "CONSULT IRN,RUS (symmetric)"]


def test_type_mode_place_and_dates_disagreements(tmp_path: Path) -> None:
    b_events = [dict(e) for e in EVENTS]
    b_events[1] = {**b_events[1], "type": "THREATEN"}  # same parties, another type
    b_events[0] = {**b_events[0], "place": None}  # same event, another place
    b_dates = [{"text": "دیروز", "value": "2021-04-30"}]  # one shared form, another value; one missing
    a = _write(tmp_path, "a.jsonl", _article(EVENTS, DATES))
    b = _write(tmp_path, "b.jsonl", _article(b_events, b_dates))
    res, _ = agreement.compare(a, b)
    assert res["events"]["f1"] == round(2 / 3, 4)
    assert res["events"]["place_accuracy"] == 0.5
    t = res["type_agreement"]
    assert t["pairs"] == 3 and t["accuracy"] == round(2 / 3, 4)
    assert t["confusions"] == {"ACCUSE->THREATEN": 1}
    d = res["dates"]
    assert d["accuracy"] == 0.0 and d["n"] == 2
    assert d["shared_forms"] == 1 and d["shared_agreement"] == 0.0


def test_f1_is_symmetric(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.jsonl", _article(EVENTS, DATES))
    b = _write(tmp_path, "b.jsonl", _article(EVENTS[:2], DATES))
    ab, _ = agreement.compare(a, b)
    ba, _ = agreement.compare(b, a)
    assert ab["events"]["f1"] == ba["events"]["f1"]
    assert (ab["events"]["precision"], ab["events"]["recall"]) == (
        ba["events"]["recall"],
        ba["events"]["precision"],
    )


def _articles(path: Path) -> list[dict[str, Any]]:
    out = []
    for _, where, art, err in iter_gold([path]):
        assert err is None, f"{where}: {err}"
        out.append(art)
    return out


@pytest.mark.skipif(not SECOND.exists(), reason="no second annotation")
def test_second_annotation_is_well_formed() -> None:
    keys = Keys()
    second = _articles(SECOND)
    # Same articles as the first annotation, text/headline/published byte-identical (events are not read);
    # the raw title is kept as `headline`, as in the blind sets, so that `rasad eval` does not score titles.
    first = {a["id"]: a for a in _articles(FIRST)}
    assert [a["id"] for a in second] and len({a["id"] for a in second}) == len(second)
    assert {a["id"] for a in second} == set(first)
    for art in second:
        ref = first[art["id"]]
        for k in ("text", "headline", "published"):
            assert art[k] == ref[k], f"{art['id']}: {k} differs from the corpus copy"
        assert isinstance(art.get("notes"), str) and art["notes"]
        text = keys.key(art["text"])
        for d in art["dates"]:
            assert keys.key(d["text"]) in text, f"{art['id']}: {d['text']!r}"
            assert d["value"] is None or ISO.fullmatch(d["value"]), f"{art['id']}: {d}"
        for e in art["events"]:
            assert e["type"] in PLOVER, f"{art['id']}: {e}"
            if e.get("mode"):
                assert e["mode"] in PLOVER[e["type"]]["modes"], f"{art['id']}: {e}"
            assert e["actor"] and all(CODE.fullmatch(c) for c in e["actor"] + e["recipient"]), e
            if e.get("place"):
                assert keys.key(e["place"]) in text, f"{art['id']}: place {e['place']!r}"
