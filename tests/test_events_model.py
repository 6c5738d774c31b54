"""The learned event components (issue 6): the keep/drop filter and the role chooser over the rules.

What is tested is behaviour one can state without the model's answers: the components are off unless asked
for, the filter only removes events, the chooser never codes without a trigger and never changes a rule
event, features are computed, training is deterministic, held-out sets are refused, and the shipped files
are what `rasad train events` rebuilds from the files its manifest lists.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from helpers import default_pipeline
from rasad.document import Document
from rasad.extract.events import EventStage, learned, rolemodel, training
from rasad.ingest.text import document_from_text
from rasad.pipeline import Pipeline, Resources

TEXTS = [
    "وزیر امور خارجه ایران روز دوشنبه به مسکو سفر کرد و با همتای روس خود دیدار کرد.",
    "ارتش اسرائیل روز گذشته غزه را بمباران کرد. حماس این حمله را محکوم کرد.",
    "آمریکا ایران را به حمایت از تروریسم متهم کرد و خواستار تحریم‌های بیشتر علیه تهران شد.",
    "رئیس‌جمهور فرانسه گفت که پاریس از مذاکرات صلح حمایت می‌کند.",
    "نیروهای پلیس عراق ده‌ها نفر را در بغداد دستگیر کردند.",
]
NO_TRIGGER = "هوای تهران امروز آفتابی است و دمای هوا به بیست درجه می‌رسد."


def _stage() -> EventStage:
    stage = default_pipeline().stages[-1]
    assert isinstance(stage, EventStage)
    return stage


def _before_events() -> Pipeline:
    pipe = default_pipeline()
    return Pipeline(pipe.stages[: pipe.names.index("events")])


def _events(stage: EventStage, doc: Document) -> list[tuple[int, int, str]]:
    doc.layers["events"] = []
    stage(doc)
    return [(s.start, s.end, json.dumps(s.attrs, sort_keys=True, ensure_ascii=False, default=str)) for s in doc.spans("events")]


def _with(stage: EventStage, keep: Any = None, role: Any = None) -> tuple[Any, Any]:
    saved = stage.keep_model, stage.role_model
    stage.keep_model, stage.role_model = keep, role
    return saved


def _docs() -> list[Document]:
    before = _before_events()
    return [before(document_from_text(t)) for t in TEXTS]


def test_components_are_off_by_default_and_options_switch_them() -> None:
    stage = _stage()
    assert stage.keep_model is None and stage.role_model is None
    shared = {"kb": stage.kb, "event_lexicon": stage.lex, "actor_gazetteer": stage.gaz}
    on = EventStage(Resources({"events_model": True, "events_roles": True}, dict(shared)))
    assert isinstance(on.keep_model, learned.KeepModel)
    assert isinstance(on.role_model, rolemodel.RoleModel)
    off = EventStage(Resources({"events_model": False, "events_roles": False}, dict(shared)))
    assert off.keep_model is None and off.role_model is None


def test_features_are_computed_from_the_event() -> None:
    stage = _stage()
    doc = _docs()[0]
    _events(stage, doc)
    feats = learned.doc_features(doc)
    assert feats, "the visit is coded by the rules"
    ev, f = feats[0]
    assert f"t={ev.attrs['type']}" in f
    assert f"trig={ev.attrs['trigger']}" in f
    assert "mod=asserted" in f and "quote=False" in f
    assert all(v == 1.0 for v in f.values())


def test_keep_filter_only_removes_events() -> None:
    stage = _stage()
    keep = learned.KeepModel(threshold=0.99)  # a strict threshold: most events are dropped
    dropped = 0
    for doc in _docs():
        saved = _with(stage)
        try:
            rules = _events(stage, doc)
            _with(stage, keep=keep)
            filtered = _events(stage, doc)
        finally:
            _with(stage, *saved)
        assert set(filtered) <= set(rules)
        dropped += len(rules) - len(filtered)
    assert dropped > 0


def test_role_chooser_needs_a_trigger_and_keeps_rule_events() -> None:
    stage = _stage()
    role = rolemodel.RoleModel(threshold=0.0, role_threshold=0.0)  # proposes wherever it can
    before = _before_events()
    for doc in [*_docs(), before(document_from_text(NO_TRIGGER))]:
        spans = {(s, e) for s, e, _ in stage.lex.find(doc.text, 0, len(doc.text))}
        saved = _with(stage)
        try:
            rules = _events(stage, doc)
            _with(stage, role=role)
            chosen = _events(stage, doc)
        finally:
            _with(stage, *saved)
        assert set(rules) <= set(chosen), "a rule event is never changed or removed"
        assert all((s, e) in spans for s, e, _ in chosen), "every event sits on a lexicon trigger"
        if not spans:
            assert chosen == []


def test_held_out_sets_are_refused_as_training_data() -> None:
    for name in ("fars-events-6.jsonl", "fars-events-7.jsonl", "ner-test.jsonl"):
        with pytest.raises(ValueError):
            training.check_training_files([Path("tests/gold") / name])
    training.check_training_files(training.DEV_SETS)
    assert not any(p.name in training.HELD_OUT_NAMES for p in training.default_train())


def test_training_is_deterministic(tmp_path: Path) -> None:
    stage = _stage()
    gold = [{"type": "CONSULT", "actor": ["IRN"], "recipient": ["RUS"]}, {"type": "ASSAULT", "actor": ["ISR"], "recipient": ["PSE"]}]
    arts = [training.label_article(stage, doc, gold) for doc in _docs()]
    assert any(y == learned.KEEP for a in arts for _, y in a.keep)
    digests = []
    for run in ("a", "b"):
        paths = [tmp_path / f"{run}-{k}.crfsuite" for k in ("keep", "trigger", "actor", "recipient")]
        counts = training.train(arts, *paths, iterations=30)
        digests.append([p.read_bytes() for p in paths])
        assert counts["keep"]["items"] == sum(len(a.keep) for a in arts)
    assert digests[0] == digests[1]


@pytest.mark.slow
def test_shipped_models_are_what_train_events_rebuilds(tmp_path: Path) -> None:
    made = json.loads(training.MANIFEST.read_text(encoding="utf-8"))
    root = training.GOLD.parents[1]
    files = [root / name for name in made["train"]]
    import hashlib

    if any(not f.exists() or hashlib.sha256(f.read_bytes()).hexdigest() != h for f, h in zip(files, made["train"].values(), strict=True)):
        pytest.skip("the training files changed since the models were built: run `rasad train events`")
    stage = _stage()
    sets = training.load_articles(files, _before_events(), stage)
    arts = [a for v in sets.values() for a in v]
    names = ("keep", "trigger", "actor", "recipient")
    digests = {k: training.items_digest([it for a in arts for it in getattr(a, k)]) for k in names}
    if any(digests[k] != made["items"][k]["digest"] for k in names):
        pytest.skip("the rules code these files differently now (another stage changed): run `rasad train events`")
    shipped = [learned.MODEL_PATH, rolemodel.TRIGGER_MODEL, rolemodel.ACTOR_MODEL, rolemodel.RECIPIENT_MODEL]
    rebuilt = [tmp_path / p.name for p in shipped]
    training.train(arts, *rebuilt, **made["params"])
    for a, b in zip(shipped, rebuilt, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
