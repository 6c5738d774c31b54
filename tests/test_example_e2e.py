"""The smallest end-to-end check: what ../shared/examples/README.md says a correct analysis contains.

Each fact is checked on the analysed example; the rules that produce them are general (the example is
never special-cased), and the same facts are scored on the development gold sets by `rasad eval`.
"""

from __future__ import annotations

import json

import pytest

from rasad.document import Document
from rasad.ingest.text import read_text_file
from rasad.pipeline import Pipeline


def _key(s: str) -> str:
    return "".join(c for c in s if c.isalnum())


def _entity_name(doc: Document, ent_id: str | None) -> str | None:
    e = doc.entity(ent_id)
    return e.name if e else None


@pytest.fixture(scope="module")
def gold(shared):
    return json.loads((shared / "examples" / "aleppo-joint-hq.gold.json").read_text("utf-8"))


def test_title_and_zwnj(example_doc, gold):
    assert example_doc.title == gold["title"]
    words = set(example_doc.text.replace("،", " ").replace(".", " ").replace(":", " ").split())
    for w in gold["zwnj"]["fixed"]:
        assert w in words, f"ZWNJ not repaired: {w}"
    for w in gold["zwnj"]["unchanged"]:
        assert w in words, f"word changed: {w}"
    assert "شکست\u200cخوردگان" in example_doc.text


def test_source_chain(example_doc):
    chain = [s.attrs["name"] for s in sorted(example_doc.spans("sources"), key=lambda s: s.start)]
    assert chain == ["آران نیوز", "نامه نیوز", "روزنامه آرمان"]
    assert [s.label for s in sorted(example_doc.spans("sources"), key=lambda s: s.start)][-1] == "original"


def test_quotes(example_doc, gold):
    quotes = example_doc.spans("quotes")
    assert len(quotes) == 6
    for q, g in zip(quotes, gold["quotes"], strict=True):
        assert q.attrs["speaker_name"] == "علی شمخانی"
        assert _key(q.attrs["cue"]) == _key(g["cue"])
        assert _key(example_doc.span_text(q)).startswith(_key(g["starts"]))
        assert (q.attrs.get("repeat_of") is not None) == bool(g.get("repeat"))
    # «… پاسخ گفت.» is reported speech, not a quotation
    first_sentence = example_doc.spans("sentences")[0]
    assert not any(first_sentence.start <= q.start < first_sentence.end for q in quotes)


def test_mentions_resolve_to_one_person(example_doc):
    forms: dict[str, set[str | None]] = {}
    for m in example_doc.spans("mentions"):
        forms.setdefault(example_doc.span_text(m), set()).add(_entity_name(example_doc, m.attrs.get("entity")))
    for surface in ("علی شمخانی", "شمخانی", "دبیر شورای عالی امنیت ملی", "وی"):
        assert forms.get(surface) == {"علی شمخانی"}, (surface, forms.get(surface))
    assert "ولادیمیر پوتین" in forms.get("پوتین", set())


def test_entities(example_doc, gold):
    got = {(e.type, e.code or e.name) for e in example_doc.entities}
    for g in gold["entities"]:
        key = (g["type"], g.get("code") or g["name"])
        assert key in got or (g["type"], g["name"]) in {(e.type, e.name) for e in example_doc.entities}, g


def test_events(example_doc, gold):
    got = [
        (e.attrs["type"], frozenset(e.attrs.get("actor") or []), frozenset(e.attrs.get("recipient") or []))
        for e in example_doc.spans("events")
    ]
    missed = [g for g in gold["events"] if (g["type"], frozenset(g["actor"]), frozenset(g["recipient"])) not in got]
    # Issue 6: all 10, including the airspace COOPERATE IRN→RUS («استفاده از فضای هوایی ایران»: the owner
    # grants, the partner named before it receives) and the ASSAULT of «آزادسازی حلب» (the state the town
    # belongs to); both come from general lexicon patterns (data/events/cooperate.json, assault.json).
    assert missed == [], missed


def test_relative_date_needs_publication_date(example_path):
    pipe = Pipeline.default()
    undated = pipe(read_text_file(example_path))
    (d,) = [s for s in undated.spans("dates") if undated.span_text(s) == "ظهر دیروز"]
    assert d.attrs["value"] is None and d.attrs["resolved"] is False
    dated = read_text_file(example_path)
    dated.published = "2016-12-21"
    dated = pipe(dated)
    (d,) = [s for s in dated.spans("dates") if dated.span_text(s) == "ظهر دیروز"]
    assert d.attrs["value"].startswith("2016-12-20T12:00")
