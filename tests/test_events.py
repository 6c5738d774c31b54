"""PLOVER event coding: lexicon data, argument roles, modality, quotations, the example article, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad.document import Document, Span
from rasad.extract.events import PLOVER_FIELDS, EventLexicon, EventStage, occurred, to_plover, type_confusion
from rasad.ingest.text import document_from_text
from rasad.pipeline import Pipeline

EXAMPLES = Path("/work/shared/examples")
DATA = Path(__file__).resolve().parents[1] / "src" / "rasad" / "extract" / "data"


# The entities stage is another engineer's and still changing: these tests pin the event stage's own
# behaviour (its gazetteer is built from the shipped KB), so they run the pipeline without it.
@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline.default(disable=["entities"])


def all_events(text: str, pipe: Pipeline, published: str | None = None) -> list[dict]:
    doc = pipe(document_from_text(text, published=published))
    return [s.attrs for s in doc.spans("events")]


def events(text: str, pipe: Pipeline, published: str | None = None) -> list[dict]:
    """The acts that occurred (denied and hypothetical ones are in the layer too, marked)."""
    return [e for e in all_events(text, pipe, published) if occurred(e.get("modality"))]


def sigs(evs: list[dict]) -> set[tuple[str, frozenset[str], frozenset[str]]]:
    return {(e["type"], frozenset(e["actor"]), frozenset(e["recipient"])) for e in evs}


# -- lexicon data -------------------------------------------------------------------------------------------
def test_one_lexicon_file_per_plover_type_with_valid_modes_and_examples() -> None:
    plover = json.loads((DATA / "plover.json").read_text(encoding="utf-8"))
    assert len(plover["types"]) == 16
    files = sorted(p.stem.upper() for p in (DATA / "events").glob("*.json"))
    assert files == sorted(plover["types"])
    for f in (DATA / "events").glob("*.json"):
        data = json.loads(f.read_text(encoding="utf-8"))
        assert data["type"] == f.stem.upper()
        for e in data["entries"]:
            assert e["forms"] and e["example"] and e["pattern"], e["trigger"]
            assert e.get("mode") is None or e["mode"] in plover["types"][data["type"]]["modes"]


def test_every_lexicon_example_contains_a_trigger_of_its_type() -> None:
    lex = EventLexicon.load()
    for f in (DATA / "events").glob("*.json"):
        data = json.loads(f.read_text(encoding="utf-8"))
        for e in data["entries"]:
            types = set()
            for m in lex.regex.finditer(e["example"]):
                assert m.lastgroup is not None
                types.add(lex.triggers[int(m.lastgroup[1:])].type)
            assert data["type"] in types, (data["type"], e["example"], types)


def test_unknown_mode_in_lexicon_is_refused(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "plover.json").write_text((DATA / "plover.json").read_text(encoding="utf-8"), encoding="utf-8")
    bad = {"type": "ASSAULT", "entries": [{"trigger": "x", "forms": ["حمله"], "mode": "phone", "example": "."}]}
    (tmp_path / "events" / "assault.json").write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(ValueError, match="mode phone"):
        EventLexicon.load(tmp_path)


# -- argument patterns --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected", "mode", "place"),
    [
        ("وزیر خارجه ایران به مسکو سفر کرد.", ("CONSULT", {"IRN"}, {"RUS"}), "visit", "مسکو"),
        ("آمریکا ایران را تحریم کرد.", ("SANCTION", {"USA"}, {"IRN"}), None, None),
        ("ایران حمایت خود را از دولت سوریه اعلام کرد و از سوریه حمایت کرد.", ("SUPPORT", {"IRN"}, {"SYR"}), None, None),
        ("روسیه و ترکیه توافقنامه همکاری امضا کردند.", ("AGREE", {"RUS", "TUR"}, set()), None, None),
        ("عراق با سوریه در دمشق دیدار کرد.", ("CONSULT", {"IRQ"}, {"SYR"}), "visit", "دمشق"),
        ("بوش ایران را به دخالت در امور عراق متهم کرد.", ("ACCUSE", {"USA"}, {"IRN"}), None, None),
        ("رژیم صهیونیستی به غزه حمله کرد.", ("ASSAULT", {"ISR"}, {"PSE"}), None, None),
        ("رژیم صهیونیستی سفیر خود را از سوئد فراخواند.", ("SANCTION", {"ISR"}, {"SWE"}), "withdraw", None),
    ],
)
def test_argument_patterns(
    pipe: Pipeline, text: str, expected: tuple[str, set[str], set[str]], mode: str | None, place: str | None
) -> None:
    evs = events(text, pipe)
    t, a, r = expected
    hit = [e for e in evs if (e["type"], set(e["actor"]), set(e["recipient"])) == (t, a, r)]
    assert hit, evs
    assert hit[0]["mode"] == mode
    assert hit[0]["place"] == place


def test_meeting_in_the_actors_capital_makes_the_other_side_the_visitor(pipe: Pipeline) -> None:
    evs = events("رئیس‌جمهور سوریه با رئیس‌جمهور عراق در دمشق دیدار کرد.", pipe)
    assert ("CONSULT", frozenset({"IRQ"}), frozenset({"SYR"})) in sigs(evs)
    assert evs[0]["mode"] == "visit"


def test_topic_phrase_subject_is_not_the_actor(pipe: Pipeline) -> None:
    # The speaker talks *about* the visit: the visitor is the genitive after «سفر».
    evs = events("وزیر خارجه ایران در مورد سفر وزیر خارجه روسیه به ترکیه سخن گفت.", pipe)
    assert sigs(evs) == {("CONSULT", frozenset({"RUS"}), frozenset({"TUR"}))}


def test_directed_noun_without_target_is_not_coded(pipe: Pipeline) -> None:
    assert events("ایران درباره تحریم سخن گفت.", pipe) == []


def test_symmetric_event_needs_two_parties(pipe: Pipeline) -> None:
    assert [e for e in events("ایران یک کار مشترک دارد.", pipe) if e["type"] == "COOPERATE"] == []


# -- modality -----------------------------------------------------------------------------------------------
def test_negated_planned_and_hypothetical(pipe: Pipeline) -> None:
    # tests/gold/README.md codes acts that happened or are fixed: a denied or conditional act is no event
    assert events("آمریکا ایران را تحریم نکرد.", pipe) == []
    assert events("ترکیه قبرس را به رسمیت نمی‌شناسد.", pipe) == []
    # ... but the denial is reported, marked, so nothing said is lost
    denied = all_events("آمریکا ایران را تحریم نکرد.", pipe)
    assert [(e["type"], e["modality"], e["negated"]) for e in denied] == [("SANCTION", "denied", True)]
    cond = all_events("اگر آمریکا ایران را تحریم کند، پاسخ می‌دهیم.", pipe)
    assert cond and {e["modality"] for e in cond} == {"hypothetical"}
    plan = events("وزیر خارجه ایران فردا به مسکو سفر خواهد کرد.", pipe)
    assert plan and plan[0]["modality"] == "planned"
    assert events("اگر آمریکا ایران را تحریم کند، پاسخ می‌دهیم.", pipe) == []
    # the condition ends at its comma: the main clause is asserted
    hyp = events("چنانچه انگلیس مواضع داعش را هدف بگیرد، روسیه از انگلیس حمایت می‌کند.", pipe)
    assert [e["type"] for e in hyp] == ["SUPPORT"]
    plain = events("آمریکا ایران را تحریم کرد.", pipe)
    assert plain[0]["modality"] == "asserted" and plain[0]["negated"] is False


def test_event_date_comes_from_its_sentence(pipe: Pipeline) -> None:
    evs = events("وزیر خارجه ایران دیروز به مسکو سفر کرد.", pipe, published="2016-12-21")
    assert evs[0]["date"] == "2016-12-20"
    evs = events("وزیر خارجه ایران به مسکو سفر کرد.", pipe, published="2016-12-21")
    assert evs[0]["date"] == "2016-12-21"


# -- quotations ---------------------------------------------------------------------------------------------
def test_first_person_in_a_quotation_is_the_speakers_country() -> None:
    doc = Document(raw="ظریف گفت: کشورمان از دولت سوریه حمایت کرد.")
    doc.add("sentences", 0, len(doc.text), "sentence")
    q0 = doc.text.index("کشورمان")
    doc.add("quotes", q0, len(doc.text), "direct", speaker=None, speaker_name="محمدجواد ظریف", speaker_text="ظریف")
    stage = EventStage()
    stage(doc)
    evs = [s.attrs for s in doc.spans("events")]
    assert [(e["type"], e["actor"], e["recipient"], e["reported_by"]) for e in evs] == [
        ("SUPPORT", ["IRN"], ["SYR"], 0)
    ]


# -- the example article ------------------------------------------------------------------------------------
@pytest.mark.skipif(not (EXAMPLES / "aleppo-joint-hq.txt").exists(), reason="shared example not mounted")
def test_example_article_events(pipe: Pipeline) -> None:
    from rasad.ingest.text import read_text_file

    gold = json.loads((EXAMPLES / "aleppo-joint-hq.gold.json").read_text(encoding="utf-8"))["events"]
    doc = pipe(read_text_file(EXAMPLES / "aleppo-joint-hq.txt"))
    pred = sigs([s.attrs for s in doc.spans("events")])
    gsig = sigs(gold)
    assert len(pred & gsig) >= 8, sorted(gsig - pred)
    assert len(pred - gsig) <= 1, sorted(pred - gsig)
    by_sig = {(s.attrs["type"], frozenset(s.attrs["actor"]), frozenset(s.attrs["recipient"])): s for s in doc.spans("events")}
    visit = by_sig[("CONSULT", frozenset({"RUS"}), frozenset({"IRN"}))]
    assert visit.attrs["mode"] == "visit" and visit.attrs["place"] == "تهران"
    multi = by_sig[("CONSULT", frozenset({"IRN", "RUS", "TUR"}), frozenset())]
    assert multi.attrs["mode"] == "multilateral" and multi.attrs["place"] == "مسکو"
    accuse = by_sig[("ACCUSE", frozenset({"IRN"}), frozenset({"TUR"}))]
    quote = doc.spans("quotes")[accuse.attrs["reported_by"]]
    assert quote.attrs["speaker_name"] == "علی شمخانی"


# -- export and measures ------------------------------------------------------------------------------------
def test_to_plover_records(pipe: Pipeline) -> None:
    doc = pipe(document_from_text("وزیر خارجه ایران دیروز به مسکو سفر کرد. آمریکا ایران را تحریم کرد.", published="2016-12-21"))
    doc.id = "d1"
    recs = to_plover(doc)
    assert [r["event"] for r in recs] == ["CONSULT", "SANCTION"]
    for r in recs:
        assert set(r) == set(PLOVER_FIELDS)
    assert recs[0]["id"] == "d1-0" and recs[0]["actor"] == "IRN" and recs[0]["recipient"] == "RUS"
    assert recs[0]["event_loc"] == "مسکو" and recs[0]["date"] == "2016-12-20"
    assert recs[0]["event_text"].startswith("وزیر خارجه ایران") and recs[0]["event_text"].endswith("کرد.")
    json.dumps(recs, ensure_ascii=False)  # serialisable as PLOVER JSON


def test_type_confusion_counts_types_of_participant_matched_events() -> None:
    doc = Document(raw="x")
    doc.layers["events"] = [
        Span(0, 1, "ACCUSE", {"type": "ACCUSE", "actor": ["USA"], "recipient": ["IRN"]}),
        Span(0, 1, "THREATEN", {"type": "THREATEN", "actor": ["ISR"], "recipient": ["IRN"]}),
    ]
    gold = [
        {"type": "ACCUSE", "actor": ["USA"], "recipient": ["IRN"]},
        {"type": "ACCUSE", "actor": ["ISR"], "recipient": ["IRN"]},
        {"type": "AGREE", "actor": ["IRN", "RUS"], "recipient": []},
    ]
    res = type_confusion([(doc, gold)])
    assert res["matched"] == 2 and res["accuracy"] == 0.5
    assert res["confusion"][("ACCUSE", "THREATEN")] == 1


def test_passive_subject_is_the_recipient_and_place_gives_the_actor(pipe: Pipeline) -> None:
    evs = events("دو زندانی سوئدی در ایران آزاد شدند.", pipe)
    assert ("RETREAT", frozenset({"IRN"}), frozenset({"SWE"})) in sigs(evs)


def test_reciprocal_action_is_coded_both_ways(pipe: Pipeline) -> None:
    evs = events("ارمنستان و جمهوری آذربایجان حملاتی را علیه مواضع یکدیگر ترتیب دادند.", pipe)
    assert {("ASSAULT", frozenset({"ARM"}), frozenset({"AZE"})), ("ASSAULT", frozenset({"AZE"}), frozenset({"ARM"}))} <= sigs(evs)


def test_ceasefire_between_two_parties_is_symmetric(pipe: Pipeline) -> None:
    evs = events("توافق آتش‌بس میان جمهوری آذربایجان و ارمنستان حاصل شد.", pipe)
    hit = [e for e in evs if e["type"] == "AGREE"]
    assert hit and set(hit[0]["actor"]) == {"AZE", "ARM"} and hit[0]["recipient"] == [] and hit[0]["mode"] == "ceasefire"


# -- argument patterns added with the 2026-11-29 error analysis ----------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # «آزادسازی Z»: the state Z belongs to retakes it; the force driven out is not named
        ("ارتش پس از آزادسازی حلب وارد مرحله تازه‌ای شد.", ("ASSAULT", {"SYR"}, set())),
        # «استفاده از فضای هوایی X»: X grants its airspace to the partner named before it
        (
            "ایران و روسیه همکاری نظامی دارند و استفاده از فضای هوایی ایران در همین چارچوب بود.",
            ("COOPERATE", {"IRN"}, {"RUS"}),
        ),
        # an agent phrase right before the predicate: the subject undergoes the act
        ("حکمتیار از سوی آمریکا متهم به تروریسم است.", ("ACCUSE", {"USA"}, {"HIZ"})),
        # the head of a relative clause is its subject; the place of a passive arrest is its actor
        ("شهروند روسیه که در آمریکا دستگیر شده بود، به کشورش بازگشت.", ("COERCE", {"USA"}, {"RUS"})),
        # a partitive «شماری از X را» is the object, not a phrase marked by «از»
        ("پلیس عربستان شماری از شاهزادگان سعودی را بازداشت کرد.", ("COERCE", {"SAU"}, {"SAU"})),
        # a leader of an armed movement acts for it (KB office), not for his country
        ("عبدالملک الحوثی از ملت فلسطین حمایت کرد.", ("SUPPORT", {"HTH"}, {"PSE"})),
    ],
)
def test_argument_patterns_from_error_analysis(text: str, expected: tuple[str, set[str], set[str]], pipe: Pipeline) -> None:
    t, a, r = expected
    assert (t, frozenset(a), frozenset(r)) in sigs(events(text, pipe))


def test_preposition_after_another_trigger_is_its_complement(pipe: Pipeline) -> None:
    evs = events("وزیر خارجه آمریکا با انتقاد از ترکیه خواستار مذاکره میان ارمنستان و جمهوری آذربایجان شد.", pipe)
    got = sigs(evs)
    assert ("ACCUSE", frozenset({"USA"}), frozenset({"TUR"})) in got
    assert ("REQUEST", frozenset({"USA"}), frozenset({"ARM", "AZE"})) in got
    assert not any(t == "REQUEST" and "TUR" in r for t, _, r in got)


def test_speech_verb_ends_the_speakers_clause(pipe: Pipeline) -> None:
    got = sigs(events("یک پزشک عراقی گفت سربازان آمریکایی به بیمارستان رمادی حمله کردند.", pipe))
    assert any(t == "ASSAULT" and a == frozenset({"USA"}) for t, a, _ in got), got
    assert not any(t == "ASSAULT" and "IRQ" in a for t, a, _ in got), got


def test_outlets_are_not_participants(pipe: Pipeline) -> None:
    evs = events("شبکه الجزیره قطر از حمله افراد مسلح به پلیس عراق در موصل خبر داد.", pipe)
    assert evs and all("QAT" not in e["actor"] + e["recipient"] for e in evs), evs


def test_conditional_clause_ends_at_its_comma(pipe: Pipeline) -> None:
    evs = events("مسکو به شرط آنکه انگلیس داعش را هدف قرار دهد، از این اقدام انگلیس استقبال کرد.", pipe)
    sup = [e for e in evs if e["type"] == "SUPPORT"]
    assert sup and sup[0]["modality"] == "asserted"
    hyp = [e for e in evs if e["type"] == "ASSAULT"]
    assert all(e["modality"] == "hypothetical" for e in hyp)


def test_clash_between_two_sides_is_coded_both_ways(pipe: Pipeline) -> None:
    got = sigs(events("درگیری رژیم صهیونیستی و گروه‌های مقاومت فلسطین از روز دوشنبه آغاز شد.", pipe))
    assert ("ASSAULT", frozenset({"ISR"}), frozenset({"PSE"})) in got
    assert ("ASSAULT", frozenset({"PSE"}), frozenset({"ISR"})) in got


def test_requested_or_rejected_content_is_not_an_event(pipe: Pipeline) -> None:
    got = sigs(events("وزیر خارجه آمریکا خواستار بازگشت ارمنستان و جمهوری آذربایجان به میز مذاکره شد.", pipe))
    assert not any(t == "CONSULT" for t, _, _ in got), got
    got = sigs(events("نخست وزیر روسیه تشدید تحریم‌ها علیه ایران را رد کرد.", pipe))
    assert not any(t == "SANCTION" for t, _, _ in got), got
    # Iran is the target of the sanctions, not the one Russia rejects (no recipient is named)
    assert not any(t == "REJECT" and "IRN" in r for t, _, r in got), got


def test_relative_clause_closed_by_its_comma(pipe: Pipeline) -> None:
    text = "وزیر دفاع اندونزی اعلام کرد که در مذاکرات با رامسفلد که قرار است از این کشور دیدار کند، خواستار عدم مداخله آمریکا شد."
    got = sigs(events(text, pipe))
    assert ("REQUEST", frozenset({"IDN"}), frozenset({"USA"})) in got, got


def test_demonstrative_noun_refers_back_to_a_coded_event(pipe: Pipeline) -> None:
    text = (
        "رئیس‌جمهور عراق در دمشق با رئیس‌جمهور سوریه دیدار کرد. "
        "در این دیدار معاون رئیس‌جمهور سوریه و هیئت همراه نیز حضور داشتند."
    )
    assert [e["type"] for e in events(text, pipe)] == ["CONSULT"]
    # without an earlier event of its type the demonstrative noun is still coded
    alone = events("رئیس‌جمهور عراق در این دیدار با رئیس‌جمهور سوریه گفت‌وگو کرد.", pipe)
    assert alone


def test_indefinite_criminal_noun_before_a_relative_clause(pipe: Pipeline) -> None:
    text = "در این طرح هشت سارقی که اقدام به سرقت سیم و کابل برق کرده بودند، توسط پلیس ایران دستگیر شدند."
    assert ("COERCE", frozenset({"IRN"}), frozenset({"CRM"})) in sigs(events(text, pipe))


def test_entering_needs_a_place(pipe: Pipeline) -> None:
    assert events("حزب اسلامی به میدان سیاست وارد جنگ شده است.", pipe) == []
    assert [e["type"] for e in events("وزیر خارجه ایران وارد مسکو شد.", pipe)] == ["CONSULT"]


def test_accident_deaths_are_not_an_attack(pipe: Pipeline) -> None:
    text = "در اثر برخورد یک قطار با اتوبوس آلمانی در مجارستان ۳۳ آلمانی کشته شدند."
    assert [e for e in events(text, pipe) if e["type"] == "ASSAULT"] == []


def test_obligation_or_intention_is_not_an_act(pipe: Pipeline) -> None:
    assert events("این اتحادیه باید با آغاز مذاکرات با ترکیه موافقت کند.", pipe) == []
    assert events("ایران تمایل دارد مذاکرات سازنده‌ای با اتحادیه اروپا داشته باشد.", pipe) == []
    assert events("ایران با اتحادیه اروپا مذاکره کرد.", pipe)


def test_outlet_before_a_quoted_name_is_not_the_accuser(pipe: Pipeline) -> None:
    text = "روزنامه صهیونیستی «هاآرتص» دو روز قبل مدعی شد بروکسل به دنبال تحریم تل‌آویو است."
    assert [e for e in events(text, pipe) if e["type"] == "ACCUSE"] == []


def test_referred_noun_takes_parties_from_its_own_phrase(pipe: Pipeline) -> None:
    # the clause's subject and object are not the parties of the air strikes it reacts to
    text = "سخنگوی کرملین در رابطه با آغاز حملات هوایی انگلیس در سوریه گفت روسیه از مبارزه با تروریسم استقبال می‌کند."
    got = sigs(events(text, pipe))
    assert not any(t == "ASSAULT" and "RUS" in a | r for t, a, r in got)
    # a temporal «پس از دیدار با Y» keeps the clause's subject as a party (a bilateral meeting is symmetric:
    # tests/gold/README.md, convention adjudicated 2026-11-29)
    text = "وزیر خارجه ایتالیا پس از دیدار با وزیر خارجه ایران گفت ایران آماده مذاکره است."
    assert ("CONSULT", frozenset({"ITA", "IRN"}), frozenset()) in sigs(events(text, pipe))


def test_head_clause_of_a_comma_closed_relative_clause(pipe: Pipeline) -> None:
    text = (
        "پوتین تاکید کرد که مسکو با عناصر تندرو که در انفجار خط آهن دست داشته‌اند، برخورد شدیدی خواهد کرد."
    )
    assert ("THREATEN", frozenset({"RUS"}), frozenset({"MIL"})) in sigs(events(text, pipe))


def test_target_inside_a_rejected_measure_is_not_rejected(pipe: Pipeline) -> None:
    text = "نخست وزیر روسیه تشدید تحریم‌ها علیه ایران را رد کرد."
    assert not any(t == "REJECT" and "IRN" in r for t, a, r in sigs(events(text, pipe)))


def test_two_acts_of_one_signature_at_two_places(pipe: Pipeline) -> None:
    text = (
        "سفیر ژاپن در ایران از منطقه آزاد ماکو بازدید کرد. "
        "سفیر ژاپن فردا از شهر ارومیه بازدید می‌کند."
    )
    got = [(e["type"], e["place"]) for e in events(text, pipe, published="2010-05-01")]
    assert got.count(("CONSULT", "ماکو")) == 1 and len([g for g in got if g[0] == "CONSULT"]) == 2, got
    # one act reported twice at one place stays one event
    text = "سفیر ژاپن از ماکو بازدید کرد. سفیر ژاپن از ماکو بازدید کرد."
    assert len(events(text, pipe)) == 1


def test_talks_during_a_meeting_are_that_meeting(pipe: Pipeline) -> None:
    text = (
        "رئیس‌جمهور عراق در دمشق با رئیس‌جمهور سوریه دیدار کرد. "
        "دو طرف درباره روابط دوجانبه میان سوریه و عراق گفت‌وگو کردند."
    )
    got = sigs(events(text, pipe))
    assert not any(t == "CONSULT" and not r for t, a, r in got), got
    assert any(t == "CONSULT" and r for t, a, r in got), got


def test_goal_noun_is_not_an_act(pipe: Pipeline) -> None:
    assert events("وی تقویت همکاری ایران با افغانستان را اولویت ایران دانست.", pipe) == []
    assert events("ایران و افغانستان همکاری کردند.", pipe)


def test_attacked_protest_is_the_protesters(pipe: Pipeline) -> None:
    text = "نیروهای امنیتی بحرین به تظاهرات مسالمت‌آمیز در ۲۰ روستا حمله کردند."
    got = sigs(events(text, pipe))
    assert ("ASSAULT", frozenset({"BHR"}), frozenset({"OPP"})) in got, got
    assert ("PROTEST", frozenset({"OPP"}), frozenset({"BHR"})) in got, got


def test_causative_passive_keeps_its_subject_as_actor(pipe: Pipeline) -> None:
    text = "یک بمب‌گذار انتحاری در بغداد باعث کشته شدن یک سرباز گارد ملی عراق شد."
    got = sigs(events(text, pipe))
    assert ("ASSAULT", frozenset({"MIL"}), frozenset({"IRQ"})) in got, got


def test_attribution_phrase_does_not_mark_the_subject(pipe: Pipeline) -> None:
    text = "به گزارش فارس جرج بوش در واشنگتن ایران را به دخالت در امور داخلی عراق متهم کرد."
    assert ("ACCUSE", frozenset({"USA"}), frozenset({"IRN"})) in sigs(events(text, pipe))


def test_caused_clause_and_recall_of_an_ambassador(pipe: Pipeline) -> None:
    text = "این اقدام سوئد موجب شد تا رژیم صهیونیستی سفیر خود را از این کشور فرابخواند."
    assert ("SANCTION", frozenset({"ISR"}), frozenset({"SWE"})) in sigs(events(text, pipe))


def test_sentence_to_prison_is_a_conviction(pipe: Pipeline) -> None:
    text = "دادگاه آمریکا شهروند روسیه را به تحمل ۱۸ ماه حبس محکوم کرد."
    assert ("SANCTION", frozenset({"USA"}), frozenset({"RUS"})) in sigs(events(text, pipe))


def test_body_named_before_a_state_is_that_states(pipe: Pipeline) -> None:
    text = "رییس سابق شورای امنیت ملی رژیم صهیونیستی خواستار حمله به تاسیسات هسته‌ای ایران شد."
    got = sigs(events(text, pipe))
    assert not any("IRN" in a for t, a, r in got), got


def test_act_a_party_alleges_is_its_accusation(pipe: Pipeline) -> None:
    text = "جرج بوش ایران را به دخالت در امور عراق متهم کرد و مدعی شد ایران سلاح به عراق می‌فرستد."
    got = sigs(events(text, pipe))
    assert ("ACCUSE", frozenset({"USA"}), frozenset({"IRN"})) in got, got
    assert not any(t == "AID" for t, _, _ in got), got
    # an outlet's claim reports the act
    text = "پایگاه اینترنتی ایلاف مدعی شد الجزایر بین تهران و واشنگتن میانجیگری می‌کند."
    assert any(t == "CONSULT" for t, _, _ in sigs(events(text, pipe)))


def test_negated_clause_denies_a_noun_act(pipe: Pipeline) -> None:
    text = "نیروهای دموکراتیک سوریه هیچ‌گاه از حمایت واشنگتن بهره‌مند نشده‌اند."
    assert [e for e in events(text, pipe) if e["type"] == "SUPPORT"] == []
    assert events("هیچ توافقی میان انگلیس و اتحادیه اروپا حاصل نشد.", pipe) == []
    # an adjunct's noun is not the negated verb's object
    text = "وزیر خارجه ایتالیا در پی گفت‌وگوی تلفنی با وزیر خارجه ایران به این امر اشاره نکرد."
    assert any(e["type"] == "CONSULT" for e in events(text, pipe))


def test_basij_organisation_is_not_a_mobilisation(pipe: Pipeline) -> None:
    assert events("فرمانده سپاه ایران گفت بسیج عصاره یک ملت است.", pipe) == []
    assert any(e["type"] == "MOBILIZE" for e in events("ایران نیروهای خود را در مرز بسیج کرد.", pipe))


def test_bare_operation_is_not_a_mobilisation(pipe: Pipeline) -> None:
    assert events("بانک ملی ایران گزارش عملیات مالی سال گذشته را منتشر کرد.", pipe) == []
    got = events("ارتش پاکستان برای پاکسازی منطقه باجور عملیات نظامی آغاز کرد.", pipe)
    assert [e["type"] for e in got] == ["MOBILIZE"]


def test_ambiguous_country_name_is_not_a_party(pipe: Pipeline) -> None:
    # «مالی» (financial) is the KB's ambiguous name of Mali
    got = sigs(events("ایران از کمک مالی به شهرداری‌ها حمایت کرد.", pipe))
    assert not any("MLI" in a | r for _, a, r in got), got


def test_sports_results_are_not_events(pipe: Pipeline) -> None:
    assert events("تیم ملی ایران در دومین دیدار خود در جام جهانی با مکزیک دیدار کرد.", pipe) == []
    text = "به گزارش باشگاه خبرنگاران جوان، وزیر خارجه ایران با وزیر خارجه روسیه دیدار کرد."
    assert [e["type"] for e in events(text, pipe)] == ["CONSULT"]


def test_prospect_of_an_act_is_not_an_act(pipe: Pipeline) -> None:
    text = "روزنامه روسی از طرح حمله نظامی آمریکا به ایران خبر داد."
    assert not any(e["type"] == "ASSAULT" for e in events(text, pipe))


def test_official_of_an_international_body_acts_for_it(pipe: Pipeline) -> None:
    text = "دبیر کل اتحادیه عرب عمرو موسی از ایران خواست به مذاکرات بازگردد."
    got = sigs(events(text, pipe))
    assert not any("EGY" in a for _, a, _ in got), got


def test_preposition_after_a_nouns_genitive_is_the_nouns(pipe: Pipeline) -> None:
    text = "وزیر خارجه آمریکا از مواضع ترکیه و حمایت‌های این کشور از جمهوری آذربایجان انتقاد کرد."
    got = sigs(events(text, pipe))
    assert ("ACCUSE", frozenset({"USA"}), frozenset({"TUR"})) in got, got
    assert not any(t == "ACCUSE" and "AZE" in r for t, _, r in got), got


def test_requested_release_and_alleged_are_not_acts(pipe: Pipeline) -> None:
    text = "نماینده سوئد در دیدار با مقامات ایران آزادی دو تبعه سوئد را خواستار شد."
    assert not any(e["type"] == "RETREAT" for e in events(text, pipe))
    text = "سه کشور اروپایی این ساز و کار را با هدف ادعایی تسهیل تجارت با ایران راه‌اندازی کردند."
    assert not any(e["type"] == "ACCUSE" for e in events(text, pipe))


def test_lifting_sanctions_is_not_a_sanction(pipe: Pipeline) -> None:
    assert not any(e["type"] == "SANCTION" for e in events("اتحادیه اروپا از رفع تحریم‌های ایران خبر داد.", pipe))


# -- fourth round (issue 6): recall ---------------------------------------------------------------------------
def _doc_with_person(text: str, name: str, title: str, pronoun: str, code: str | None) -> Document:
    """A document whose entities stage linked a name the KB lacks, its title and a pronoun to one person
    (with the code the entities stage read from his titles, or none)."""
    from rasad.document import Entity

    doc = Document(raw=text)
    doc.add("sentences", 0, text.index(".") + 1, "sentence")
    doc.add("sentences", text.index(".") + 2, len(text), "sentence")
    doc.entities = [Entity("e1", name, "PER", code=code, attrs={"country": code} if code else {})]
    for surface in (name, title, pronoun):
        at = text.index(surface)
        doc.add("mentions", at, at + len(surface), "PER", entity="e1")
    return doc


def test_person_the_kb_lacks_acts_for_the_state_his_title_names(pipeline: Pipeline) -> None:
    # the entities stage codes him by his title (the first state; «در عراق» is his post); events read it
    text = "علی دهقانی سفیر ایران در عراق به بغداد رفت. وی از دولت سوریه حمایت کرد."
    got = sigs(events(text, pipeline))
    assert ("SUPPORT", frozenset({"IRN"}), frozenset({"SYR"})) in got, got


def test_person_code_comes_from_the_entities_stage_not_from_his_titles() -> None:
    # one rule, in the entities stage: events take the person's code as given, and read no title themselves
    text = "علی دهقانی سفیر ایران در عراق به بغداد رفت. وی از دولت سوریه حمایت کرد."
    doc = _doc_with_person(text, "علی دهقانی", "سفیر ایران در عراق", "وی", "AFG")
    EventStage()(doc)
    assert ("SUPPORT", frozenset({"AFG"}), frozenset({"SYR"})) in sigs([s.attrs for s in doc.spans("events")])
    doc = _doc_with_person(text, "علی دهقانی", "سفیر ایران در عراق", "وی", None)
    EventStage()(doc)
    assert not any(e.attrs["actor"] for e in doc.spans("events") if e.attrs["type"] == "SUPPORT")


def test_also_ends_an_adverbial_before_the_subject(pipe: Pipeline) -> None:
    # «پیش از این نیز X … ربوده شد»: «از» of «پیش از این» does not mark X
    text = "پیش از این نیز سفیر مصر ربوده شد."
    got = sigs(events(text, pipe))
    assert ("ASSAULT", frozenset({"MIL"}), frozenset({"EGY"})) in got, got


def test_mentioned_attack_is_not_the_speakers(pipe: Pipeline) -> None:
    text = "وزیر خارجه ایران به بمب‌گذاری روز گذشته در بغداد اشاره کرد."
    got = sigs(events(text, pipe))
    assert not any(t == "ASSAULT" and "IRN" in a for t, a, _ in got), got
    assert ("ASSAULT", frozenset({"MIL"}), frozenset({"IRQ"})) in got, got


def test_what_is_requested_after_ta_is_not_who_is_asked(pipe: Pipeline) -> None:
    text = "وزیر خارجه ایران از جامعه جهانی درخواست کرد تا دولت افغانستان را تقویت کند."
    assert not any(e["type"] == "REQUEST" and "AFG" in e["recipient"] for e in events(text, pipe))


def test_a_bodys_members_meeting_is_its_multilateral_consultation(pipe: Pipeline) -> None:
    text = "وزرای خارجه اتحادیه اروپا روز دوشنبه این مساله را مورد بحث و بررسی قرار می‌دهند."
    evs = [e for e in events(text, pipe) if e["type"] == "CONSULT"]
    assert [(e["actor"], e["recipient"], e["mode"]) for e in evs] == [(["EU"], [], "multilateral")]
    # a state alone discussing a matter is no consultation
    assert not any(e["type"] == "CONSULT" for e in events("دولت عراق این مساله را مورد بحث قرار داد.", pipe))


def test_two_countries_are_the_two_states_named_just_before(pipe: Pipeline) -> None:
    text = "آمریکا اندونزی را یکی از متحدان مهم خود می‌داند. دو کشور روابط نظامی خود را قطع کرده بودند."
    got = sigs(events(text, pipe))
    assert ("SANCTION", frozenset({"USA", "IDN"}), frozenset()) in got, got
    # three states before it: the reference is unclear, no pair is guessed
    text = "ایران، عراق و سوریه نشست داشتند. دو کشور روابط خود را قطع کردند."
    assert not any(e["type"] == "SANCTION" and len(e["actor"]) == 2 for e in events(text, pipe))
    # «دو کشور» are states: the UN named beside Iraq is not the second one
    text = "نخست‌وزیر عراق خواهان تحقیق سازمان ملل شد. با فراخوانده شدن سفرای دو کشور تنش افزایش یافت."
    assert not any(e["type"] == "SANCTION" for e in events(text, pipe))


def test_pluperfect_request_and_arab_leaders(pipe: Pipeline) -> None:
    got = sigs(events("عربستان از مصر خواسته بود این نشست را برگزار کند.", pipe))
    assert ("REQUEST", frozenset({"SAU"}), frozenset({"EGY"})) in got, got
    got = sigs(events("ریاض از سران عربی خواسته است نشست سالانه را در عربستان برگزار کنند.", pipe))
    assert ("REQUEST", frozenset({"SAU"}), frozenset({"ARL"})) in got, got


def test_object_after_a_relative_clause_comma_leaves_the_head_as_subject(pipe: Pipeline) -> None:
    # «X در این سفر که …، Y را تبریک خواهد گفت»: Y ends in «را», the head X congratulates
    text = (
        "وزیر خارجه ایران در این سفر که در راستای رایزنی‌های دو کشور صورت می‌گیرد، انتخاب مجدد بشار اسد "
        "به ریاست جمهوری سوریه را تبریک خواهد گفت."
    )
    got = sigs(events(text, pipe))
    assert ("SUPPORT", frozenset({"IRN"}), frozenset({"SYR"})) in got, got


def test_backing_down_from_a_position_is_a_concession(pipe: Pipeline) -> None:
    text = "نخست وزیر عراق درپی عقب‌نشینی دادگاه عراق از موضع خود درباره بعثی‌ها، درخواستش را پس گرفت."
    types = {e["type"] for e in events(text, pipe)}
    assert "CONCEDE" in types and "RETREAT" not in types, types


def test_classified_as_a_threat_is_no_threat(pipe: Pipeline) -> None:
    text = "سفیر ایران از گروه داعش به عنوان تهدید امنیتی در افغانستان یاد کرد."
    assert not any(e["type"] == "THREATEN" for e in events(text, pipe))


def test_second_act_at_another_place_is_coded_even_as_a_noun(pipe: Pipeline) -> None:
    text = (
        "رئیس‌جمهور سوریه دیروز با نخست وزیر عراق در دمشق دیدار کرد. "
        "رئیس‌جمهور عراق ماه گذشته نیز در دیدار با رئیس‌جمهور سوریه در حلب گفت‌وگو کرد."
    )
    got = [e for e in events(text, pipe) if e["type"] == "CONSULT" and e["recipient"]]
    assert len(got) == 2, got


def test_a_claim_accuses_its_first_other_party(pipe: Pipeline) -> None:
    got = sigs(events("وزیر خارجه اسرائیل مدعی شد: «دانشگاهیان ایرانی در پی ساخت بمب اتمی هستند».", pipe))
    assert ("ACCUSE", frozenset({"ISR"}), frozenset({"IRN"})) in got, got
    got = sigs(events("رئیس ستاد ارتش آمریکا مدعی شده بود که ایران بزرگترین تهدید منطقه است.", pipe))
    assert ("ACCUSE", frozenset({"USA"}), frozenset({"IRN"})) in got, got


def test_a_preposition_before_a_later_verb_trigger_is_that_verbs(pipe: Pipeline) -> None:
    text = "وزیر خارجه آمریکا از مواضع ترکیه انتقاد کرد و خواستار بازگشت ارمنستان به میز مذاکره شد."
    got = sigs(events(text, pipe))
    assert ("ACCUSE", frozenset({"USA"}), frozenset({"TUR"})) in got, got
    assert not any(t == "REQUEST" and "TUR" in r for t, _, r in got), got


def test_complement_clause_and_speech_verb_bound_the_clause(pipe: Pipeline) -> None:
    # «با اعلام اینکه …» opens a complement clause, «… تأکید کرد مسکو …» starts the speaker's
    text = (
        "سخنگوی وزارت خارجه روسیه با اعلام اینکه ۲۰ کودک در حملات اخیر در ادلب کشته شده‌اند، "
        "تأکید کرد مسکو خواستار انجام تحقیقات فوری است."
    )
    got = sigs(events(text, pipe))
    assert not any(t == "ASSAULT" and "RUS" in a | r for t, a, r in got), got
    # … but a complement clause closed by its comma leaves the verb its subject and object
    text = "این امر باعث شد تا مسکو، واشنگتن را برای اینکه بوتینا را تحت فشار قرار داده، متهم کرد."
    assert ("ACCUSE", frozenset({"RUS"}), frozenset({"USA"})) in sigs(events(text, pipe))


def test_a_purpose_or_an_end_is_no_act_but_a_trip_for_a_meeting_is(pipe: Pipeline) -> None:
    text = "مقامات روسی از تصمیم انگلیس برای انجام حملات هوایی در سوریه استقبال کردند."
    assert not any(e["type"] == "ASSAULT" for e in events(text, pipe))
    text = "سخنگوی ایران گفت با پایان تحریم تسلیحاتی سازمان ملل، ایران آماده خرید سلاح است."
    assert not any(e["type"] == "SANCTION" for e in events(text, pipe))
    text = "رئیس جمهور پاکستان جهت دیدار با مقامات آمریکایی راهی آمریکا می‌شود."
    assert any(e["type"] == "CONSULT" for e in events(text, pipe))


def test_ban_and_rulings_against(pipe: Pipeline) -> None:
    text = "هیئت بازخواست و عدالت عراق ۵۰۰ نامزد را به خاطر ارتباط با حزب بعث از نامزدی منع کرد."
    assert any(e["type"] == "COERCE" and e["actor"] == ["IRQ"] for e in events(text, pipe))
    text = "دادگاه‌های آمریکا با صدور احکامی علیه ایران خواستار پرداخت غرامت شده‌اند."
    got = sigs(events(text, pipe))
    assert ("SANCTION", frozenset({"USA"}), frozenset({"IRN"})) in got, got


def test_they_agreed_are_the_two_parties_named_before(pipe: Pipeline) -> None:
    text = "محمود عباس و اسماعیل هنیه دیروز در غزه دیدار کردند. پس از این دیدار، آنان توافق کردند گفتگوها ادامه یابد."
    got = sigs(events(text, pipe))
    assert any(t == "AGREE" and len(a) == 2 for t, a, _ in got), got


def test_a_gloss_in_parentheses_inside_a_form(pipe: Pipeline) -> None:
    # (bare «آذربایجان» is also an Iranian province: the gazetteer leaves it to the entities stage)
    text = "ترکیه منابع نظامی در اختیار (دولت) ارمنستان قرار داده است."
    got = sigs(events(text, pipe))
    assert ("AID", frozenset({"TUR"}), frozenset({"ARM"})) in got, got


def test_concessive_clause_opens_at_anke(pipe: Pipeline) -> None:
    text = (
        "بحرین متحد آمریکا است و با وجود آنکه باراک اوباما رئیس جمهور آمریکا از بحرین خواست "
        "تا به حقوق شهروندان احترام بگذارد، اما واشنگتن چشم‌پوشی می‌کند."
    )
    got = sigs(events(text, pipe))
    assert ("REQUEST", frozenset({"USA"}), frozenset({"BHR"})) in got, got


def test_bar_is_a_preposition_so_the_rejected_policy_owner_is_the_recipient(pipe: Pipeline) -> None:
    text = "سازمان ملل سیاست فشار حداکثری آمریکا بر ایران را رد کرده است."
    got = sigs(events(text, pipe))
    assert ("REJECT", frozenset({"UN"}), frozenset({"USA"})) in got, got


def test_passive_sanction_announced_by_a_state_body_is_its_act(pipe: Pipeline) -> None:
    text = "وزارت خزانه‌داری آمریکا روز گذشته اعلام کرد که بانک ملت ایران مورد تحریم قرار گرفت."
    assert ("SANCTION", frozenset({"USA"}), frozenset({"IRN"})) in sigs(events(text, pipe))


def test_a_purpose_with_an_infinitive_is_no_act(pipe: Pipeline) -> None:
    text = "تلاش آمریکا برای بازگرداندن تحریم‌های سازمان ملل علیه ایران شکست خورد."
    assert not any(e["type"] == "SANCTION" for e in events(text, pipe))


def test_equipment_attacked_is_no_aid(pipe: Pipeline) -> None:
    text = "ارتش جمهوری آذربایجان، تجهیزات نظامی ارمنستان را مورد حمله قرار داده است."
    got = sigs(events(text, pipe))
    assert not any(t == "AID" for t, _, _ in got), got
    assert ("ASSAULT", frozenset({"AZE"}), frozenset({"ARM"})) in got, got


def test_an_outlets_request_for_comment_and_arms_adjectives_are_no_events() -> None:
    doc = Document(raw="نمایندگی آمریکا در سازمان ملل از پاسخ به درخواست نیوزویک درباره محدودیت تسلیحاتی ایران خودداری کرد.")
    doc.add("sentences", 0, len(doc.text), "sentence")
    at = doc.text.index("نیوزویک")
    doc.add("sources", at, at + len("نیوزویک"), "cited", name="نیوزویک")
    EventStage()(doc)
    assert [s.attrs["type"] for s in doc.spans("events")] == []


# -- fifth round (issue 6) ----------------------------------------------------------------------------------
def test_a_call_to_attack_threatens_the_party_attacked(pipe: Pipeline) -> None:
    text = "رییس سابق شورای امنیت ملی رژیم صهیونیستی خواستار حمله به تاسیسات هسته‌ای ایران شد."
    got = sigs(events(text, pipe))
    assert ("THREATEN", frozenset({"ISR"}), frozenset({"IRN"})) in got, got
    assert not any(t in ("REQUEST", "ASSAULT") for t, _, _ in got), got
    # a call for talks stays a request
    text = "وزیر خارجه آمریکا خواستار بازگشت ارمنستان به میز مذاکره شد."
    assert any(t == "REQUEST" for t, _, _ in sigs(events(text, pipe)))


def test_a_supporter_of_an_attack_is_no_attack(pipe: Pipeline) -> None:
    text = "این گزارش دیک چنی معاون رئیس‌جمهور آمریکا را طرفدار حمله هوایی به ایران معرفی کرد."
    assert not any(e["type"] == "ASSAULT" for e in events(text, pipe))


def test_cooperation_an_agreement_opens_is_its_content(pipe: Pipeline) -> None:
    text = (
        "ایران و ترکمنستان توافقنامه‌ای امضا کردند که آغازگر مرحله جدید همکاری اقتصادی بین دو کشور است."
    )
    got = sigs(events(text, pipe))
    assert ("AGREE", frozenset({"IRN", "TKM"}), frozenset()) in got, got
    assert not any(t == "COOPERATE" for t, _, _ in got), got


def test_one_party_approving_is_no_agreement(pipe: Pipeline) -> None:
    got = sigs(events("هیئت وزیران ایران با اختصاص ۱۲ میلیارد ریال برای آزادی زندانیان موافقت کرد.", pipe))
    assert not any(t == "AGREE" for t, _, _ in got), got
    got = sigs(events("ایران با پیشنهاد روسیه موافقت کرد.", pipe))
    assert ("AGREE", frozenset({"IRN"}), frozenset({"RUS"})) in got, got


def test_a_death_toll_after_an_attack_is_its_outcome(pipe: Pipeline) -> None:
    text = "جنگنده‌های عربستان منطقه حریب در یمن را بمباران کردند که در پی آن ۱۲ نفر کشته شدند."
    got = [e for e in events(text, pipe) if e["type"] == "ASSAULT"]
    assert len(got) == 1 and got[0]["actor"] == ["SAU"], got
    # alone, a death toll is still an attack by an unknown party
    got = sigs(events("دو سرباز آمریکایی در بغداد کشته شدند.", pipe))
    assert ("ASSAULT", frozenset({"MIL"}), frozenset({"USA"})) in got, got


def test_an_act_contrasted_away_with_nah_did_not_happen(pipe: Pipeline) -> None:
    text = "پارلمان انگلیس به دخالت نظامی علیه داعش، و نه در حمایت از مخالفان دولت سوریه، رأی داد."
    assert not any(e["type"] == "SUPPORT" for e in events(text, pipe))


def test_a_coalition_names_a_group_not_cooperation(pipe: Pipeline) -> None:
    for text in (
        "حملات انگلیس و روسیه، همانند اقدامات ائتلاف به رهبری آمریکا، غیرقانونی است.",
        "نیروهای ائتلافی ترکیه و قطر در لیبی مستقر هستند.",
    ):
        assert not any(e["type"] == "COOPERATE" for e in events(text, pipe)), text


def test_a_warning_about_a_danger_and_an_attitude_are_no_acts(pipe: Pipeline) -> None:
    text = (
        "سفیر ایران نسبت به قدرت گرفتن گروه داعش، حرکت اسلامی ازبکستان و دیگر گروه‌های تروریستی در "
        "افغانستان هشدار داد."
    )
    assert not any(e["type"] == "THREATEN" for e in events(text, pipe))
    assert any(e["type"] == "THREATEN" for e in events("ایران به آمریکا هشدار داد.", pipe))
    text = "اتحادیه اروپا بر نگرش همکاری کامل با آژانس بین‌المللی انرژی اتمی تاکید دارد."
    assert not any(e["type"] == "COOPERATE" for e in events(text, pipe))


def test_a_subjunctive_act_after_a_modal_and_a_relative_clause_is_no_act(pipe: Pipeline) -> None:
    text = (
        "گل گفت اتحادیه اروپا باید با درخواست ترکیه که بنا بر توافقات دسامبر گذشته قرار است سوم اکتبر "
        "بررسی شود، موافقت کند."
    )
    assert not any(e["type"] == "AGREE" for e in events(text, pipe))
    assert any(e["type"] == "AGREE" for e in events("ایران با پیشنهاد روسیه موافقت کرد.", pipe))


# -- issue 6, sixth round: one rule for «این کشور» (the entities stage's) ---------------------------------------
def test_anaphor_across_sentences_is_the_entities_stage_link(pipe: Pipeline, pipeline: Pipeline) -> None:
    text = "ایران قطعنامه را تصویب کرد. این کشور از سوریه حمایت کرد."
    # the entities stage links «این کشور» to the last country before its sentence; events read that link
    assert ("SUPPORT", frozenset({"IRN"}), frozenset({"SYR"})) in sigs(events(text, pipeline))
    # without it, events do not reach back across sentences on their own
    assert not any(e["actor"] for e in events(text, pipe) if e["type"] == "SUPPORT")


def test_anaphor_after_a_state_body_is_the_entities_stage_link(pipeline: Pipeline) -> None:
    # «مجلس نمایندگان عراق … از دولت این کشور خواست»: the body names its state; the parliament asks its government
    text = "مجلس نمایندگان عراق روز سه‌شنبه از دولت این کشور خواست به ترکیه اعتراض کند."
    assert ("REQUEST", frozenset({"IRQ"}), frozenset({"IRQ"})) in sigs(events(text, pipeline))


def test_unlinked_anaphor_takes_the_first_state_of_its_sentence(pipe: Pipeline) -> None:
    # «پارلمان اسپانیا» is no KB body: the entities stage leaves «این کشور» unlinked, events find the state in it
    text = "نمایندگان پارلمان اسپانیا روز سه‌شنبه از دولت این کشور خواستند کشور فلسطین را به رسمیت بشناسد."
    assert ("REQUEST", frozenset({"ESP"}), frozenset({"ESP"})) in sigs(events(text, pipe))


def test_verb_and_new_subject_opens_a_clause(pipeline: Pipeline) -> None:
    # «… پذیرفت و آمریکا او را … محکوم کرد»: «آمریکا» after the verb and «و» is the next verb's subject
    text = "ماریا بوتینا شهروند روسیه است. او چندی بعد اتهاماتش را پذیرفت و آمریکا او را به تحمل ۱۸ ماه حبس محکوم کرد."
    assert ("SANCTION", frozenset({"USA"}), frozenset({"RUS"})) in sigs(events(text, pipeline))


def test_verb_and_marked_phrase_shares_the_subject(pipe: Pipeline) -> None:
    # «… شرکت کرد و از هند خواست»: «از هند» is no new subject; both verbs are Iran's
    text = "ایران در این نشست شرکت کرد و از هند خواست این فرصت را از دست ندهد."
    assert ("REQUEST", frozenset({"IRN"}), frozenset({"IND"})) in sigs(events(text, pipe))


def test_coordinated_parties_after_the_trigger_stay_in_its_clause(pipe: Pipeline) -> None:
    # «و» between two parties coordinates them; it does not start the next clause («… ارمنستان به میز مذاکره شد»)
    text = "وزیر خارجه آمریکا خواستار بازگشت جمهوری آذربایجان و ارمنستان به میز مذاکره شد."
    assert ("REQUEST", frozenset({"USA"}), frozenset({"AZE", "ARM"})) in sigs(events(text, pipe))


def test_bana_bar_attribution_does_not_mark_the_subject(pipe: Pipeline) -> None:
    # «بنا بر این خبر …», like «به گزارش …», ends before the subject: «بر» does not mark «مقامات آمریکایی»
    text = "بنا بر این خبر مقامات آمریکایی تحریم‌هایی را علیه بانک‌های ایرانی اعمال کردند."
    assert ("SANCTION", frozenset({"USA"}), frozenset({"IRN"})) in sigs(events(text, pipe))


def test_a_year_that_does_not_hold_the_first_act_dates_another_act(pipe: Pipeline) -> None:
    text = (
        "وزارت خزانه‌داری آمریکا روز گذشته بانک ملت ایران را تحریم کرد. "
        "بنا بر این خبر مقامات آمریکایی در سال ۲۰۰۸ نیز تحریم‌هایی را علیه بانک‌های ایرانی اعمال کردند."
    )
    got = [e for e in events(text, pipe, published="2013-05-10") if e["type"] == "SANCTION"]
    assert len(got) == 2, got
    # the same year as the first act's day is no second act
    got = [e for e in events(text.replace("۲۰۰۸", "۲۰۱۳"), pipe, published="2013-05-10") if e["type"] == "SANCTION"]
    assert len(got) == 1, got


def test_a_party_inside_the_topic_of_talks_is_no_recipient(pipe: Pipeline) -> None:
    # «… درباره تقویت همکاری‌ها برای مبارزه با داعش»: ISIS is talked about; the call is between the two leaders
    text = "رئیس‌جمهور فرانسه و نخست‌وزیر انگلیس گفت‌وگوی تلفنی درباره تقویت همکاری‌ها برای مبارزه با داعش داشتند."
    got = sigs(events(text, pipe))
    assert not any("ISIS" in r for _t, _a, r in got), got


@pytest.mark.parametrize(
    "text",
    [
        "روابط دو کشور بعد از حمله مسئولان عراقی علیه سوریه متشنج شد.",
        "عبدالله الاشعل حمله تبلیغاتی گسترده‌ای را علیه مصر آغاز کرد.",
    ],
)
def test_verbal_attack_is_no_assault(pipe: Pipeline, text: str) -> None:
    # plover.json verbal_attack: «حمله تبلیغاتی», «حمله مسئولان …» are words, not force
    assert not any(e["type"] == "ASSAULT" for e in events(text, pipe))


def test_attack_by_forces_is_still_an_assault(pipe: Pipeline) -> None:
    assert any(e["type"] == "ASSAULT" for e in events("حمله نیروهای عراقی علیه سوریه ادامه دارد.", pipe))


def test_noun_complement_of_a_later_verb_does_not_target_its_subject(pipe: Pipeline) -> None:
    # «مسکو از تهاجم هوایی انگلیس … استقبال می‌کند»: Moscow welcomes the strikes; it is not their target
    text = "مسکو از تهاجم هوایی انگلیس در سوریه استقبال می‌کند."
    got = sigs(events(text, pipe))
    assert ("SUPPORT", frozenset({"RUS"}), frozenset({"GBR"})) in got, got
    assert not any(t == "ASSAULT" and "RUS" in r for t, _a, r in got), got


def test_a_bare_ruling_is_no_conviction(pipe: Pipeline) -> None:
    # «حکم» alone is any ruling or decree («با صدور حکمی این امر را … درآورد», «با حکم رئیس سازمان … انتخاب شد»);
    # a sentence is «حکم اعدام/حبس/زندان»
    assert not any(e["type"] == "SANCTION" for e in events("دادگاه عراق با صدور حکمی علیه حزب بعث این امر را اعلام کرد.", pipe))
    got = sigs(events("دادگاه عراق حکم اعدام سران حزب بعث را صادر کرد.", pipe))
    assert any(t == "SANCTION" and a == frozenset({"IRQ"}) for t, a, _r in got), got


def test_pair_genitive_of_a_noun_is_one_act_of_both(pipe: Pipeline) -> None:
    # «سفر مقامات دو کشور»: both sides' visits — the two states named before, symmetric; three named: unclear
    two = "ایران و افغانستان روابط خوبی دارند و سفر مقامات دو کشور ادامه دارد."
    assert ("CONSULT", frozenset({"IRN", "AFG"}), frozenset()) in sigs(events(two, pipe))
    three = "ایران، افغانستان و هندوستان توافق کردند و سفر مقامات دو کشور ادامه دارد."
    assert not any(t == "CONSULT" for t, _a, _r in sigs(events(three, pipe)))


def test_protest_named_by_its_state_is_its_people_against_it(pipe: Pipeline) -> None:
    # «تظاهرات بحرین»: protests held in Bahrain — OPP against BHR (gold README), not Bahrain protesting
    got = sigs(events("دست‌کم ۳۰ نفر در تظاهرات بحرین کشته شدند.", pipe))
    assert ("PROTEST", frozenset({"OPP"}), frozenset({"BHR"})) in got, got
    assert not any(t == "PROTEST" and a == frozenset({"BHR"}) for t, a, _r in got), got


def test_noun_object_of_a_strengthening_verb_is_a_goal(pipe: Pipeline) -> None:
    # «… کمک‌های اقتصادی خود را با لیبی تحکیم می‌بخشد»: like «تقویت همکاری», what is to grow has not happened
    text = "اتحادیه اروپا کمک‌های اقتصادی خود را با لیبی تحکیم می‌بخشد."
    assert not any(e["type"] == "AID" for e in events(text, pipe))
    assert any(e["type"] == "AID" for e in events("اتحادیه اروپا کمک‌های اقتصادی خود را به لیبی ارسال کرد.", pipe))


def test_party_coordinated_with_the_actor_is_no_fallback_recipient(pipe: Pipeline) -> None:
    # «فتنه‌ای که مورد حمایت آمریکا و رژیم اسرائیل بود»: both support it; Israel is not supported by America
    text = "این توطئه مورد حمایت آمریکا و رژیم اسرائیل بود."
    assert ("SUPPORT", frozenset({"USA"}), frozenset({"ISR"})) not in sigs(events(text, pipe))
    # a meeting's two sides stay sides: «دیدار مقامات ترکمنستان و چین»
    got = sigs(events("دیدار مقامات ارشد ترکمنستان و چین در عشق‌آباد برگزار شد.", pipe))
    assert any(t == "CONSULT" and {"TKM", "CHN"} <= a | r for t, a, r in got), got


def test_plover_export_keeps_the_sector_a_mention_gives_its_state() -> None:
    # «دولت سوریه» is a mention of Syria in its government role (the entities stage puts GOV on the mention):
    # the PLOVER record's recipient sector says so though the country entity has no sector
    from rasad.extract.events import to_plover
    from rasad.pipeline import analyze_text

    doc = analyze_text("ایران و روسیه از دولت سوریه در مبارزه با تروریسم حمایت کردند.")
    rows = [r for r in to_plover(doc) if r["event"] == "SUPPORT"]
    assert rows and rows[0]["recipient"] == "SYR" and rows[0]["recipient_sector"] == "GOV"


def test_a_negative_reject_form_is_the_act_and_its_negation_a_denial(pipeline) -> None:
    from rasad.ingest.text import document_from_text

    def rejects(text: str) -> list[tuple[list[str], list[str], str]]:
        doc = pipeline(document_from_text(text, published="2015-05-01"))
        return [(s.attrs["actor"], s.attrs["recipient"], s.attrs["modality"]) for s in doc.layers["events"]
                if s.attrs["type"] == "REJECT"]

    # «نپذیرفت» is a REJECT form of the lexicon: its «ن» is the act, not a denial of it
    assert rejects("دولت عراق درخواست آمریکا برای تمدید حضور نیروهایش را نپذیرفت.") == [(["IRQ"], ["USA"], "asserted")]
    # near miss: «رد نکرد» negates the rejection
    assert rejects("دولت عراق درخواست آمریکا برای تمدید حضور نیروهایش را رد نکرد.") == [(["IRQ"], ["USA"], "denied")]
