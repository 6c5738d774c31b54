"""The CRF's document second pass as the tagger runs it (``CRFTagger.tag_document``): the fast path must tag
like the plain algorithm, and the add-only mode the pipeline can use must keep every pass-1 name."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from rasad.extract.ner_crf import (
    CRFTagger,
    FeatureResources,
    Featurizer,
    _add_names,
    _names_missed,
    _needs_second_pass,
    document_features,
    spans_from_bio,
    text_key,
)

# Short articles in the pipeline's key form: a person named in full, then by surname alone; places, an
# organisation, numbers and punctuation (words that carry no document evidence).
ARTICLES = [
    "علی شمخانی دبیر شورای عالی امنیت ملی در تهران گفت : ایران از سوریه حمایت می‌کند .\n"
    "شمخانی افزود که ۱۲ مستشار ایرانی در حلب هستند .\n"
    "به گزارش خبرگزاری فارس ، شمخانی روز دوشنبه با وزیر دفاع سوریه دیدار کرد .",
    "حسین علیفر گزارشگر صدا و سیما در مشهد گفت : بازی فردا برگزار می‌شود .\n"
    "علیفر افزود : تیم ملی ایران در ورزشگاه آزادی تمرین کرد .\n"
    "او گفت : علیفر و شمسایی فردا به تهران می‌آیند .\n"
    "وحید شمسایی سرمربی تیم ملی فوتسال است .",
    "ماریا بوتینا شهروند روسیه در آمریکا بازداشت شد .\n"
    "مسکو ، واشنگتن را برای اینکه بوتینا را برای اعتراف به این اتهامات تحت فشار قرار داده ، متهم کرد .",
]


def _keys(article: str) -> list[list[str]]:
    return [[text_key(w) for w in line.split()] for line in article.splitlines()]


@pytest.fixture(scope="module")
def tagger(kb) -> CRFTagger:
    pytest.importorskip("pycrfsuite")
    t = CRFTagger(None, FeatureResources.load(kb))
    if t.doc_tagger is None:
        pytest.skip("no second-pass model shipped")
    return t


def _plain_tag_document(
    t: CRFTagger, sentences: Sequence[Sequence[str]], window: int | None = None, selective: bool = True
) -> list[list[str]]:
    """The second pass written plainly: each model's own features, all document features built."""
    first = [t.tag(k) for k in sentences]
    docf = document_features(sentences, first, window)
    fz = Featurizer(t.res, t.doc_known)
    out: list[list[str]] = []
    for keys, tags, df in zip(sentences, first, docf, strict=True):
        assert df is not None
        if not keys or (selective and not _needs_second_pass(df, tags)):
            out.append(tags)
            continue
        feats = fz.sentence(keys)
        for f, d, q in zip(feats, df, tags, strict=True):
            f.extend(x for x in (*d, f"q={q}") if x in t.doc_known)
        out.append(list(t.doc_tagger.tag(feats)))
    return out


def test_fast_second_pass_tags_like_the_plain_one(tagger: CRFTagger) -> None:
    """One feature list for both models, encoded word features and lazily built document features are
    speed only: the tags are those of the plain algorithm (here with an empty sentence and a window too)."""
    for article in ARTICLES:
        doc = _keys(article)
        assert tagger.tag_document(doc) == _plain_tag_document(tagger, doc)
        assert tagger.tag_document(doc, selective=False) == _plain_tag_document(tagger, doc, selective=False)
        with_empty = [*doc[:1], [], *doc[1:]]
        assert tagger.tag_document(with_empty, window=1) == _plain_tag_document(tagger, with_empty, window=1)


def test_encoded_features_are_the_same_features(kb) -> None:
    res = FeatureResources.load(kb)
    plain, encoded = Featurizer(res), Featurizer(res, encoded=True)
    for article in ARTICLES:
        for keys in _keys(article):
            got = [[x.decode() if isinstance(x, bytes) else x for x in f] for f in encoded.sentence(keys)]
            assert got == plain.sentence(keys)
            assert any(isinstance(x, bytes) for f in encoded.sentence(keys) for x in f)


