"""Which entities a document lists, and by what name (issue 5: precision on unseen articles).

One test per class of false positive found on the quotes golds: entities the text never names, a province
read as its city, quoted names inside a description, descriptors before an organisation's name, directions
before a place, and KB names that are everyday words in context."""

from __future__ import annotations

import pytest

from helpers import analyse
from rasad.document import Document
from rasad.kb import match_key


def listed(doc: Document) -> dict[str, str]:
    """match_key(name) → type of the entities the document lists (named in the text)."""
    return {match_key(e.name): e.type for e in doc.entities if e.attrs.get("named", True)}


def unnamed(doc: Document) -> set[str]:
    return {match_key(e.name) for e in doc.entities if e.attrs.get("named") is False}


def test_title_or_demonym_only_entities_are_not_listed(entities_pipe) -> None:
    doc = analyse(
        entities_pipe,
        "مقام معظم رهبری در دیدار با مسئولان گفت: کار باید ادامه یابد. یک گردشگر هلندی نیز در این مراسم حضور داشت.",
        published="2015-05-01",
    )
    # Both stay entities (events read their codes), but neither is named in the text.
    assert {match_key("علی خامنه‌ای"), match_key("هلند")} <= unnamed(doc)
    assert match_key("هلند") not in listed(doc)


def test_named_entities_stay_listed(entities_pipe) -> None:
    doc = analyse(
        entities_pipe, "آیت‌الله خامنه‌ای در سفر به هلند گفت: کار باید ادامه یابد.", published="2015-05-01"
    )
    assert match_key("علی خامنه‌ای") in listed(doc)
    assert listed(doc).get(match_key("هلند")) == "GPE"


def test_a_country_named_inside_another_name_is_listed(entities_pipe) -> None:
    doc = analyse(entities_pipe, "وزارت دفاع آمریکا اعلام کرد یک سرباز آمریکایی در این حادثه کشته شد.")
    assert any(e.kb_id == "country:USA" for e in doc.entities)
    assert listed(doc).get(match_key("آمریکا")) == "GPE"


def test_province_with_its_kind_word_is_the_province(entities_pipe) -> None:
    doc = analyse(entities_pipe, "مدیرعامل شرکت برق استان بوشهر گفت: این طرح به زودی اجرا می‌شود.")
    ids = {e.kb_id for e in doc.entities}
    assert "place:province-bushehr" in ids and "place:bushehr" not in ids


def test_quoted_name_inside_a_description(entities_pipe) -> None:
    doc = analyse(
        entities_pipe, 'به گزارش روزنامه بحرینی «الایام»، زندانیان زندان‌های "ابوغریب" عراق آزاد شدند.'
    )
    names = listed(doc)
    assert match_key("الایام") in names and match_key("روزنامه بحرینی الایام") not in names


def test_descriptors_before_an_organisation_name(entities_pipe) -> None:
    doc = analyse(
        entities_pipe,
        "به گزارش روابط عمومی اتحادیه املاک ورامین، این طرح اجرا شد. تیم پرسپولیس تهران در این دیدار پیروز شد.",
    )
    names = listed(doc)
    assert match_key("اتحادیه املاک ورامین") in names
    assert not any(n.startswith(match_key("روابط عمومی")) or n.startswith(match_key("تیم")) for n in names)
    # The town in a club's name is no place entity of its own.
    assert match_key("تهران") not in names
    # The mention keeps the descriptor, so a name written with it still names the entity.
    assert any(doc.span_text(m).startswith("روابط عمومی") for m in doc.spans("mentions"))


def test_national_team_keeps_its_country(entities_pipe) -> None:
    doc = analyse(entities_pipe, "تیم‌های مکزیک و پرتغال در این دیدار به تساوی رسیدند.")
    assert listed(doc).get(match_key("پرتغال")) == "GPE"


def test_direction_before_a_place_names_the_place(entities_pipe) -> None:
    doc = analyse(entities_pipe, "این حادثه در جنوب پاکستان رخ داد و سیل غرب استان تهران را فرا گرفت.")
    names = listed(doc)
    assert not any(n.startswith((match_key("جنوب"), match_key("غرب"))) for n in names)
    assert names.get(match_key("پاکستان")) == "GPE"
    assert "place:province-tehran" in {e.kb_id for e in doc.entities}


def test_direction_of_the_country_is_no_place(entities_pipe) -> None:
    doc = analyse(entities_pipe, "یک سرباز آمریکایی کشته شد. باران در شمال کشور ادامه دارد.")
    names = listed(doc)
    assert match_key("کشور") not in names and match_key("شمال کشور") not in names


@pytest.mark.parametrize(
    "text, kb_id",
    [
        ("وی افزود: صدور چک بلامحل جرم است و دسته چک به روستائیان ارایه می‌شود.", "country:CZE"),
        ("درود بر شما که در این راه تلاش کردید.", "place:darrud"),
        (
            "شورای شهر خارگ پیگیر این مشکل بوده است و تا حدودی هم سرو سامان داده شده، اما انتظار ما این است.",
            "place:serow",
        ),
    ],
)
def test_kb_names_that_are_everyday_words_in_context(entities_pipe, text: str, kb_id: str) -> None:
    assert kb_id not in {e.kb_id for e in analyse(entities_pipe, text).entities}


def test_an_unnamed_group_is_not_listed(entities_pipe) -> None:
    doc = analyse(entities_pipe, "نیروهای آمریکایی و گروه‌های مسلح در این شهر با یکدیگر درگیر شدند.")
    assert any(e.kb_id == "org:us-military" for e in doc.entities)
    assert match_key("ارتش آمریکا") not in listed(doc)


def test_two_word_surname_is_the_documents_person(entities_pipe) -> None:
    doc = analyse(
        entities_pipe,
        "حجت‌الاسلام سید هاشم رسولی محلاتی در این مراسم گفت: کار باید ادامه یابد. رسولی محلاتی افزود: این راه ادامه دارد.",
    )
    people = [e for e in doc.entities if e.type == "PER"]
    assert [match_key(e.name) for e in people] == [match_key("هاشم رسولی محلاتی")]


def test_two_bodies_joined_at_and_are_two_names(entities_pipe) -> None:
    doc = analyse(entities_pipe, "به گزارش فارس، شهرداری و شورای اسلامی شهر زیراب این طرح را اجرا کردند.")
    names = listed(doc)
    assert match_key("شورای اسلامی شهر زیراب") in names
    assert not any(match_key("شهرداری و") in n for n in names)
