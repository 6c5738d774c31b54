"""CRF recogniser: CoNLL reading, tag mapping, span conventions, scoring, and the shipped model's quality."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.evaluation.ner import run, score
from rasad.extract.ner_crf import MODEL_PATH, map_tag, read_conll, spans_from_bio, token_key


def test_map_tag_corpus_types() -> None:
    assert map_tag("B-pers") == "B-PER"
    assert map_tag("I-org") == "I-ORG"
    assert map_tag("B-event") == "B-EVENT"
    assert map_tag("B-DAT") == "B-DAT"
    assert map_tag("O") == "O"


def test_read_conll(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("علی\tB-pers\nلاریجانی\tI-pers\nگفت\tO\n\nمی شناسی\tO\n", "utf-8")
    sents = read_conll(f)
    assert sents == [[("علی", "B-PER"), ("لاریجانی", "I-PER"), ("گفت", "O")], [("می شناسی", "O")]]
    # PEYMA's space inside a token and rasad's ZWNJ give one key.
    assert token_key("می شناسی") == token_key("می\u200cشناسی") == token_key("مي شناسي")


def test_spans_conll2003_conventions() -> None:
    assert spans_from_bio(["B-PER", "I-PER", "O", "B-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC")]
    # An I- after O, or after another type, opens an entity (conlleval).
    assert spans_from_bio(["O", "I-ORG", "I-ORG", "I-LOC"]) == [(1, 3, "ORG"), (3, 4, "LOC")]
    assert spans_from_bio(["B-PER", "B-PER"]) == [(0, 1, "PER"), (1, 2, "PER")]


@st.composite
def _spans(draw: st.DrawFn) -> tuple[int, list[tuple[int, int, str]]]:
    n = draw(st.integers(0, 30))
    spans, i = [], 0
    while i < n:
        if draw(st.booleans()):
            ln = draw(st.integers(1, min(4, n - i)))
            spans.append((i, i + ln, draw(st.sampled_from(["PER", "ORG", "LOC"]))))
            i += ln
        else:
            i += 1
    return n, spans


@given(_spans())
def test_bio_round_trip(case: tuple[int, list[tuple[int, int, str]]]) -> None:
    n, spans = case
    tags = ["O"] * n
    for a, b, t in spans:
        tags[a] = f"B-{t}"
        for k in range(a + 1, b):
            tags[k] = f"I-{t}"
    assert spans_from_bio(tags) == spans


def test_score_counts_exact_span_and_type() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    assert score(gold, gold)["micro"]["f1"] == 1.0
    out = score(gold, [["B-PER", "O", "O", "B-ORG"]])  # short span, wrong type: both wrong
    assert out["micro"]["precision"] == 0.0 and out["micro"]["recall"] == 0.0
    assert out["per_type"]["ORG"]["precision"] == 0.0 and out["tokens"] == 4
    half = score(gold, [["B-PER", "I-PER", "O", "O"]])
    assert half["micro"]["precision"] == 1.0 and half["micro"]["recall"] == 0.5


@pytest.mark.skipif(not MODEL_PATH.exists(), reason="model not trained")
def test_shipped_model_small() -> None:
    assert MODEL_PATH.stat().st_size < 15_000_000
    from rasad.extract.ner_crf import DOC_MODEL_NAME

    doc = MODEL_PATH.with_name(DOC_MODEL_NAME)
    assert not doc.exists() or doc.stat().st_size < 15_000_000


@pytest.fixture(scope="module")
def dev_sample(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 150 sentences of PEYMA's dev split (the model trains on train+dev: a smoke check of the
    wiring, not a score; the scores are measured on the test splits, see docs/NER.md)."""
    src = shared / "data" / "ner" / "peyma" / "dev.txt"
    blocks = src.read_text("utf-8").split("\n\n")[:150]
    out = tmp_path_factory.mktemp("ner") / "dev150.txt"
    out.write_text("\n\n".join(blocks) + "\n", "utf-8")
    return out


def test_run_output_format_and_quality(dev_sample: Path) -> None:
    out = run([str(dev_sample)])
    assert set(out) >= {"micro", "per_type", "tokens"}
    assert set(out["micro"]) >= {"precision", "recall", "f1"}
    assert out["tokens"] > 1000
    assert {"PER", "ORG", "LOC"} <= set(out["per_type"])
    assert out["micro"]["f1"] > 0.7


