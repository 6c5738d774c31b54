"""The store: idempotent ingest, crash safety (kill -9 mid-batch), migrations, generic layers, export."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from rasad.document import Document, Entity
from rasad.ingest import read_paths
from rasad.pipeline import Pipeline
from rasad.store import SQLiteStore
from rasad.store.export import export
from rasad.store.ingest import ingest
from rasad.store.schema import LATEST, current_version, migrate

FAST = ["normalize", "spacing", "structure", "sentences", "tokens"]
WORDS = (
    "دولت مجلس وزیر سفر نشست توافق اقتصاد نفت بانک مرز سپاه دانشگاه شهر استان قانون طرح بودجه بازار".split()
)


def _corpus(path: Path, n: int, seed: int = 0) -> Path:
    """``n`` distinct small articles as JSONL (one bad line in the middle)."""
    import random

    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            body = " ".join(rnd.choice(WORDS) for _ in range(60)) + f" شماره {i}."
            rec = {
                "id": f"n{i}",
                "title": f"خبر {i}",
                "text": body,
                "url": f"https://example.ir/news/{i}",
                "published": f"2021-01-{1 + i % 28:02d}",
                "outlet": "فارس",
            }
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            if i == n // 2:
                fh.write("{not json\n")
    return path


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline.default(only=FAST)


def test_reingest_is_idempotent_and_reanalysis_updates_in_place(tmp_path, pipe):
    src = _corpus(tmp_path / "c.jsonl", 25)
    with SQLiteStore(tmp_path / "s.db") as store:
        s1 = ingest(store, read_paths([src]), pipe, batch_size=7)
        assert (s1.added, s1.errors) == (25, 1)
        before = {r[0]: r[1] for r in store.conn.execute("SELECT doc_id, id FROM articles")}
        s2 = ingest(store, read_paths([src, src]), pipe, batch_size=7)
        assert (s2.added, s2.updated, s2.unchanged) == (0, 0, 50)
        s3 = ingest(store, read_paths([src]), pipe, batch_size=7, reanalyse=True)
        assert (s3.added, s3.updated) == (0, 25)
        after = {r[0]: r[1] for r in store.conn.execute("SELECT doc_id, id FROM articles")}
        assert after == before  # same rows, updated in place
        assert store.count() == 25
        assert store.count("sentences") == sum(
            len(d.spans("sentences")) for d in (store.get_document(i) for i in after.values()) if d
        )
        runs = store.runs()
        assert [r["status"] for r in runs] == ["done"] * 3
        assert runs[0]["errors"] == 1 and runs[0]["added"] == 25
        # each run records the errors it met
        assert store.count("ingest_errors") == 1 + 2 + 1
        (err,) = store.conn.execute(
            "SELECT source, error FROM ingest_errors WHERE run_id = ?", (runs[0]["id"],)
        ).fetchall()
        assert "invalid JSON" in err[1] and err[0].endswith(f":{25 // 2 + 2}")


def test_same_url_new_content_replaces_the_article(tmp_path, pipe):
    with SQLiteStore(tmp_path / "s.db") as store:
        a = pipe(Document(raw="متن اول خبر درباره بودجه", url="https://x.ir/1", id="x1"))
        b = pipe(Document(raw="متن اصلاح شده خبر درباره بودجه و مجلس", url="https://x.ir/1", id="x1"))
        (r1,) = store.write_batch([a])
        (r2,) = store.write_batch([b])
        assert r1.status == "added" and r2.status == "updated" and r1.article_id == r2.article_id
        assert store.count() == 1
        assert [h.doc_id for h in store.search("مجلس")] == ["x1"]
        assert store.search("اول") == []  # the old text left the index


def test_same_article_twice_in_one_batch_is_stored_once(tmp_path, pipe):
    with SQLiteStore(tmp_path / "s.db") as store:
        d1 = pipe(Document(raw="یک خبر تکراری", id="d"))
        d2 = pipe(Document(raw="یک خبر تکراری", id="d"))
        res = store.write_batch([d1, d2])
        assert [r.status for r in res] == ["added", "updated"]
        assert store.count() == 1


KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from rasad.ingest import read_paths
    from rasad.pipeline import Pipeline
    from rasad.store import SQLiteStore
    from rasad.store.ingest import ingest


    def make():
        inner = Pipeline.default(only={stages!r})

        def slow(doc):
            time.sleep(0.01)  # keep a batch in flight long enough to be killed inside it
            return inner(doc)

        return slow


    if __name__ == "__main__":
        workers = int(sys.argv[3])
        store = SQLiteStore(sys.argv[1])
        pipe = make() if workers == 1 else None
        ingest(store, read_paths([sys.argv[2]]), pipe, batch_size=10, workers=workers, pipeline_factory=make)
        print("finished", flush=True)
    """
)


