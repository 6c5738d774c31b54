"""Document model: JSON round-trip and the offset map."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.document import Document, Entity, OffsetMap
from rasad.text.normalize import NormalizeStage, SpacingStage


def test_json_round_trip_is_lossless(example_doc):
    again = Document.loads(example_doc.dumps())
    assert again.to_json() == example_doc.to_json()
    assert again.text == example_doc.text
    for name, spans in example_doc.layers.items():
        assert [s.to_json() for s in again.layers[name]] == [s.to_json() for s in spans]
    # offsets survive too: every sentence maps to the same raw range
    for s in example_doc.spans("sentences"):
        assert again.original(s) == example_doc.original(s)


def test_entities_round_trip():
    doc = Document(raw="علی شمخانی گفت")
    doc.entities.append(Entity("e1", "علی شمخانی", "PER", kb_id="person:ali-shamkhani", code="IRN", attrs={"sector": "GOV"}))
    doc.add("mentions", 0, 10, "PER", entity="e1", kind="name")
    again = Document.loads(doc.dumps())
    assert again.entities[0] == doc.entities[0]
    assert again.spans("mentions")[0].attrs == {"entity": "e1", "kind": "name"}


def test_apply_edits_maps_back():
    doc = Document(raw="الف  بي  ك")
    doc.apply_edits([(3, 5, " "), (6, 7, "ی"), (7, 9, " "), (9, 10, "ک")])
    assert doc.text == "الف بی ک"
    # "بی" came from raw "بي"; the folded space from two raw spaces
    s = doc.text.index("بی")
    assert doc.offsets.to_original(s, s + 2) == (5, 7)
    assert doc.offsets.to_original(3, 4) == (3, 5)


def test_edits_refused_after_layers():
    doc = Document(raw="متن")
    doc.add("sentences", 0, 3, "sentence")
    try:
        doc.apply_edits([(0, 1, "x")])
    except RuntimeError as exc:
        assert "sentences" in str(exc)
    else:
        raise AssertionError("editing a document with layers must be refused")


def test_insertion_maps_to_empty_range():
    doc = Document(raw="میتواند")
    doc.apply_edits([(2, 2, "\u200c")])
    assert doc.text == "می\u200cتواند"
    assert doc.offsets.to_original(0, len(doc.text)) == (0, 7)
    assert doc.offsets.to_original(2, 3) == (2, 2)


# Text drawn from what normalisation touches: Arabic letter forms, digits, spaces, ZWNJ, diacritics.
ALPHABET = list("ابپتکگیهوردسمنلع ") + ["ي", "ك", "ة", "ۀ", "\u064b", "\u0640", "\u200c", "\u200d", "  ", "\n", "\n\n\n",
                                      "3", "٣", "۳", "ﻻ", "ﷲ", "\u00a0", "\r\n", "?", "،", " ،", "«", " »", "a"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=60).map("".join), st.data())
def test_every_normalised_span_maps_back_to_its_source(raw, data):
    """Any span of the normalised text maps to the raw range that produced it: normalising that raw range
    on its own gives back the span's text (modulo edge white space, which depends on context)."""
    doc = Document(raw=raw)
    norm = NormalizeStage()
    norm(doc)
    SpacingStage()(doc)
    n = len(doc.text)
    if n == 0:
        return
    start = data.draw(st.integers(0, n - 1))
    end = data.draw(st.integers(start + 1, n))
    o0, o1 = doc.offsets.to_original(start, end)
    assert 0 <= o0 <= o1 <= len(raw)
    # every non-space normalised character is accounted for by raw characters inside [o0, o1)
    piece = Document(raw=raw[o0:o1])
    norm(piece)
    SpacingStage()(piece)
    # a span that cuts through an expansion (ﻻ → لا) maps to the whole raw character: contained, not equal
    assert _fold(doc.text[start:end]) in _fold(piece.text)
    if (start, end) == (0, n):
        assert _fold(doc.text) == _fold(piece.text)
    # and single characters map to non-empty raw ranges unless they were inserted
    assert doc.offsets.start_of(start) <= doc.offsets.end_of(start)


# Rules that look at neighbouring characters (a digit beside a Latin letter, «?» after a Persian letter) may
# decide differently on a cut-out piece: fold those choices, and white space, before comparing.
_FOLD_TABLE = str.maketrans("؟،؛۰۱۲۳۴۵۶۷۸۹", "?,;0123456789")


def _fold(s: str) -> str:
    return "".join(c for c in s.translate(_FOLD_TABLE) if not c.isspace() and c != "\u200c")


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 3), st.text("ab", max_size=3)), max_size=8))
def test_compose_edits_text_matches_naive_application(raw_edits):
    text = "abcdefghijklmnopqrstuvwxyz0123456789"
    edits, last = [], 0
    for s, ln, rep in sorted(raw_edits):
        if s < last:
            continue
        e = min(s + ln, len(text))
        edits.append((s, e, rep))
        last = e
    new_text, new_map = OffsetMap.identity(len(text)).compose_edits(text, edits)
    expected, cur = [], 0
    for s, e, rep in edits:
        expected.append(text[cur:s] + rep)
        cur = e
    expected.append(text[cur:])
    assert new_text == "".join(expected)
    assert new_map.length == len(new_text)
    # unchanged characters map to themselves in the source
    for i, ch in enumerate(new_text):
        o0, o1 = new_map.to_original(i, i + 1)
        if o1 - o0 == 1 and ch == text[o0]:
            continue
        assert any(s <= o0 and o1 <= max(e, s) for s, e, _ in edits) or o0 == o1


def test_content_hash_is_stable_under_analysis(pipeline):
    doc = Document(raw="متن خبر با ي عربي", title="تيتر  خبر")
    before = doc.content_hash
    pipeline(doc)
    assert doc.title == "تیتر خبر"  # normalised…
    assert doc.content_hash == before  # …but the identity is what arrived
    assert Document(raw="متن خبر با ي عربي", title="تيتر  خبر").content_hash == before
    assert Document(raw="متن خبر با ي عربي", title="تیتر دیگر").content_hash != before
    assert Document.loads(doc.dumps()).content_hash == before


def test_attribute_called_name_is_allowed():
    doc = Document(raw="به گزارش ایرنا")
    span = doc.add("sources", 9, 14, "cited", name="ایرنا", start_hint=1)
    assert span.attrs == {"name": "ایرنا", "start_hint": 1}
