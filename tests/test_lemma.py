"""Lemmas (rasad.text.lemma): cue verbs in any tense, nouns and names in any inflection."""

from __future__ import annotations

import pytest

from rasad.text.lemma import Lemmatizer, lemma, verb_lemma


@pytest.fixture(scope="module")
def lem() -> Lemmatizer:
    return Lemmatizer()


@pytest.mark.parametrize(
    ("form", "inf"),
    [
        ("گفت", "گفتن"),
        ("گفتند", "گفتن"),
        ("می‌گوید", "گفتن"),
        ("میگوید", "گفتن"),  # ZWNJ lost: same lemma
        ("نمی‌گویند", "گفتن"),
        ("بگوید", "گفتن"),
        ("گفته‌اند", "گفتن"),
        ("افزود", "افزودن"),
        ("می‌افزاید", "افزودن"),
        ("می‌کند", "کردن"),  # «کن» is also the present stem of «کندن»: the frequent verb wins
        ("کردند", "کردن"),
        ("برمی‌گردد", "برگشتن"),
        ("دارند", "داشتن"),
    ],
)
def test_verb_lemma(lem: Lemmatizer, form: str, inf: str) -> None:
    assert lem.verb_lemma(form) == inf


@pytest.mark.parametrize("word", ["ایران", "روسیه", "کتاب", "میز", "میان", "تهران"])
def test_not_verbs(lem: Lemmatizer, word: str) -> None:
    assert lem.verb_lemma(word) is None


@pytest.mark.parametrize(
    ("form", "want"),
    [
        ("رایزنی‌های", "رایزنی"),
        ("رایزنیها", "رایزنی"),
        ("ایرانی‌ها", "ایرانی"),  # the demonym keeps its «ی»
        ("همکاری‌ها", "همکاری"),
        ("کشورهای", "کشور"),
        ("کشورمان", "کشور"),
        ("خبرنگاران", "خبرنگار"),
        ("بزرگ‌ترین", "بزرگ"),
        ("کتاب‌هایشان", "کتاب"),
        ("ایران", "ایران"),
        ("تهران", "تهران"),  # not «ته» + «ران»
        ("کرمان", "کرمان"),  # not «کر» + «مان»
        ("شمخانی", "شمخانی"),  # an unknown name stays as it is
    ],
)
def test_lemma(lem: Lemmatizer, form: str, want: str) -> None:
    assert lem.lemma(form) == want


def test_lemma_of_prefixed_verb(lem: Lemmatizer) -> None:
    assert lem.lemma("می‌گویند") == "گفتن"
    assert lem.lemma("اظهار") == "اظهار"


def test_module_functions() -> None:
    assert lemma("تماس‌ها") == "تماس"
    assert verb_lemma("نگفت") == "گفتن"