def test_gazetteer_tags_longest_match() -> None:
    from rasad.extract.ner_crf import _first_index, gazetteer_tags

    gaz = {("سازمان",): {"ORG"}, ("سازمان", "ملل"): {"ORG"}, ("ایران",): {"GPE"}}
    tags = gazetteer_tags(["سازمان", "ملل", "و", "ایران"], gaz, _first_index(gaz))
    assert "gBORG" in tags[0] and "gIORG" in tags[1] and "gL2" in tags[1]
    assert tags[2] == [] and tags[3] == ["gBGPE"]


def test_featurizer_context_and_pruning() -> None:
    from rasad.extract.ner_crf import FeatureResources, Featurizer

    res = FeatureResources(clusters={"تهران": ("1", "2", "3")}, freq={"تهران": 5})
    feats = Featurizer(res).sentence(["در", "تهران", "گفت"])
    assert len(feats) == 3
    assert "w=تهران" in feats[1] and "ca=1" in feats[1] and "-1w=در" in feats[1] and "1w=گفت" in feats[1]
    assert "-1EDGE" in feats[0] and "1EDGE" in feats[2]
    assert "1ca=1" in feats[0]  # a neighbour's cluster is visible
    # Attributes the model has no weight for are dropped, the bias is kept.
    pruned = Featurizer(res, known={"w=تهران"}).sentence(["در", "تهران", "گفت"])
    assert pruned[1] == ["b", "w=تهران"] and pruned[0] == ["b"]


def test_train_and_tag_tiny_corpus(tmp_path: Path) -> None:
    """A CRF trained on a few sentences learns a name pattern it can apply to an unseen name."""
    pytest.importorskip("pycrfsuite")
    from rasad.extract.ner_crf import CRFTagger, FeatureResources, train

    lines = []
    for name in ["رضایی", "احمدی", "کریمی", "موسوی", "حسینی", "کاظمی"]:
        lines += ["آقای\tO", f"{name}\tB-PER", "گفت\tO", "که\tO", "شهر\tO", "بزرگ\tO", "است\tO", ""]
    f = tmp_path / "train.txt"
    f.write_text("\n".join(lines) + "\n", "utf-8")
    model = tmp_path / "m.crfsuite"
    summary = train([f], model, FeatureResources(), c1=0.0, c2=0.01, max_iterations=50)
    assert summary["sentences"] == 6 and model.exists()
    tagger = CRFTagger(model, FeatureResources())
    assert tagger.tag([]) == []
    tags = tagger.tag(["آقای", "جعفری", "گفت", "که", "شهر", "بزرگ", "است"])
    assert len(tags) == 7 and tags[1] == "B-PER" and tags[0] == "O"
    assert spans_from_bio(tags) == [(1, 2, "PER")]


