"""Near-duplicate (copy) clusters and story clusters, and who published first."""

from __future__ import annotations

import json

import pytest

from rasad.cluster import minhash
from rasad.cluster.stories import StoryRule, same_story, within_window
from rasad.document import Document, Entity
from rasad.pipeline import Pipeline
from rasad.store import SQLiteStore

FAST = ["normalize", "spacing"]


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline.default(only=FAST)


@pytest.fixture(scope="module")
def articles(shared) -> list[dict]:
    recs = [json.loads(ln) for ln in (shared / "data/news/fars-news.jsonl").open(encoding="utf-8")]
    # long articles only, from different categories (different stories)
    return [r for r in recs if len(r["text"].split()) > 250][:12]


def _doc(pipe: Pipeline, text: str, **kw) -> Document:
    return pipe(Document(raw=text, **kw))


def test_republished_and_lightly_edited_copies_share_a_cluster_with_its_earliest_outlet(
    tmp_path, pipe, articles
):
    a, b = articles[0], articles[1]
    body = a["text"].split("\n\n")
    republished = "به گزارش ایرنا، " + a["text"].split(":", 1)[1].replace("ی", "ي").replace("ک", "ك")
    edited = "\n\n".join(body[:-1])  # last paragraph cut
    with SQLiteStore(tmp_path / "c.db") as store:
        r_copy, r_orig, r_edit, r_other = store.write_batch(
            [
                _doc(pipe, republished, id="irna", outlet="ایرنا", published="2020-01-02T09:00:00"),
                _doc(pipe, a["text"], id="fars", outlet="فارس", published="2020-01-02T08:00:00"),
                _doc(pipe, edited, id="edit", outlet="مهر", published="2020-01-03"),
                _doc(pipe, b["text"], id="other", outlet="فارس", published="2020-01-02"),
            ]
        )
        assert r_copy.copy_cluster is None  # first stored: nothing to be a copy of yet
        assert r_orig.copy_cluster is not None and r_orig.copy_cluster == r_edit.copy_cluster
        assert r_other.copy_cluster is None
        info = store.cluster_of(r_copy.article_id, "copy")
        assert info is not None and info["size"] == 3
        # who published first: by date, not by order of arrival
        assert info["earliest"]["outlet"] == "فارس" and info["earliest"]["doc_id"] == "fars"
        assert [m["doc_id"] for m in info["members"]] == ["fars", "irna", "edit"]
        assert store.cluster_of(r_other.article_id, "copy") is None
        # copies are one story too
        assert store.cluster_of(r_copy.article_id, "story")["size"] == 3


def test_different_stories_are_not_copies(tmp_path, pipe, articles):
    with SQLiteStore(tmp_path / "c.db") as store:
        res = store.write_batch([_doc(pipe, r["text"], id=r["id"]) for r in articles])
        assert all(r.copy_cluster is None for r in res)
        assert store.count("clusters") == 0


def test_reanalysis_keeps_clusters_consistent(tmp_path, pipe, articles):
    a = articles[2]["text"]
    with SQLiteStore(tmp_path / "c.db") as store:
        store.write_batch(
            [
                _doc(pipe, a, id="x", url="https://a/1"),
                _doc(pipe, "به گزارش مهر، " + a, id="y", url="https://b/1"),
            ]
        )
        assert [tuple(r) for r in store.conn.execute("SELECT level, size FROM clusters ORDER BY level")] == [
            ("copy", 2),
            ("story", 2),
        ]
        # the copy's page now holds another story: it leaves the cluster, which (one member left) dissolves
        store.write_batch([_doc(pipe, articles[3]["text"], id="y", url="https://b/1")])
        assert store.count("clusters") == 0 and store.count("cluster_members") == 0
        assert store.count() == 2


