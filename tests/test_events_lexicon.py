"""Trigger lexicon families of issue 6 (round «ev-lex», 2026-11-29): each new family codes its act, and a
near miss of the same words does not."""

from __future__ import annotations

import pytest

from helpers import sigs
from rasad.extract.events import EventLexicon
from rasad.pipeline import Pipeline


# As in tests/test_events.py: the entities stage is another engineer's and still changing; the event stage's
# own gazetteer (built from the shipped KB) resolves the parties here.
@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline.default(disable=["entities"])


@pytest.fixture(scope="module")
def lex() -> EventLexicon:
    return EventLexicon.load()




def found(text: str, lex: EventLexicon) -> list[tuple[str, str]]:
    return [(text[s:e], lex.triggers[i].type) for s, e, i in lex.find(text, 0, len(text))]


# -- the adjudicated meeting convention: meetings and talks symmetric, visits directed ----------------------
def test_bilateral_meeting_is_symmetric(pipe: Pipeline) -> None:
    got = sigs("وزیر خارجه ایران با وزیر خارجه روسیه دیدار کرد.", pipe)
    assert ("CONSULT", frozenset({"IRN", "RUS"}), frozenset()) in got, got
    assert not any(t == "CONSULT" and r for t, _a, r in got), got


def test_phone_talks_are_symmetric(pipe: Pipeline) -> None:
    text = "رئیس‌جمهور فرانسه در گفت‌وگوی تلفنی با نخست‌وزیر انگلیس درباره داعش گفت‌وگو کرد."
    assert ("CONSULT", frozenset({"FRA", "GBR"}), frozenset()) in sigs(text, pipe)


def test_visit_stays_directed(pipe: Pipeline) -> None:
    # near miss of the meeting: a trip is visitor -> host
    assert sigs("وزیر خارجه ایران به مسکو سفر کرد.", pipe) == {("CONSULT", frozenset({"IRN"}), frozenset({"RUS"}))}


def test_meeting_in_one_partys_town_is_the_other_partys_visit(pipe: Pipeline) -> None:
    got = sigs("وزیر خارجه روسیه در مسکو با وزیر خارجه ایران دیدار کرد.", pipe)
    assert got == {("CONSULT", frozenset({"IRN"}), frozenset({"RUS"}))}, got


# -- light verbs: first person and future ----------------------------------------------------------------
def test_first_person_future_light_verbs_are_triggers(lex: EventLexicon) -> None:
    assert ("هدف قرار خواهیم داد", "ASSAULT") in found("عمق اربیل را هدف قرار خواهیم داد.", lex)
    assert ("درخواست می‌کنم", "REQUEST") in found("از دولت درخواست می‌کنم این مسائل را حل کند.", lex)
    assert ("محکوم می‌کنیم", "ACCUSE") in found("این تهاجم را شدیدا محکوم می‌کنیم.", lex)


def test_negated_first_person_future_is_not_a_listed_form(lex: EventLexicon) -> None:
    # «نخواهیم …» is not read as a negation by the modality rules, so it must not become an asserted act
    assert not any(t == "ASSAULT" for _w, t in found("آنجا را هدف قرار نخواهیم داد.", lex))


# -- COOPERATE: the act, not the topic -------------------------------------------------------------------
def test_cooperation_as_a_topic_is_no_act(pipe: Pipeline) -> None:
    for text in (
        "دو طرف بر توسعه همکاری‌های ایران و روسیه تأکید کردند.",
        "فرماندار ونزوئلا بر تداوم همکاری با ایران تأکید کرد.",
        "سفر رئیس جمهور چین به روسیه موجب ارتقای سطح همکاری‌های استراتژیک دو کشور خواهد شد.",
    ):
        got = sigs(text, pipe)
        assert not any(t == "COOPERATE" for t, _a, _r in got), (text, got)


def test_cooperating_is_an_act(pipe: Pipeline) -> None:
    assert ("COOPERATE", frozenset({"IRN", "RUS"}), frozenset()) in sigs("ایران و روسیه در سوریه همکاری می‌کنند.", pipe)


