"""Events made by what is said (speech.py): a quoted speaker's words that accuse or make a demand of a named
party without an event verb. Each construction: a sentence in → the event out, and a near miss."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad.extract.events import occurred
from rasad.extract.events.speech import DATA, SpeechLexicon
from rasad.ingest.text import document_from_text
from rasad.pipeline import Pipeline

Sig = tuple[str, frozenset[str], frozenset[str]]


# As tests/test_events.py: the entities stage is another engineer's and still changing, so the speaker's
# country comes from the speaker phrase (the stage's gazetteer), not from a linked entity.
@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline.default(disable=["entities"])


def coded(text: str, pipe: Pipeline) -> list[dict]:
    doc = pipe(document_from_text(text))
    return [s.attrs for s in doc.spans("events") if occurred(s.attrs.get("modality"))]


def sigs(text: str, pipe: Pipeline) -> set[Sig]:
    return {(e["type"], frozenset(e["actor"]), frozenset(e["recipient"])) for e in coded(text, pipe)}


def sig(t: str, a: str, *r: str) -> Sig:
    return (t, frozenset([a]), frozenset(r))


def test_lexicon_entries_have_a_name_a_known_kind_words_and_an_example() -> None:
    data = json.loads(Path(DATA).read_text(encoding="utf-8"))
    kinds = {"genitive", "agent", "predicate", "act", "verdict", "demand", "urge", "deem"}
    for c in data["constructions"]:
        assert c["name"] and c["kind"] in kinds and c["type"] in ("ACCUSE", "REQUEST"), c
        assert c["words"] and c["example"], c["name"]
    assert SpeechLexicon.load().constructions


@pytest.mark.parametrize(
    "name, expected",
    [
        ("crime", sig("ACCUSE", "IRN", "ISR")),
        ("aggression", sig("ACCUSE", "HEZ", "ISR")),
        ("deceit", sig("ACCUSE", "IRN", "USA")),
        ("insult", sig("ACCUSE", "IRN", "DNK")),
        ("hostile_conduct", sig("ACCUSE", "IRN", "USA")),
        ("violation_by", sig("ACCUSE", "HAM", "ISR")),
        ("terror_sponsor", sig("ACCUSE", "SYR", "USA")),
        ("culprit", sig("ACCUSE", "IRN", "ISR")),
        ("violated", sig("ACCUSE", "TUR", "RUS")),
        ("must", sig("REQUEST", "IRN", "SAU")),
        ("urged", sig("REQUEST", "KWT", "IRQ")),
        ("verdict", sig("ACCUSE", "IRN", "SAU")),
        ("deemed", sig("ACCUSE", "IRN", "USA")),
    ],
)
def test_every_construction_codes_its_example(
    name: str, expected: Sig, pipe: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = json.loads(Path(DATA).read_text(encoding="utf-8"))
    example = next(c["example"] for c in data["constructions"] if c["name"] == name)
    assert expected in sigs(example, pipe), example
    # … and it is this component's event, not the trigger lexicon's
    stage = pipe.stages[pipe.names.index("events")]
    monkeypatch.setattr(stage.speech, "scan", lambda *a: [])
    assert expected not in sigs(example, pipe), example


@pytest.mark.parametrize(
    "text",
    [
        # no party after the evaluative noun: a critical opinion without a named target
        "سخنگوی وزارت خارجه ایران گفت: جنایات جنگی باید پیگیری شود.",
        "سخنگوی حزب‌الله گفت: تجاوز به حقوق مردم لبنان بی‌پاسخ نمی‌ماند.",
        # not in a quotation: the outlet's own words are no speaker's act
        "دروغ‌های آمریکا درباره برنامه هسته‌ای ایران بر کسی پوشیده نیست.",
        # a speaker without an actor code
        "یک کاربر گفت: اهانت‌های دولت دانمارک به مقدسات مسلمانان بی‌پاسخ نمی‌ماند.",
        # a neutral head without a condemning adjective
        "وزیر خارجه ایران افزود: سیاست‌های آمریکا علیه ملت ایران شکست خورده است.",
        # the genitive of «نقض» is what is violated, not who violates it
        "سخنگوی حماس گفت: نقض حقوق بشر در عربستان ادامه دارد.",
        # a denied predicate, and one the speaker attributes to others
        "وزیر خارجه سوریه گفت: آمریکا حامی تروریسم نیست.",
        "وزیر خارجه سوریه گفت: همه بر این باور بودند که آمریکا حامی تروریسم است.",
        # «مسئول» without a harm after it is the one in charge
        "سخنگوی وزارت خارجه ایران گفت: وزارت خارجه عراق مسئول پیگیری این پرونده است.",
        # the violated party is the «را» object, not the one accused
        "وزیر خارجه ترکیه گفت: حریم هوایی ترکیه را نقض کرده‌اند.",
        # a demand of a body of the speaker's own state is not coded (mostly exhortations)
        "امام جمعه تهران گفت: نیروی انتظامی ایران باید امنیت هیئت‌ها را حفظ کند.",
        # what should have been, and a warning, are no demands
        "وزیر خارجه ایران گفت: عربستان باید به تعهدات خود پایبند می‌ماند.",
        "وزیر خارجه ایران گفت: آمریکا باید بداند که ملت ایران تسلیم نمی‌شود.",
        # an indicative content reports, it does not urge
        "مقامات کویتی تاکید کردند که بغداد غرامت‌های جنگی را پرداخت کرده است.",
        # a judgement pointing back to no coded act
        "وزیر خارجه ایران گفت: این اقدام جنایت جنگی است.",
        # «مسئول» of a harmless task, and «X را حامی» of something that is no harm
        "وزیر ورزش ایران، فدراسیون فوتبال آلمان را مسئول تقسیم بلیت‌ها دانست.",
        "وزیر خارجه ایران، روسیه را حامی گفت‌وگوهای صلح دانست.",
    ],
)
def test_near_misses_code_nothing(text: str, pipe: Pipeline) -> None:
    assert not [e for e in coded(text, pipe) if e["type"] in ("ACCUSE", "REQUEST")], text


def test_the_speaker_is_the_actor_and_the_quotation_reports_it(pipe: Pipeline) -> None:
    evs = coded("وزیر خارجه سوریه گفت: آمریکا حامی تروریسم است.", pipe)
    assert [(e["type"], e["actor"], e["recipient"], e["reported_by"]) for e in evs] == [("ACCUSE", ["SYR"], ["USA"], 0)]


def test_deemed_outside_a_quotation_takes_the_subject_not_a_party_coordinated_across_its_comma(pipe: Pipeline) -> None:
    evs = coded("وزیر خارجه ایران، آمریکا را حامی اصلی تروریسم در منطقه دانست.", pipe)
    assert [(e["type"], e["actor"], e["recipient"], e["reported_by"]) for e in evs] == [("ACCUSE", ["IRN"], ["USA"], None)]


def test_coordinated_parties_are_all_recipients(pipe: Pipeline) -> None:
    text = "وزیر کشور ایران گفت: دولت افغانستان و کمیساریای عالی سازمان ملل باید برای بازگشت مهاجران برنامه‌ریزی کنند."
    assert ("REQUEST", frozenset({"IRN"}), frozenset({"AFG", "UN"})) in sigs(text, pipe)


def test_a_trigger_event_of_the_same_signature_is_not_doubled(pipe: Pipeline) -> None:
    text = "وزیر خارجه ایران جنایات رژیم صهیونیستی را محکوم کرد و گفت: جنایات رژیم صهیونیستی ادامه دارد."
    evs = [e for e in coded(text, pipe) if e["type"] == "ACCUSE"]
    assert len(evs) == 1 and evs[0]["trigger"] == "محکوم کرد"