@pytest.mark.parametrize("workers", [1, 2])
def test_kill_9_mid_batch_then_resume_loses_and_doubles_nothing(tmp_path, pipe, workers):
    n = 120
    src = _corpus(tmp_path / "c.jsonl", n)
    db = tmp_path / "k.db"
    script = tmp_path / "run.py"
    script.write_text(KILL_SCRIPT.format(stages=FAST), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), str(db), str(src), str(workers)], stdout=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 120
        seen = 0
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            if db.exists():
                try:
                    with sqlite3.connect(db, timeout=1) as c:
                        seen = c.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                except sqlite3.OperationalError:
                    continue  # schema not created yet
            if seen >= 30:
                break
        assert proc.poll() is None, "the ingest finished before it could be killed; make the corpus bigger"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    with SQLiteStore(db) as store:
        stored = store.count()
        assert 30 <= stored < n
        # whole batches only: 10 documents, or 9 and the bad line's error
        rows = store.conn.execute("SELECT id, title, text FROM articles").fetchall()
        for aid, _title, text in rows:
            # every stored article has all its parts: index entry, sentences, signature, document blob
            assert store.conn.execute("SELECT 1 FROM minhash WHERE article_id = ?", (aid,)).fetchone()
            assert (
                store.conn.execute("SELECT COUNT(*) FROM sentences WHERE article_id = ?", (aid,)).fetchone()[
                    0
                ]
                > 0
            )
            assert store.get_document(aid).text == text
        assert len(store.search("شماره")) == min(10, stored)
        assert store.fts_count("شماره") == stored
        assert store.runs()[-1]["status"] == "running"  # it never finished
        summary = ingest(store, read_paths([src]), pipe, batch_size=10)
        assert summary.unchanged == stored and summary.added == n - stored
        assert store.count() == n
        assert store.conn.execute("SELECT COUNT(DISTINCT doc_id) FROM articles").fetchone()[0] == n
        assert store.runs()[-2]["status"] == "interrupted"


def test_two_workers_store_what_one_process_stores_in_the_same_order(tmp_path, pipe):
    import functools

    src = _corpus(tmp_path / "c.jsonl", 40)
    with SQLiteStore(tmp_path / "one.db") as one, SQLiteStore(tmp_path / "two.db") as two:
        s1 = ingest(one, read_paths([src, src]), pipe, batch_size=7)
        factory = functools.partial(Pipeline.default, only=FAST)
        s2 = ingest(two, read_paths([src, src]), None, batch_size=7, workers=2, pipeline_factory=factory)
        assert (s2.added, s2.unchanged, s2.errors) == (s1.added, s1.unchanged, s1.errors) == (40, 40, 2)
        q = "SELECT id, doc_id, text FROM articles ORDER BY id"
        assert [tuple(r) for r in two.conn.execute(q)] == [tuple(r) for r in one.conn.execute(q)]
        assert two.count("sentences") == one.count("sentences") > 0
        assert [h.doc_id for h in two.search("شماره")] == [h.doc_id for h in one.search("شماره")]
        # idempotent with workers too: nothing analysed again, nothing doubled
        s3 = ingest(two, read_paths([src]), None, batch_size=7, workers=2, pipeline_factory=factory)
        assert (s3.added, s3.updated, s3.unchanged) == (0, 0, 40)
        assert [r["status"] for r in two.runs()] == ["done", "done"]