def test_signed_cooperation_documents_are_an_agreement(pipe: Pipeline) -> None:
    text = "رئیس جمهور ونزوئلا از امضای چند سند همکاری میان تهران و کاراکاس ابراز خشنودی کرد."
    got = sigs(text, pipe)
    assert ("AGREE", frozenset({"VEN", "IRN"}), frozenset()) in got, got
    assert not any(t == "COOPERATE" for t, _a, _r in got), got


# -- boycott, not sanction -------------------------------------------------------------------------------
def test_boycott_of_a_conference_is_protest(lex: EventLexicon) -> None:
    got = found("اظهارات رهبر ایران در خصوص تحریم کنفرانس سازش بازتاب داشت.", lex)
    assert ("تحریم کنفرانس", "PROTEST") in got, got
    assert not any(t == "SANCTION" for _w, t in got), got


def test_sanction_on_a_state_stays_sanction(pipe: Pipeline) -> None:
    assert sigs("آمریکا ایران را تحریم کرد.", pipe) == {("SANCTION", frozenset({"USA"}), frozenset({"IRN"}))}


# -- accusations by description ----------------------------------------------------------------------------
def test_pejorative_description_is_an_accusation(pipe: Pipeline) -> None:
    got = sigs("کره شمالی طرح آمریکا را غیرواقع‌بینانه توصیف کرد.", pipe)
    assert ("ACCUSE", frozenset({"PRK"}), frozenset({"USA"})) in got, got


def test_neutral_description_is_no_accusation(pipe: Pipeline) -> None:
    assert sigs("وزیر کشور ایران طرح آمریکا را ضروری دانست.", pipe) == set()


def test_lashing_out_at_a_party_is_an_accusation(pipe: Pipeline) -> None:
    got = sigs("رئیس حزب آزادی هلند به شدت به دولت مصر تاخت.", pipe)
    assert ("ACCUSE", frozenset({"NLD"}), frozenset({"EGY"})) in got, got


# -- support by defence, rejection by refusing a visa ---------------------------------------------------------
def test_defending_a_party_is_support(pipe: Pipeline) -> None:
    got = sigs("رئیس جمهور ونزوئلا گفت: ما از مواضع هسته‌ای ایران دفاع می‌کنیم.", pipe)
    assert ("SUPPORT", frozenset({"VEN"}), frozenset({"IRN"})) in got, got


def test_self_defence_is_no_support(pipe: Pipeline) -> None:
    assert not any(t == "SUPPORT" for t, _a, _r in sigs("وزیر دفاع ایران گفت: ما از خود دفاع کرده‌ایم.", pipe))


def test_refusing_a_visa_is_a_rejection(pipe: Pipeline) -> None:
    got = sigs("مقامات مصری از دادن ویزا به یک نماینده پارلمان هلند خودداری کردند.", pipe)
    assert ("REJECT", frozenset({"EGY"}), frozenset({"NLD"})) in got, got


# -- multilateral ministers' meetings ------------------------------------------------------------------------
def test_ministers_meeting_misspelt_is_multilateral(pipe: Pipeline) -> None:
    assert ("CONSULT", frozenset({"EU"}), frozenset()) in sigs("نشست وزاری خارجه اتحادیه اروپا در بروکسل برگزار شد.", pipe)


# -- the scan itself ------------------------------------------------------------------------------------------
def test_two_word_head_does_not_hide_the_next_words_trigger(lex: EventLexicon) -> None:
    # «از اعط…» is the head of «از اعطای ویزا»; when that form fails, «اعطای وام» must still be found
    assert ("اعطای وام", "AID") in found("وزیر اقتصاد مراکش از اعطای وام ژاپن خبر داد.", lex)


def test_named_or_generic_agreements_are_topics(pipe: Pipeline) -> None:
    for text in (
        "رئیس جمهور ونزوئلا گفت آمریکا اجازه ندارد بر خلاف قراردادهای بین‌المللی با ایران عمل کند.",
        "ترامپ دیدار با رهبر کره شمالی را دلیلی برای کنار گذاشتن توافق هسته‌ای با ایران می‌داند.",
    ):
        got = sigs(text, pipe)
        assert not any(t == "AGREE" for t, _a, _r in got), (text, got)
    # near miss: an agreement reached is still an act
    got = sigs("ایران و پاکستان توافقی برای ساخت خط لوله به امضا رساندند.", pipe)
    assert ("AGREE", frozenset({"IRN", "PAK"}), frozenset()) in got, got