def test_story_level_groups_same_event_different_words(tmp_path, pipe):
    rule = StoryRule()
    ents = [
        Entity("e1", "عباس عراقچی", "PER", kb_id="per:araghchi"),
        Entity("e2", "مسکو", "LOC", kb_id="place:moscow"),
        Entity("e3", "سرگئی لاوروف", "PER", kb_id="per:lavrov"),
    ]
    t1 = (
        "عباس عراقچی وزیر امور خارجه امروز در مسکو با سرگئی لاوروف همتای روس خود دیدار و درباره همکاری‌های "
        "دوجانبه، پرونده هسته‌ای و تحولات منطقه قفقاز گفت‌وگو کرد. دو طرف بر گسترش روابط اقتصادی تاکید کردند."
    )
    t2 = (
        "سرگئی لاوروف پس از دیدار با عباس عراقچی در مسکو گفت روابط اقتصادی دو کشور گسترش می‌یابد و دو طرف "
        "درباره پرونده هسته‌ای و تحولات قفقاز گفت‌وگو کردند. این دیدار در وزارت خارجه روسیه برگزار شد."
    )
    t3 = (
        "تیم ملی فوتبال ایران امروز در ورزشگاه آزادی برابر تیم ملی عراق به میدان رفت و با دو گل پیروز شد. "
        "سرمربی تیم پس از بازی از عملکرد بازیکنان تقدیر کرد."
    )
    docs = []
    for i, (t, day) in enumerate([(t1, "2024-05-01"), (t2, "2024-05-02"), (t3, "2024-05-01")]):
        d = _doc(pipe, t, id=f"s{i}", published=day)
        d.entities = ents if i < 2 else [Entity("e9", "ایران", "GPE", kb_id="country:IRN")]
        docs.append(d)
    late = _doc(pipe, t2, id="late", published="2024-07-01")  # same words, two months later
    late.entities = ents
    with SQLiteStore(tmp_path / "c.db", story_rule=rule) as store:
        r0, r1, r2 = store.write_batch(docs)
        assert r1.copy_cluster is None  # not the same text
        assert r1.story_cluster is not None
        assert store.cluster_of(r0.article_id, "story")["cluster"] == r1.story_cluster
        assert r2.story_cluster is None
        (r3,) = store.write_batch([late])
        assert r3.story_cluster is None or r3.copy_cluster is not None


def test_same_story_rule():
    a, b = {"x", "y", "z"}, {"x", "y", "w"}
    assert same_story(0.3, "2024-01-01", "2024-01-03", a, b)
    assert not same_story(0.3, "2024-01-01", "2024-01-09", a, b)  # out of the window
    assert not same_story(0.3, "2024-01-01", "2024-01-02", a, {"q", "r"})  # other actors
    assert not same_story(0.1, "2024-01-01", "2024-01-02", a, b)  # too different
    assert same_story(0.45, None, "2024-01-02", set(), b)  # no entities: text alone, stricter
    assert not same_story(0.3, None, "2024-01-02", set(), b)
    assert within_window("2024-01-01T23:00", "2024-01-04", 3) and within_window(None, "x", 3)


def test_signature_estimates_jaccard_and_bands_collide_for_near_copies():
    words = [f"w{i}" for i in range(400)]
    edited = words[:380] + [f"v{i}" for i in range(20)]
    s1 = minhash.signature(minhash.shingles(words))
    s2 = minhash.signature(minhash.shingles(edited))
    s3 = minhash.signature(minhash.shingles([f"u{i}" for i in range(400)]))
    true = len(minhash.shingles(words) & minhash.shingles(edited)) / len(
        minhash.shingles(words) | minhash.shingles(edited)
    )
    assert abs(minhash.jaccard(s1, s2) - true) < 0.15
    assert minhash.jaccard(s1, s3) < 0.1
    b1, b2, b3 = (set(minhash.bands(s, minhash.COPY_THRESHOLD, "copy")) for s in (s1, s2, s3))
    assert b1 & b2 and not b1 & b3
    assert not set(minhash.bands(s1, 0.5, "copy")) & set(minhash.bands(s1, 0.5, "story"))  # levels never mix
    assert (minhash.from_blob(minhash.to_blob(s1)) == s1).all()


def test_stubs_with_only_a_dateline_are_not_clustered(tmp_path, pipe):
    with SQLiteStore(tmp_path / "c.db") as store:
        res = store.write_batch(
            [_doc(pipe, "خبرگزاری فارس:\n\n.", id=f"photo{i}", title=f"گزارش تصویری {i}") for i in range(3)]
        )
        assert store.count() == 3 and all(r.copy_cluster is None and r.story_cluster is None for r in res)