V1_ARTICLE = (
    "INSERT INTO articles(doc_id, content_hash, url, title, published, raw, text, analysed_at)"
    " VALUES ('old1', 'h1', 'https://old.ir/1', 'خبر قدیمی', '2020-01-01', ?, ?, '2020-01-02')"
)


def test_database_of_the_first_schema_opens_and_migrates(tmp_path, pipe):
    db = tmp_path / "v1.db"
    conn = sqlite3.connect(db, isolation_level=None)
    assert migrate(conn, upto=1) == [1]
    text = "نمایندگان مجلس درباره بودجه کشورها گفت‌وگو کردند"
    conn.execute(V1_ARTICLE, (text, text))
    conn.close()
    with SQLiteStore(db) as store:
        assert store.migrated == list(range(2, LATEST + 1))
        assert current_version(store.conn) == LATEST
        assert [h.doc_id for h in store.search("نماینده کشور")] == ["old1"]  # indexed on opening
        d = store.get_document(1)
        assert d is not None and d.title == "خبر قدیمی"
        copy = pipe(Document(raw=text, id="new1", published="2020-01-05"))
        (r,) = store.write_batch([copy])
        assert r.status == "added"
    with SQLiteStore(db) as store:  # a second opening migrates nothing
        assert store.migrated == []


def test_newer_database_is_refused(tmp_path):
    db = tmp_path / "future.db"
    with sqlite3.connect(db) as c:
        c.execute(f"PRAGMA user_version = {LATEST + 1}")
    with pytest.raises(RuntimeError, match="newer"):
        SQLiteStore(db)


def test_all_layers_are_stored_generically_and_round_trip(tmp_path, pipe):
    doc = pipe(Document(raw="وزیر خارجه ایران گفت: «ما آماده مذاکره هستیم». او دیروز به مسکو رفت.", id="g"))
    doc.entities = [
        Entity("e1", "عباس عراقچی", "PER", kb_id="per:araghchi"),
        Entity("e2", "ایران", "GPE", code="IRN"),
    ]
    doc.add("mentions", 0, 10, "PER", entity="e1", kind="title", kb_id="per:araghchi")
    doc.add("quotes", 23, 45, "direct", speaker="e1", speaker_name="عباس عراقچی", cue="گفت")
    doc.add("dates", 52, 57, "relative", value=None, resolved=False)
    doc.add("brand_new_layer", 0, 4, "x", score=0.5)
    with SQLiteStore(tmp_path / "s.db") as store:
        (r,) = store.write_batch([doc])
        back = store.get_document(r.article_id)
        assert back is not None
        for name in ("sentences", "mentions", "quotes", "dates", "brand_new_layer"):
            assert [s.to_json() for s in back.spans(name)] == [s.to_json() for s in doc.spans(name)], name
        assert [e.to_json() for e in back.entities] == [e.to_json() for e in doc.entities]
        layers = {r[0] for r in store.conn.execute("SELECT DISTINCT layer FROM spans")}
        assert {"brand_new_layer", "dates"} <= layers and not layers & {"quotes", "mentions", "tokens"}
        (q,) = store.conn.execute("SELECT text, speaker_name FROM quotes").fetchall()
        assert tuple(q) == (doc.text[23:45], "عباس عراقچی")

        out = io.StringIO()
        assert export(store, "quotes", "jsonl", out) == 1
        assert json.loads(out.getvalue())["speaker_name"] == "عباس عراقچی"
        out = io.StringIO()
        assert export(store, "entities", "csv", out) == 2
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert {r["name"] for r in rows} == {"عباس عراقچی", "ایران"}
        assert rows[0]["mentions"] in ("0", "1")
        import pyarrow.parquet as pq

        assert export(store, "articles", "parquet", tmp_path / "a.parquet") == 1
        table = pq.read_table(tmp_path / "a.parquet")
        assert table.column("doc_id").to_pylist() == ["g"]


