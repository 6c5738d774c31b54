"""Sixth round of event rules (issue 6, generalisation to a blind set): false triggers, modality, lexicon
forms and argument patterns. Each case is a general Persian construction, not an article's sentence."""

from __future__ import annotations

import pytest

from helpers import sigs
from rasad.pipeline import Pipeline


# as in tests/test_events.py: the event stage's own behaviour, with its gazetteer, without the entities stage
@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline.default(disable=["entities"])




def types(text: str, pipe: Pipeline) -> set[str]:
    return {t for t, _a, _r in sigs(text, pipe)}


# sentences with no act of the given type: agent nouns, names, places, offers, judgements, negated copulas
@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("وزیر خارجه انگلیس از حامیان خروج از اتحادیه اروپا خواست برنامه خود را اعلام کنند.", "SUPPORT"),
        ("برخی نیروهای یمنی طرفدار دولت و هم پیمان با عربستان در این منطقه حضور دارند.", "AGREE"),
        ("ارتش یمن محل تجمع نیروهای سعودی را بمباران کرد.", "PROTEST"),
        ("آمریکا در ازای برخی امتیازها و کمک‌ها از کره شمالی خواست برنامه هسته‌ای خود را برچیند.", "AID"),
        ("صدراعظم آلمان گفت برای خیلی از اعضا آسان نیست که با طرح انگلیس موافقت کنند.", "AGREE"),
        ("سخنگوی وزارت خارجه آمریکا گفت این به معنی همکاری ما با ایران نیست.", "COOPERATE"),
        ("قرار بود این طرح در سالگرد حمله عراق به کویت اجرا شود.", "ASSAULT"),
        ("مقامات آمریکایی گفتند این اقدامات ایران نشان دهنده پیشرفت سریع و هشدار دهنده این کشور است.", "THREATEN"),
        ("سازمان ملل هشدار داده بود تشدید خشونت‌ها در اتیوپی امور امدادی را مختل می‌کند.", "THREATEN"),
        # a party after a finite verb is in its content, not warned
        ("دولت انگلیس هشدار داد خروج از اتحادیه اروپا این کشور را ضعیف‌تر می‌کند.", "THREATEN"),
    ],
)
def test_no_act(text: str, etype: str, pipe: Pipeline) -> None:
    etype, _, code = etype.partition("-")  # «TYPE-CODE»: no such act by that code
    got = sigs(text, pipe)
    assert not any(t == etype and (not code or code in a) for t, a, _r in got), got


def test_negated_copula_of_another_clause_keeps_the_noun(pipe: Pipeline) -> None:
    # «… که پشتیبانی‌کننده دولت سوریه هستند موضوع جدیدی نیست»: «نیست» negates the main clause
    text = "رایزنی‌های ایران و روسیه که پشتیبانی‌کننده دولت سوریه هستند موضوع جدیدی نیست."
    assert "SUPPORT" in types(text, pipe), sigs(text, pipe)


def test_offered_aid_does_not_take_the_requests_addressee(pipe: Pipeline) -> None:
    text = "آمریکا در ازای برخی امتیازها و کمک‌ها از کره شمالی خواست برنامه هسته‌ای خود را برچیند."
    assert ("REQUEST", frozenset({"USA"}), frozenset({"PRK"})) in sigs(text, pipe)


def test_party_after_a_nonfinite_form_is_still_its_recipient(pipe: Pipeline) -> None:
    # «خواستار … شد» and «با متهم کردن X» keep the parties that follow the trigger word
    text = "وزیر خارجه آمریکا خواستار حل منازعه بین جمهوری آذربایجان و ارمنستان از راه مذاکره شد."
    assert ("REQUEST", frozenset({"USA"}), frozenset({"AZE", "ARM"})) in sigs(text, pipe)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a visit: «از X دیدن کرد», one event per country visited
        ("نخست وزیر عراق تاکنون از کشورهای اردن، مصر و سوریه دیدن کرده است.", ("CONSULT", {"IRQ"}, {"JOR"})),
        ("نخست وزیر عراق تاکنون از کشورهای اردن، مصر و سوریه دیدن کرده است.", ("CONSULT", {"IRQ"}, {"SYR"})),
        ("رئیس جمهور ایران سه ماه پیش به هند و پاکستان سفر کرد.", ("CONSULT", {"IRN"}, {"PAK"})),
        # concern about a party's conduct is an accusation
        ("نخست وزیر عراق از نقش ایران در عراق ابراز نگرانی کرد.", ("ACCUSE", {"IRQ"}, {"IRN"})),
        # allegiance: «تجدید بیعت با», «اعلام وفاداری به»
        ("قبایل عراقی با رهبر ایران تجدید بیعت کردند.", ("SUPPORT", {"IRQ"}, {"IRN"})),
        ("نیروهای عراقی عملیاتی گسترده علیه داعش آغاز کردند.", ("ASSAULT", {"IRQ"}, {"ISIS"})),
    ],
)
def test_lexicon_forms(text: str, expected: tuple[str, set[str], set[str]], pipe: Pipeline) -> None:
    t, a, r = expected
    assert (t, frozenset(a), frozenset(r)) in sigs(text, pipe), sigs(text, pipe)