def test_train_refuses_test_split(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from rasad.cli import app

    f = tmp_path / "test.txt"
    f.write_text("علی\tB-PER\n", "utf-8")
    out = CliRunner().invoke(
        app, ["train", "ner", "--train", str(f), "-o", str(tmp_path / "m.crfsuite"), "--no-rebuild-clusters"]
    )
    assert out.exit_code != 0 and not (tmp_path / "m.crfsuite").exists()


def test_names_table_from_other_corpus_ships_beside_model(tmp_path: Path) -> None:
    """``names_from`` writes the other corpus's PER/ORG/LOC names beside the model, and a tagger loaded
    from there uses them (and not the package's table)."""
    pytest.importorskip("pycrfsuite")
    from rasad.extract.ner_crf import NAMES_PATH, CRFTagger, FeatureResources, read_names, train

    tr = tmp_path / "train.txt"
    tr.write_text("آقای\tO\nرضایی\tB-PER\nگفت\tO\n\nدر\tO\nتهران\tB-LOC\n", "utf-8")
    other = tmp_path / "other.txt"
    other.write_text("علی\tB-pers\nکریمی\tI-pers\nدر\tO\nموزه\tB-fac\nملی\tI-fac\n", "utf-8")
    d = tmp_path / "m"
    train([tr], d / "ner-crf.crfsuite", FeatureResources(), max_iterations=5, names_from=[other])
    names = read_names(d / NAMES_PATH.name)
    assert names == {("علی", "کریمی"): {"PER"}}  # FAC has no PEYMA counterpart: dropped
    tagger = CRFTagger(d / "ner-crf.crfsuite", FeatureResources())
    assert tagger.res.names == names
    assert read_names(tmp_path / "missing.tsv") == {}


def test_document_features_use_other_sentences_only() -> None:
    """A surname tagged in one sentence is evidence in another; a sentence's own names are not evidence for
    itself; a window limits which sentences count."""
    from rasad.extract.ner_crf import document_features

    keys = [["حسین", "علیفر", "گفت"], ["علیفر", "افزود"], ["او", "رفت"], ["علیفر", "آمد"]]
    tags = [["B-PER", "I-PER", "O"], ["O", "O"], ["O", "O"], ["O", "O"]]
    feats = document_features(keys, tags)
    assert "dr=PERL" in feats[1][0] and "dt=PER" in feats[1][0]
    assert "-1dt=PER" in feats[1][1]  # the left neighbour's evidence is visible
    # In sentence 0 «علیفر» was seen elsewhere only outside names.
    assert "dt=PER" not in feats[0][1] and "dO" in feats[0][1]
    assert feats[2] == [[], []]  # words not seen elsewhere: nothing
    # The phrase tagged elsewhere is matched like a gazetteer entry.
    again = document_features([["حسین", "علیفر"], ["حسین", "علیفر", "آمد"]], [["B-PER", "I-PER"], ["O", "O", "O"]])
    assert "dBPER" in again[1][0] and "dIPER" in again[1][1] and "dL2" in again[1][1]
    # With a window of 1, sentence 3 does not see sentence 0.
    near = document_features(keys, tags, window=1)
    assert not any(x.startswith("dt=") for x in near[3][0])
    assert "dt=PER" in near[1][0]


def test_second_pass_trigger() -> None:
    from rasad.extract.ner_crf import _needs_second_pass

    assert _needs_second_pass([["dt=PER"], []], ["O", "O"])
    assert not _needs_second_pass([["dt=PER"], []], ["B-PER", "O"])
    assert not _needs_second_pass([["dO"], ["-1dt=PER"]], ["O", "O"])


def test_second_pass_uses_the_rest_of_the_document(tmp_path: Path) -> None:
    """A word whose sentence says nothing about it («X رفت») is a name when the same document names it
    elsewhere («آقای X گفت»), and not when it does not: only the document features can tell them apart."""
    pytest.importorskip("pycrfsuite")
    from rasad.extract.ner_crf import DOC_MODEL_NAME, CRFTagger, FeatureResources, train, train_document

    # The same words are names in some documents and not in others: a sentence alone cannot tell.
    words = ["رضایی", "احمدی", "کریمی", "موسوی", "حسینی", "کاظمی", "نوری", "صادقی", "رحیمی", "قاسمی"]
    filler = ["هوا\tO", "سرد\tO", "بود\tO", ""]
    lines: list[str] = []
    for word in words:
        lines += ["آقای\tO", f"{word}\tB-PER", "گفت\tO", ""]
        lines += [f"{word}\tB-PER", "رفت\tO", ""]
        lines += filler * 2 + [f"{word}\tO", "رفت\tO", ""] + filler * 2
    f = tmp_path / "train.txt"
    f.write_text("\n".join(lines) + "\n", "utf-8")
    model = tmp_path / "m" / "ner-crf.crfsuite"
    train([f], model, FeatureResources(), c1=0.0, c2=0.01, max_iterations=50)
    tagger = CRFTagger(model, FeatureResources())
    assert tagger.doc_tagger is None
    doc = [["آقای", "جعفری", "گفت"], ["جعفری", "رفت"], ["هوا", "سرد", "بود"], ["هوا", "سرد", "بود"], ["امینی", "رفت"]]
    assert tagger.tag_document(doc) == [tagger.tag(k) for k in doc]  # no second pass: pass 1 as it is
    summary = train_document([f], model, FeatureResources(), folds=2, window=1, c1=0.0, c2=0.01, max_iterations=50)
    assert (model.parent / DOC_MODEL_NAME).exists() and summary["doc_tokens"] > 0
    tagger = CRFTagger(model, FeatureResources())
    tags = tagger.tag_document(doc, window=1, selective=False)
    assert tags[0][1] == "B-PER" and tags[1][0] == "B-PER" and tags[4][0] == "O"
    # Without the first sentence nothing says «جعفری» is a name.
    assert tagger.tag_document(doc[1:], window=1, selective=False)[0][0] == "O"


def test_org_head_lexicon_reads_plurals_and_comments(tmp_path: Path) -> None:
    from rasad.extract.ner_crf import ORG_HEADS_PATH, read_org_heads

    f = tmp_path / "heads.txt"
    f.write_text("# comment\nباشگاه\nتیم‌های\tpl\n\n", encoding="utf-8")
    heads = read_org_heads(f)
    # Compared by token key: the ZWNJ of «تیم‌های» is gone, so «تیم های» in a corpus finds it.
    assert heads == {"باشگاه": "oh", token_key("تیم های"): "ohp"}
    assert read_org_heads(tmp_path / "missing.txt") == {}
    shipped = read_org_heads(ORG_HEADS_PATH)
    assert {"وزارت", "باشگاه", "لشکر", "تیپ", "فدراسیون"} <= set(shipped)


def test_org_head_features_reach_the_words_of_a_long_name() -> None:
    from rasad.extract.ner_crf import FeatureResources, Featurizer

    res = FeatureResources(org_heads={"سازمان": "oh", "تیمهای": "ohp"})
    keys = ["به", "گزارش", "سازمان", "حفاظت", "محیط", "زیست", "،", "تیمهای", "استقلال", "را", "دید"]
    feats = Featurizer(res).sentence(keys)
    assert "oh" in feats[2] and "-1oh" in feats[3] and "-2oh" in feats[4] and "1oh" in feats[1]
    assert "hd=3" in feats[5]  # three words after the head, beyond the ±2 window
    # Punctuation and «را» end the phrase a head opens.
    assert not any(x.startswith("hd=") for x in feats[6])
    assert "ohp" in feats[7] and "hd=1" in feats[8]
    assert not any(x.startswith("hd=") for x in feats[9] + feats[10])
    # Without a lexicon, no head features at all.
    plain = Featurizer(FeatureResources()).sentence(keys)
    assert not any("oh" in x or x.startswith("hd=") for f in plain for x in f)


def test_tagger_loads_head_nouns_only_for_a_model_trained_with_them(tmp_path: Path) -> None:
    pytest.importorskip("pycrfsuite")
    from rasad.extract.ner_crf import CRFTagger, FeatureResources, train

    lines = []
    for name in ["پیکان", "ملوان", "نساجی", "هوادار"]:
        lines += ["باشگاه\tB-ORG", f"{name}\tI-ORG", "برد\tO", ""]
    f = tmp_path / "train.txt"
    f.write_text("\n".join(lines) + "\n", "utf-8")
    with_heads, without = tmp_path / "a" / "m.crfsuite", tmp_path / "b" / "m.crfsuite"
    train([f], with_heads, FeatureResources.load(org_heads=True), c1=0.0, c2=0.01, max_iterations=30)
    train([f], without, FeatureResources.load(), c1=0.0, c2=0.01, max_iterations=30)
    assert FeatureResources.load().org_heads == {}  # off unless asked for
    assert CRFTagger(with_heads, FeatureResources.load()).res.org_heads
    assert CRFTagger(without, FeatureResources.load()).res.org_heads == {}


def test_tagger_does_not_mutate_the_resources_it_is_given(tmp_path: Path) -> None:
    """A model trained with the head-noun features and loaded from elsewhere needs the head nouns and its
    own names table: the tagger takes them into its own copy; the (possibly shared) resources it was given
    stay as they were."""
    pytest.importorskip("pycrfsuite")
    from rasad.extract.ner_crf import CRFTagger, FeatureResources, train

    lines = []
    for name in ["رضایی", "احمدی", "کریمی"]:
        lines += ["باشگاه\tB-ORG", f"{name}\tI-ORG", "برد\tO", "", "آقای\tO", f"{name}\tB-PER", "گفت\tO", ""]
    f = tmp_path / "train.txt"
    f.write_text("\n".join(lines) + "\n", "utf-8")
    model = tmp_path / "m.crfsuite"
    train([f], model, FeatureResources(org_heads={"باشگاه": "oh"}), max_iterations=5)
    shared = FeatureResources(names={("علی",): {"PER"}})
    names_before = shared.names
    tagger = CRFTagger(model, shared)
    assert tagger.res.org_heads and tagger.res.names == {}  # the model's needs: head nouns, no names table
    assert shared.org_heads == {} and shared.names is names_before and shared.names == {("علی",): {"PER"}}


def test_first_name_feature_skips_everyday_words(kb) -> None:
    """A KB first name that is an everyday word («پل» bridge, «جان» life) gives no first-name feature; the
    full name stays a gazetteer phrase and an ordinary first name keeps the feature."""
    from rasad.extract.ner_crf import FIRST_NAME_STOPS_PATH, FeatureResources, Featurizer, read_word_list

    stops = read_word_list(FIRST_NAME_STOPS_PATH)
    assert {"پل", "جان", "نصر"} <= stops and "علی" not in stops
    res = FeatureResources()
    res.add_kb(kb)
    assert "علی" in res.first_names and not (stops & res.first_names)
    feats = Featurizer(res).sentence(["پل", "برمر", "و", "علی", "لاریجانی"])
    assert "fn" not in feats[0] and "fn" in feats[3]
    assert ("پل", "برمر") in res.gazetteer