def test_export_pages_through_many_articles(tmp_path, pipe):
    with SQLiteStore(tmp_path / "s.db") as store:
        docs = []
        for i in range(45):
            d = pipe(Document(raw=f"خبر شماره {i} درباره بازار", id=f"p{i}"))
            d.add("events", 0, 3, "", type="ECONOMIC" if i % 2 else "CONSULT", trigger="خبر")
            docs.append(d)
        store.write_batch(docs)
        from rasad.store.export import iter_rows

        rows = list(iter_rows(store, "events", page=7))
        assert len(rows) == 45 and len({r["doc_id"] for r in rows}) == 45
        assert len(list(iter_rows(store, "articles", page=7))) == 45


def test_export_events_uses_to_plover_when_the_events_stage_provides_it(tmp_path, pipe):
    from rasad.store import export as export_mod

    doc = pipe(
        Document(raw="وزیر خارجه ایران با همتای روس خود در مسکو دیدار کرد.", id="ev", published="2024-05-01")
    )
    doc.add("events", 30, 35, "", type="CONSULT", trigger="دیدار", actor=["IRN"], recipient=["RUS"])
    with SQLiteStore(tmp_path / "s.db") as store:
        store.write_batch([doc])
        rows = list(export_mod.iter_rows(store, "events"))
        assert len(rows) == 1 and rows[0]["article_id"] == 1
        if export_mod._plover() is None:
            assert rows[0]["type"] == "CONSULT"
        else:  # PLOVER records, from the stored document
            assert rows[0].get("event") == "CONSULT"


def test_cli_search_and_export(tmp_path, pipe):
    from typer.testing import CliRunner

    from rasad.cli import app

    src = _corpus(tmp_path / "c.jsonl", 12)
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    res = runner.invoke(
        app, ["ingest", str(src), "--db", db, "--only", "normalize", "--no-progress", "--json"]
    )
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout.splitlines()[0])
    assert summary["added"] == 12 and summary["errors"] == 1
    res = runner.invoke(app, ["search", "شماره", "--db", db, "--json", "-n", "3"])
    assert res.exit_code == 0 and len(res.stdout.splitlines()) == 3
    out = tmp_path / "a.csv"
    res = runner.invoke(app, ["export", "articles", "--db", db, "-f", "csv", "-o", str(out)])
    assert res.exit_code == 0 and len(list(csv.DictReader(out.open(encoding="utf-8")))) == 12
    assert runner.invoke(app, ["search", "x", "--db", str(tmp_path / "none.db")]).exit_code != 0


def test_protected_names_are_frozen_into_the_database(tmp_path, pipe):
    db = tmp_path / "n.db"
    with SQLiteStore(db) as store:
        store.write_batch([pipe(Document(raw="خبرنگاران در تهران گرد آمدند", id="n"))])
        names = json.loads(store._meta("analyzer_names"))
        assert "تهران" in names
        assert [h.doc_id for h in store.search("خبرنگار")] == ["n"]
        # pretend the database was made when «خبرنگاران» was a protected name
        store.conn.execute(
            "UPDATE store_meta SET value = ? WHERE key = 'analyzer_names'",
            (json.dumps([*names, "خبرنگاران"]),),
        )
    with SQLiteStore(db) as store:  # the database's own names win over today's KB; the index is rebuilt
        assert store.analyzer.key("خبرنگاران") == "خبرنگاران"
        assert store.search("خبرنگار") == [] and [h.doc_id for h in store.search("خبرنگاران")] == ["n"]
