"""Persian-aware full-text search: orthographic variants, inflection, phrases, filters, ranking, snippets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.document import Document, Entity
from rasad.pipeline import Pipeline
from rasad.store import SearchFilters, SQLiteStore
from rasad.store.analyzer import Analyzer

ZWNJ = "\u200c"
FAST = ["normalize", "spacing", "structure", "sentences", "tokens"]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline.default(only=FAST)


def _doc(pipe: Pipeline, text: str, **kw) -> Document:
    d = Document(raw=text, **kw)
    d.meta["content_hash"] = d.content_hash
    return pipe(d)


@pytest.fixture()
def store(tmp_path, analyzer, pipe) -> SQLiteStore:
    s = SQLiteStore(tmp_path / "s.db", analyzer=analyzer)
    docs = [
        # Arabic letter forms and no ZWNJ, as scraped text often is
        _doc(
            pipe,
            "سخنگوي وزارت خارجه گفت كشورهاي منطقه مي‌گويند امنيت را با همكاري تامين مي‌كنند.",
            id="a1",
            title="سخنان سخنگو",
            outlet="فارس",
            published="2021-03-01",
        ),
        _doc(
            pipe,
            "شورای امنیت سازمان ملل امروز درباره سوریه جلسه‌ای برگزار کرد.",
            id="a2",
            title="جلسه شورای امنیت",
            outlet="ایرنا",
            published="2021-03-05T10:00:00",
        ),
        _doc(
            pipe,
            "امنیت مرزها موضوع گفت‌وگوی وزیران بود؛ شورای شهر نیز تشکیل جلسه داد.",
            id="a3",
            title="مرزها",
            outlet="فارس",
            published="2021-04-10",
        ),
        _doc(
            pipe,
            "خبرنگاران از کشور عراق گزارش دادند که انتخابات برگزار شد.",
            id="a4",
            title="انتخابات عراق",
            outlet="مهر",
            published="2021-05-01",
        ),
    ]
    docs[1].entities = [
        Entity("e1", "سازمان ملل", "ORG", kb_id="org:un"),
        Entity("e2", "سوریه", "GPE", code="SYR"),
    ]
    docs[1].add("events", 40, 46, "", type="CONSULT", trigger="جلسه")
    # a denied act is stored with its modality but is not an article "with" that act
    docs[0].add("events", 0, 6, "", type="ASSAULT", trigger="حمله", modality="denied", negated=True)
    docs[1].add("events", 0, 6, "", type="ASSAULT", trigger="حمله", modality="asserted")
    docs[0].add("quotes", 20, 60, "indirect", speaker=None, speaker_name="سخنگوی وزارت خارجه", cue="گفت")
    s.write_batch(docs)
    yield s
    s.close()


def ids(hits) -> list[str]:
    return [h.doc_id for h in hits]


def test_zwnj_and_arabic_letter_variants_find_the_same_articles(store):
    base = set(ids(store.search("کشورهای")))
    assert "a1" in base
    for q in ("كشورهاي", "کشور‌های", "کشور های".replace(" ", ""), "كشورها"):
        assert set(ids(store.search(q))) == base, q
    # ZWNJ typed or not in a verb
    assert ids(store.search("میگویند")) == ids(store.search("می‌گویند")) == ["a1"]
    assert ids(store.search("مي‌كنند")) == ["a1"]


def test_inflection_singular_query_finds_plural_and_back(store):
    assert "a1" in ids(store.search("کشور"))  # the text has «كشورهاي»
    assert "a4" in ids(store.search("کشورها"))  # the text has «کشور»
    assert ids(store.search("خبرنگار")) == ["a4"]  # «خبرنگاران»
    assert ids(store.search("مرز")) == ["a3"]


def test_phrase_query_needs_adjacent_words(store):
    assert ids(store.search('"شورای امنیت"')) == ["a2"]
    # both words occur in a3 but not side by side
    assert set(ids(store.search("شورای امنیت"))) == {"a2", "a3"}
    assert ids(store.search('"شورای امنیت" -سوریه')) == []


def test_ranking_prefers_title_and_frequency(store):
    hits = store.search("امنیت")
    assert ids(hits)[0] == "a2"  # in the title and the body
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_filters(store):
    assert set(ids(store.search("امنیت", SearchFilters(outlet="فارس")))) == {"a1", "a3"}
    assert ids(store.search("امنیت", SearchFilters(date_from="2021-03-02", date_to="2021-03-05"))) == ["a2"]
    assert ids(store.search("امنیت", SearchFilters(date_to="2021-03-01"))) == ["a1"]
    assert ids(store.search("امنیت", SearchFilters(entity="سازمان ملل"))) == ["a2"]
    assert ids(store.search("امنیت", SearchFilters(entity="org:un"))) == ["a2"]
    assert ids(store.search("امنیت", SearchFilters(event_type="CONSULT"))) == ["a2"]
    assert ids(store.search("امنیت", SearchFilters(event_type="ASSAULT"))) == ["a2"]
    assert ids(store.search("امنیت", SearchFilters(speaker="سخنگوي وزارت خارجه"))) == ["a1"]
    # filters alone, no words
    assert set(ids(store.search("", SearchFilters(outlet="مهر")))) == {"a4"}
    assert store.search("") == []


def test_snippet_marks_the_matched_words(store):
    (hit,) = store.search("مي‌گويند")
    assert "«می‌گویند»" in hit.snippet
    for s, e in hit.highlights:
        assert hit.snippet[s - 1] == "«" and hit.snippet[e] == "»"


def test_reanalysed_article_is_reindexed_not_duplicated(store, pipe):
    d = _doc(
        pipe,
        "شورای امنیت سازمان ملل امروز درباره سوریه جلسه‌ای برگزار کرد.",
        id="a2",
        title="جلسه شورای امنیت",
        outlet="ایرنا",
        published="2021-03-05T10:00:00",
    )
    store.write_batch([d])
    assert ids(store.search('"شورای امنیت"')) == ["a2"]


persian_word = st.text(alphabet="ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی", min_size=2, max_size=9)


@settings(max_examples=200, deadline=None)
@given(persian_word, st.integers(min_value=1, max_value=8), st.sampled_from(["", "ها", "های"]))
def test_variants_share_one_key(analyzer, word, cut, suffix):
    """ZWNJ anywhere inside, Arabic yeh/kaf, and a ZWNJ before a plural suffix never change the key."""
    plain = word + suffix
    cut = min(cut, len(word) - 1)
    with_zwnj = word[:cut] + ZWNJ + word[cut:] + (ZWNJ + suffix if suffix else "")
    arabic = plain.replace("ی", "ي").replace("ک", "ك")
    keys = {tuple(analyzer.keys(analyzer.normalise(v))) for v in (plain, with_zwnj, arabic)}
    assert len(keys) == 1


def test_names_are_not_stemmed(analyzer):
    assert analyzer.keys("ایران تهران خبرنگاران کشورهای") == ["ایران", "تهران", "خبرنگار", "کشور"]


def test_common_words_are_ranked_within_the_newest_matches(store, monkeypatch):
    from rasad.store import search

    assert [h.doc_id for h in store.search("امنیت", limit=1)] == ["a2"]  # exact BM25: few matches
    monkeypatch.setattr(search, "RANK_WINDOW", 1)
    # only the newest match is ranked now (a3 was stored last of those containing the word)
    assert [h.doc_id for h in store.search("امنیت", limit=1)] == ["a3"]
    assert len(store.search("امنیت", limit=3)) == 3  # the window grows to what is asked for


def test_phrases_of_three_words_and_with_variants(store):
    assert ids(store.search('"شورای امنیت سازمان"')) == ["a2"]
    assert ids(store.search('"امنیت سازمان ملل"')) == ["a2"]
    assert ids(store.search('"امنیت ملل"')) == []  # both words, not adjacent
    assert ids(store.search('"سازمان شورای"')) == []  # adjacent the other way round only
    assert ids(store.search('"كشورهاي منطقه"')) == ids(store.search('"کشور منطقه"')) == ["a1"]
    assert ids(store.search('"جلسه شورای"')) == ["a2"]  # in the title
    assert ids(store.search('"امنیت جلسه"')) == []  # title end + body start is not a phrase
    assert ids(store.search('"شورای امنیت" -"سازمان ملل"')) == []
    assert ids(store.search('"شورای شهر" جلسه')) == ["a3"]


def test_search_over_many_index_shards_matches_one_shard(tmp_path, analyzer, pipe, monkeypatch):
    from rasad.store import sqlite

    words = "دولت مجلس وزیر سفر نشست توافق اقتصاد نفت بانک مرز".split()
    texts = [" ".join(words[(i * 3 + j) % len(words)] for j in range(8)) + f" شماره {i}." for i in range(20)]

    def fill(path):
        s = SQLiteStore(path, analyzer=analyzer)
        s.write_batch([_doc(pipe, t, id=f"d{i}", title=f"خبر {i}") for i, t in enumerate(texts)])
        return s

    queries = ["دولت", "شماره", '"وزیر سفر"', '"مجلس وزیر سفر"', "نفت -بانک", "۷"]
    with fill(tmp_path / "one.db") as one:
        assert len(one.fts_shards) == 1
        want = {q: ids(one.search(q, limit=50)) for q in queries}
    monkeypatch.setattr(sqlite, "FTS_SHARD", 3)
    with fill(tmp_path / "many.db") as many:
        assert len(many.fts_shards) == 7
        for q in queries:
            assert sorted(ids(many.search(q, limit=50))) == sorted(want[q]), q
        assert many.fts_count("شماره") == 20
        # re-analysis removes the old entry from its own shard
        d = _doc(pipe, "متن تازه بدون آن واژه", id="d7")
        d.meta["content_hash"] = many.conn.execute(
            "SELECT content_hash FROM articles WHERE doc_id='d7'"
        ).fetchone()[0]
        many.write_batch([d])
        assert "d7" not in ids(many.search("شماره", limit=50))
        assert ids(many.search("تازه")) == ["d7"]


def test_a_searcher_sees_the_shards_another_connection_adds(tmp_path, analyzer, pipe, monkeypatch):
    from rasad.store import sqlite

    monkeypatch.setattr(sqlite, "FTS_SHARD", 2)
    path = tmp_path / "w.db"
    with SQLiteStore(path, analyzer=analyzer) as writer, SQLiteStore(path, analyzer=analyzer) as reader:
        writer.write_batch([_doc(pipe, f"خبر شماره {i} درباره بودجه", id=f"w{i}") for i in range(3)])
        assert len(reader.search("بودجه")) == 3
        writer.write_batch([_doc(pipe, f"خبر شماره {i} درباره بودجه", id=f"w{i}") for i in range(3, 7)])
        # a writer whose shard list is stale still deletes from a shard another connection made
        d = _doc(pipe, "متن دیگر", id="w6")
        d.meta["content_hash"] = writer.conn.execute(
            "SELECT content_hash FROM articles WHERE doc_id = 'w6'"
        ).fetchone()[0]
        reader.write_batch([d])
        assert len(writer.search("بودجه")) == 6
        # and a searcher sees them (fts_0002 and fts_0003 were made by the writer)
        writer.write_batch([_doc(pipe, "خبر شماره ۸ درباره بودجه", id="w8")])
        assert len(reader.search("بودجه")) == 7


def test_index_of_the_single_table_layout_is_rebuilt_into_shards(tmp_path, store):
    """A database indexed before shards (one ``articles_fts`` table) is re-indexed when opened."""
    path = store.path
    want = ids(store.search("امنیت"))
    for name in store.fts_shards:
        store.conn.execute(f"DROP TABLE {name}")
    store.conn.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='', tokenize='unicode61')"
    )
    store.conn.execute("INSERT INTO articles_fts(rowid, title, body) VALUES (1, 'x', 'y')")
    store.conn.execute(
        "UPDATE store_meta SET value = ? WHERE key = 'fts_analyzer'", (store.analyzer.version,)
    )
    store.close()
    with SQLiteStore(path, analyzer=store.analyzer) as again:
        assert not again.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'").fetchone()
        assert len(again.fts_shards) == 1
        assert ids(again.search("امنیت")) == want
        assert ids(again.search('"شورای امنیت"')) == ["a2"]


def test_pairs_of_common_keys_keep_gaps(analyzer, tmp_path, pipe):
    assert {"و", "در", "به", "از"} <= analyzer.common and "ملل" not in analyzer.common
    assert analyzer.pairs_text(["و", "در", "ملل", "به", "از"]) == "و_در _ به_از"
    with SQLiteStore(tmp_path / "g.db", analyzer=analyzer) as s:
        s.write_batch([_doc(pipe, "او در ملل به از و در به سخن گفت", id="g")])
        assert ids(s.search('"در به"')) == ["g"]  # «و در به»
        assert ids(s.search('"در به از"')) == []  # «در ملل به از»: not adjacent
        assert ids(s.search('"در ملل به"')) == ["g"]  # a rarer word: checked by positions