def test_holder_of_an_international_title_acts_for_the_body() -> None:
    # «دبیرکل سازمان ملل متحد» is linked to a person with a nationality; in his title he is the UN
    full = Pipeline.default()
    text = (
        "بان کی‌مون دبیرکل سازمان ملل متحد وارد پکن شد. "
        "رئیس‌جمهور روسیه در جریان دیدار با دبیرکل سازمان ملل متحد در چین بحران اوکراین را مورد بررسی قرار داد."
    )
    got = sigs(text, full)
    # (the meeting is symmetric: tests/gold/README.md, convention adjudicated 2026-11-29)
    assert ("CONSULT", frozenset({"RUS", "UN"}), frozenset()) in got, got
    assert not any("KOR" in a | r for _t, a, r in got), got


def test_rejected_request_is_the_rejections_object(pipe: Pipeline) -> None:
    # «درخواست X را رد کرد»: the request noun is what is rejected; the rejection stands (its recipient X)
    text = "کره شمالی درخواست آمریکا برای برچیدن برنامه هسته‌ای خود را رد کرد."
    got = sigs(text, pipe)
    assert ("REJECT", frozenset({"PRK"}), frozenset({"USA"})) in got, got
    assert not any(t == "REQUEST" for t, _a, _r in got), got


@pytest.mark.parametrize(
    "text",
    [
        "بیش از ۲۰۰ تن در شهرهای مختلف عراق بر اثر حملات تروریستی کشته شدند.",
        "حمله انتحاری به یک مرکز پلیس در شرق ترکیه سه کشته بر جای گذاشت.",
    ],
)
def test_unattributed_attack_with_casualties_in_a_country(text: str, pipe: Pipeline) -> None:
    # the state named as the place of a deadly attack nobody claims is its target, the actor unidentified (MIL)
    country = "IRQ" if "عراق" in text else "TUR"
    assert ("ASSAULT", frozenset({"MIL"}), frozenset({country})) in sigs(text, pipe), sigs(text, pipe)


def test_state_as_the_place_of_a_speculated_attack_is_not_a_target(pipe: Pipeline) -> None:
    text = "احتمال دارد انگلیسی‌ها اهداف دیگری از تهاجم هوایی در سوریه داشته باشند."
    assert not any(a == frozenset({"MIL"}) for _t, a, _r in sigs(text, pipe)), sigs(text, pipe)


def test_red_cross_is_coded_irc(pipe: Pipeline) -> None:
    text = "یک پژوهشگر فلسطینی با انتشار بیانیه‌ای از صلیب سرخ جهانی خواست تا با رفتار اسرائیل برخورد کند."
    assert ("REQUEST", frozenset({"PSE"}), frozenset({"IRC"})) in sigs(text, pipe), sigs(text, pipe)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("هیات بلندپایه عراقی راهی ایران شد.", ("CONSULT", {"IRQ"}, {"IRN"})),
        ("وزیر خارجه روسیه عازم ترکیه شد.", ("CONSULT", {"RUS"}, {"TUR"})),
        ("نیروهای اسرائیلی به جنوب لبنان هجوم بردند.", ("ASSAULT", {"ISR"}, {"LBN"})),
        ("رئیس‌جمهور سوریه از مواضع روسیه تمجید کرد.", ("SUPPORT", {"SYR"}, {"RUS"})),
    ],
)
def test_more_lexicon_forms(text: str, expected: tuple[str, set[str], set[str]], pipe: Pipeline) -> None:
    t, a, r = expected
    assert (t, frozenset(a), frozenset(r)) in sigs(text, pipe), sigs(text, pipe)


def test_passive_act_on_foreigners_is_not_the_outlets_countrys() -> None:
    # «… دانشمند اسرائیلی … از زندان آزاد شد» in an Iranian outlet's report: not Iran's release (no agent, no place)
    full = Pipeline.default()
    text = (
        "خبرگزاری فارس: موردخای وانونو دانشمند سابق هسته‌ای اسرائیل که پس از ۱۸ سال از زندان آزاد شد، "
        "گفت تهدید هسته‌ای اسرائیل بزرگ است."
    )
    got = sigs(text, full)
    assert not any("IRN" in a for _t, a, _r in got), got