def test_document_features_for_wanted_sentences_only() -> None:
    keys = [["حسین", "علیفر", "گفت"], ["علیفر", "افزود"], ["او", "رفت"]]
    tags = [["B-PER", "I-PER", "O"], ["O", "O"], ["O", "O"]]
    full = document_features(keys, tags)
    asked: list[int] = []

    def wanted(s: int, word_feats: list[list[str]]) -> bool:
        asked.append(s)
        return any(x.startswith("dt=") for f in word_feats for x in f)

    lazy = document_features(keys, tags, wanted=wanted)
    assert asked == [0, 1, 2]
    assert lazy[0] is None and lazy[2] is None  # no evidence of a name: not built
    assert lazy[1] == full[1]


def test_add_names_keeps_pass_one_names() -> None:
    first = ["B-LOC", "O", "O", "O", "B-ORG", "I-ORG"]
    second = ["B-ORG", "I-ORG", "O", "B-PER", "I-PER", "I-PER"]
    # «X Y» overlaps pass 1's LOC: dropped; the PER over tokens 3-5 overlaps the ORG: dropped.
    assert _add_names(first, second) == first
    second = ["B-LOC", "O", "B-PER", "I-PER", "B-ORG", "I-ORG"]
    assert _add_names(first, second) == ["B-LOC", "O", "B-PER", "I-PER", "B-ORG", "I-ORG"]
    assert _add_names(["O", "O"], ["I-PER", "O"]) == ["B-PER", "O"]  # a span opened by I- gets its B-


def test_add_only_trigger_is_about_words_pass_one_left_out() -> None:
    assert _names_missed([["dt=PER"], []], ["O", "O"])
    assert not _names_missed([["dt=ORG"], []], ["B-PER", "O"])  # a type change is not a missed name
    assert _needs_second_pass([["dt=ORG"], []], ["B-PER", "O"])
    assert not _names_missed([["dO"], ["-1dt=PER"]], ["O", "O"])


def test_add_only_mode_keeps_every_pass_one_name(tagger: CRFTagger) -> None:
    for article in ARTICLES:
        doc = _keys(article)
        first = [tagger.tag(k) for k in doc]
        added = tagger.tag_document(doc, add_only=True)
        full = tagger.tag_document(doc, selective=False)
        for f, a, s in zip(first, added, full, strict=True):
            assert set(spans_from_bio(f)) <= set(spans_from_bio(a))
            # What it adds is a name of the full second pass.
            assert set(spans_from_bio(a)) - set(spans_from_bio(f)) <= set(spans_from_bio(s))
    # The surname alone, missed by pass 1, is found from the full name in the article's first sentence;
    # without that sentence it is not.
    doc = _keys(ARTICLES[2])
    at = doc[1].index(text_key("بوتینا"))
    assert tagger.tag(doc[1])[at] == "O"
    assert tagger.tag_document(doc, add_only=True)[1][at] == "B-PER"
    assert tagger.tag_document(doc[1:], add_only=True)[0][at] == "O"


def test_pipeline_recogniser_tags_an_article_at_once(kb, tagger: CRFTagger) -> None:
    from rasad.extract.entities import Recognizer

    rec = Recognizer.__new__(Recognizer)  # the shared tagger, without loading a second copy
    rec.kb, rec.crf = kb, tagger
    doc = _keys(ARTICLES[2])
    rec.doc_pass = False
    assert rec.tag_sentences(doc) == [tagger.tag(k) for k in doc]
    rec.doc_pass = True
    assert rec.tag_sentences(doc) == tagger.tag_document(doc, add_only=True) != [tagger.tag(k) for k in doc]


def test_benchmark_script_imports() -> None:
    bench = Path(__file__).resolve().parents[1] / "benchmarks" / "ner_speed.py"
    assert "def main" in bench.read_text("utf-8")
