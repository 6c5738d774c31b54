"""`rasad eval` against ../shared/gold/FORMAT.md, rule by rule, on synthetic predictions.

The pipeline is replaced by :class:`FakePipeline`: rasad's own text stages (normalise, spacing,
structure) followed by hand-made layers, so that every expected score is computed by hand here and no
extraction stage (sources, entities, quotes, dates, events) is exercised.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rasad.document import Document, Entity, Span
from rasad.evaluation.articles import TASKS, Evaluator, max_matching

Annotate = Callable[[Document], None]


# -- the fake pipeline -------------------------------------------------------------------------------
class FakePipeline:
    """Normalises with rasad's text stages, then lets a test write the layers by hand.

    ``annotate`` maps an article id to a function that adds spans and entities; ``fix`` maps an id to a
    function that edits the text after normalisation (standing in for the ZWNJ stage).
    """

    def __init__(
        self, annotate: dict[str, Annotate] | None = None, fix: dict[str, Annotate] | None = None
    ) -> None:
        from rasad.text.normalize import NormalizeStage, SpacingStage
        from rasad.text.structure import StructureStage

        self.normalize, self.spacing, self.structure = NormalizeStage(), SpacingStage(), StructureStage()
        self.annotate = annotate or {}
        self.fix = fix or {}
        self.seen: dict[str, Document] = {}

    def __call__(self, doc: Document) -> Document:
        self.normalize(doc)
        if doc.id in self.fix:
            self.fix[doc.id](doc)
        self.spacing(doc)
        self.structure(doc)
        if doc.id in self.annotate:
            self.annotate[doc.id](doc)
        self.seen[doc.id] = doc
        return doc


def at(doc: Document, s: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``s`` in the normalised text."""
    pos = -1
    for _ in range(nth + 1):
        pos = doc.text.find(s, pos + 1)
        assert pos != -1, f"{s!r} (occurrence {nth}) not in {doc.text!r}"
    return pos, pos + len(s)


def add(doc: Document, layer: str, s: str, label: str = "", nth: int = 0, **attrs: Any) -> None:
    start, end = at(doc, s, nth)
    # not doc.add(): its first parameter is called ``name``, which is also a sources attribute
    doc.layer(layer).append(Span(start, end, label, attrs))


def write_jsonl(path: Path, articles: list[Any]) -> Path:
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in articles) + "\n", encoding="utf-8")
    return path


def evaluate(tmp_path: Path, articles: list[Any], annotate: dict[str, Annotate] | None = None, **kw: Any):
    ev = Evaluator(pipeline=FakePipeline(annotate, **kw))
    return ev, ev.run([write_jsonl(tmp_path / "gold.jsonl", articles)])


PRF_KEYS = ["precision", "recall", "f1", "n"]
SHAPE = {
    "title": ["accuracy", "n"],
    "sources": ["precision", "recall", "f1", "exact", "n"],
    "zwnj": ["accuracy", "n"],
    "repeats": PRF_KEYS,
    "quotes": PRF_KEYS,
    "mentions": PRF_KEYS,
    "entities": PRF_KEYS,
    "events": ["precision", "recall", "f1", "mode_accuracy", "place_accuracy", "n"],
    "dates": ["accuracy", "n"],
}


def prf(p: float, r: float, n: int) -> dict[str, Any]:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "n": n}


# -- output shape, absent keys, empty stages ------------------------------------------------------------
def test_output_shape_is_formats_and_absent_keys_are_not_scored(tmp_path: Path):
    _, out = evaluate(
        tmp_path,
        [
            {"id": "bare", "text": "متنی بی هیچ برچسب."},
            # null gold is the same as an absent key: nothing to score
            {"id": "nulls", "text": "متن دوم.", "quotes": None, "title": None, "zwnj": None},
        ],
    )
    assert list(out) == ["articles", "tasks", "errors"]
    assert out["articles"] == 2 and out["errors"] == []
    assert list(out["tasks"]) == list(TASKS) == list(SHAPE)
    for task, keys in SHAPE.items():
        assert list(out["tasks"][task]) == keys, task
        assert out["tasks"][task]["n"] == 0
        assert all(v is None for k, v in out["tasks"][task].items() if k != "n"), task
    json.dumps(out)  # plain JSON


def test_empty_gold_lists_give_n_zero_and_null_scores_even_with_predictions(tmp_path: Path):
    def ann(doc: Document) -> None:
        add(
            doc,
            "quotes",
            "سلام",
            "direct",
            speaker=None,
            speaker_name="کسی",
            speaker_text="کسی",
            cue="گفت",
            repeat_of=None,
        )
        add(doc, "sources", "ایرنا", "cited", name="ایرنا", outlet_id="outlet:irna")
        doc.entities.append(Entity("e1", "ایرنا", "ORG", "outlet:irna"))

    _, out = evaluate(
        tmp_path,
        [
            {
                "id": "a",
                "text": "به گزارش ایرنا، کسی گفت: سلام.",
                "quotes": [],
                "sources": [],
                "entities": [],
                "dates": [],
            }
        ],
        {"a": ann},
    )
    for task in ("quotes", "sources", "entities", "dates"):
        assert out["tasks"][task]["n"] == 0
        assert all(v is None for k, v in out["tasks"][task].items() if k != "n"), task


def test_a_stage_that_produced_nothing_scores_zero_not_an_error(tmp_path: Path):
    art = {
        "id": "empty",
        "text": "خبرگزاری فارس: علی شمخانی گفت: ما آماده‌ایم. دیروز سخن گفت.",
        "title": "تیتری که متن ندارد",
        "sources": ["خبرگزاری فارس"],
        "zwnj": {"fixed": ["سه‌جانبه"]},
        "repeats": ["ما آماده‌ایم"],
        "quotes": [{"speaker": "علی شمخانی", "cue": "گفت", "starts": "ما آماده‌ایم"}],
        "mentions": [{"text": "علی شمخانی", "entity": "علی شمخانی"}],
        "entities": [{"name": "علی شمخانی", "type": "PER"}],
        "events": [{"type": "CONSULT", "actor": ["IRN"], "recipient": [], "place": None}],
        "dates": [{"text": "دیروز", "value": None}],
    }
    _, out = evaluate(tmp_path, [art])
    t = out["tasks"]
    assert out["errors"] == [] and out["articles"] == 1
    assert t["title"] == {"accuracy": 0.0, "n": 1}
    assert t["sources"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "exact": 0.0, "n": 1}
    assert t["zwnj"] == {"accuracy": 0.0, "n": 1}
    for task in ("repeats", "quotes", "mentions", "entities"):
        assert t[task] == prf(0.0, 0.0, 1), task
    # no matched event: the accuracies over matched events are undefined
    assert t["events"] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "mode_accuracy": None,
        "place_accuracy": None,
        "n": 1,
    }
    assert t["dates"] == {"accuracy": 0.0, "n": 1}


# -- reading gold files -----------------------------------------------------------------------------
HTML = (
    "<html><head><title>تیتر صفحه وب</title><meta name='date' content='2020-01-02'></head><body><article>"
    "<h1>تیتر صفحه وب</h1><p>علی شمخانی اظهار کرد: ما یک کار مشترک و مفصلی انجام دادیم و این متن به اندازه"
    " کافی بلند است.</p><p>پاراگراف دوم با کلمات بیشتر برای اطمینان از استخراج متن اصلی صفحه.</p></article></body></html>"
)


def test_reads_json_object_json_list_and_jsonl_with_paths_relative_to_the_gold_file(tmp_path: Path):
    gold_dir = tmp_path / "gold"
    (gold_dir / "texts").mkdir(parents=True)
    (tmp_path / "pages").mkdir()
    (gold_dir / "texts" / "a.txt").write_text("## تیتر دوم\n\nمتن فایل متنی.\n", encoding="utf-8")
    (gold_dir / "texts" / "c.md").write_text("# تيتر سوم\n\nمتن فایل مارک‌داون.\n", encoding="utf-8")
    (tmp_path / "pages" / "b.html").write_text(HTML, encoding="utf-8")
    one = gold_dir / "one.json"
    one.write_text(
        json.dumps(
            {"id": "o1", "text": "## تیتر یک\n\nمتن درون‌خطی.", "title": "تیتر یک"},
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    many = gold_dir / "many.json"
    many.write_text(
        json.dumps(
            [
                {"id": "l1", "path": "texts/a.txt", "title": "تیتر دوم"},
                {"id": "l2", "path": "../pages/b.html", "title": "تیتر صفحه وب", "published": None},
            ],
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    lines = write_jsonl(
        gold_dir / "lines.jsonl",
        [
            {"id": "j1", "path": "texts/c.md", "title": "تیتر سوم", "published": "2021-05-06"},
            {"id": "j2", "text": "## تیتر آخر\n\nمتن.", "title": "تیتری دیگر"},
        ],
    )
    fake = FakePipeline()
    ev = Evaluator(pipeline=fake)
    out = ev.run([str(one), many, lines])
    assert out["errors"] == []
    assert out["articles"] == 5
    assert set(fake.seen) == {"o1", "l1", "l2", "j1", "j2"}
    # ids from the gold, texts from the files
    assert "متن فایل متنی" in fake.seen["l1"].text
    assert "متن فایل مارک‌داون" in fake.seen["j1"].text and fake.seen["j1"].published == "2021-05-06"
    assert "ما یک کار مشترک" in fake.seen["l2"].text
    assert fake.seen["l2"].published is None  # the gold's null wins over the page's own date
    # 4 of 5 titles right (j2's gold title differs); «تيتر» with Arabic yeh is normalised
    assert out["tasks"]["title"] == {"accuracy": 0.8, "n": 5}
    assert [d["id"] for d in ev.details] == ["o1", "l1", "l2", "j1", "j2"]
    assert ev.details[4]["title"] is False


def test_malformed_lines_are_reported_and_the_other_articles_scored(tmp_path: Path):
    gold = tmp_path / "g.jsonl"
    good = {"id": "ok", "text": "## تیتر\n\nمتن.", "title": "تیتر"}
    no_id = {"text": "## تیتر\n\nمتن.", "title": "تیتر"}
    bad_task = {
        "id": "badtask",
        "text": "## تیتر\n\nمتن.",
        "title": "تیتر",
        "quotes": "not a list",
        "entities": [1],
    }
    rows = [
        json.dumps(good, ensure_ascii=False),
        "{broken",
        "[1, 2]",
        "42",
        json.dumps({"id": "nothing", "title": "x"}),
        json.dumps({"id": "gone", "path": "missing.txt"}),
        json.dumps(no_id, ensure_ascii=False),
        json.dumps(bad_task, ensure_ascii=False),
    ]
    gold.write_text("\n".join(rows) + "\n", encoding="utf-8")

    def failing_stage(doc: Document) -> None:
        doc.errors.append({"stage": "quotes", "error": "ValueError: boom"})

    ev = Evaluator(pipeline=FakePipeline({"ok": failing_stage}))
    out = ev.run([gold, tmp_path / "does-not-exist.jsonl"])
    # ok, the one without id, and the one with malformed task gold are scored
    assert out["articles"] == 3
    assert out["tasks"]["title"] == {"accuracy": 1.0, "n": 3}
    # the malformed task gold left no partial counts behind
    assert out["tasks"]["quotes"]["n"] == 0 and out["tasks"]["entities"]["n"] == 0
    errs = out["errors"]
    assert all(set(e) == {"id", "error"} for e in errs)
    text = "\n".join(f"{e['id']} {e['error']}" for e in errs)
    assert f"{gold}:2: invalid JSON" in text
    assert f"{gold}:3" in text and f"{gold}:4" in text  # valid JSON, but not an article object
    assert any(e["id"] == "nothing" and "neither 'text' nor 'path'" in e["error"] for e in errs)
    assert any(e["id"] == "gone" and "FileNotFoundError" in e["error"] for e in errs)
    assert any(e["id"] == f"{gold}:7" and "no 'id'" in e["error"] for e in errs)
    assert any(e["id"] == "badtask" and e["error"].startswith("scoring quotes") for e in errs)
    assert any(e["id"] == "badtask" and e["error"].startswith("scoring entities") for e in errs)
    assert any(e["id"] == "ok" and "stage quotes" in e["error"] for e in errs)
    assert any("does-not-exist" in e["error"] for e in errs)
    assert len(errs) == 10


def test_a_malformed_pretty_printed_json_file_is_one_error(tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text('{\n "id": "x",\n "text": "متن"\n "title": "t"\n}\n', encoding="utf-8")
    good = write_jsonl(tmp_path / "good.jsonl", [{"id": "y", "text": "متن", "title": "متن"}])
    out = Evaluator(pipeline=FakePipeline()).run([bad, good])
    assert out["articles"] == 1
    assert len(out["errors"]) == 1 and "invalid JSON" in out["errors"][0]["error"]


def test_eval_command_prints_the_same_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from typer.testing import CliRunner

    from rasad.cli import app
    from rasad.pipeline import Pipeline

    monkeypatch.setattr(Pipeline, "default", classmethod(lambda cls, *a, **k: FakePipeline()))
    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [{"id": "a", "text": "## تیتر\n\nمتن.", "title": "تیتر"}, {"text": "# تیتر\n\nمتن"}],
    )
    details = tmp_path / "details.jsonl"
    res = CliRunner().invoke(app, ["eval", str(gold), "--json", "--details", str(details)])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert list(out) == ["articles", "tasks", "errors"] and out["articles"] == 2
    assert out["tasks"]["title"] == {"accuracy": 1.0, "n": 1}
    assert [e["error"] for e in out["errors"]] == ["gold article has no 'id'"]
    assert [json.loads(line)["id"] for line in details.read_text("utf-8").splitlines()] == ["a", f"{gold}:2"]


# -- names --------------------------------------------------------------------------------------------
def test_gold_names_by_canonical_name_kb_alias_linked_surface_and_state_code():
    ev = Evaluator(pipeline=FakePipeline())
    doc = Document(raw="آقای دو و ایالات متحده.")
    usa = Entity("u", "آمریکا", "GPE", "country:USA", "USA")
    usa_unlinked = Entity("u2", "ایالات متحده آمریکا", "GPE", None, "USA")
    wrong_code = Entity("u3", "آمریکا", "GPE", None, "CAN")
    doe = Entity("d", "جان دو", "PER")
    doc.entities += [usa, usa_unlinked, wrong_code, doe]
    doc.add("mentions", 0, 7, "PER", entity="d", kind="name")
    assert ev.names("آمریکا", doc, usa)  # canonical
    assert ev.names("ایالات متحده آمریکا", doc, usa)  # KB alias of country:USA
    assert ev.names("امريكا", doc, usa)  # alias, after normalisation (Arabic yeh and kaf)
    assert ev.names("آمریکا", doc, usa_unlinked)  # a state: the code decides
    assert not ev.names("آمریکا", doc, wrong_code)  # same name, wrong code: the code decides
    assert ev.names("آقای دو", doc, doe)  # a surface the document links to the entity
    assert ev.names("جان‌ دو.", doc, doe)  # ZWNJ, spaces and punctuation ignored
    assert not ev.names("جان", doc, doe)
    assert not ev.names("روسیه", doc, usa)
    assert ev.names("یک مقام آمریکایی", doc, None, ["یک مقام آمریکایی"])  # titles/groups by surface


# -- sources --------------------------------------------------------------------------------------------
def test_sources_set_prf_and_chain_exactness(tmp_path: Path):
    def s1(doc: Document) -> None:
        add(doc, "sources", "خبرگزاری فارس", "publisher", name="خبرگزاری فارس", outlet_id="outlet:fars")
        add(doc, "sources", "خبرگزاری جمهوری اسلامی", "cited", name="ایرنا", outlet_id="outlet:irna")
        add(
            doc, "sources", "خبرگزاری فارس", "cited", nth=1, name="خبرگزاری فارس", outlet_id="outlet:fars"
        )  # once
        add(doc, "sources", "پایگاه ناشناخته", "cited", name="پایگاه ناشناخته", outlet_id=None)

    def s2(doc: Document) -> None:
        add(doc, "sources", "ایرنا", "cited", name="ایرنا", outlet_id="outlet:irna")
        # the publisher known only from metadata comes first in the chain
        attrs = {"name": "خبرگزاری فارس", "outlet_id": "outlet:fars", "from_metadata": True}
        doc.layer("sources").append(Span(0, 0, "publisher", attrs))

    def s3(doc: Document) -> None:
        add(doc, "sources", "روزنامه کیهان", "cited", name="روزنامه کیهان", outlet_id=None)

    arts = [
        {
            "id": "s1",
            "text": "خبرگزاری فارس: به گزارش خبرگزاری جمهوری اسلامی، خبرگزاری فارس و پایگاه ناشناخته نوشتند.",
            # a KB alias, a longer KB alias, an outlet unknown to the KB by its surface
            "sources": ["فارس نیوز", "خبرگزاری جمهوری اسلامی ایران", "پایگاه ناشناخته"],
        },
        {
            "id": "s2",
            "text": "به گزارش ایرنا، خبری رسید.",
            "outlet": "خبرگزاری فارس",
            "sources": ["ایرنا", "خبرگزاری فارس"],
        },
        {"id": "s3", "text": "به نوشته روزنامه کیهان، خبری رسید.", "sources": ["روزنامه آرمان"]},
        {"id": "s4", "text": "خبری بی منبع.", "sources": []},
    ]
    ev, out = evaluate(tmp_path, arts, {"s1": s1, "s2": s2, "s3": s3})
    # matched 3 + 2 + 0 = 5 of 6 predicted (3 + 2 + 1) and 6 gold; exact: s1 and s4 of 4 articles
    assert out["tasks"]["sources"] == {
        "precision": 0.8333,
        "recall": 0.8333,
        "f1": 0.8333,
        "exact": 0.5,
        "n": 6,
    }
    assert [d["sources"]["exact"] for d in ev.details] == [True, False, False, True]
    assert ev.details[1]["sources"]["pred"] == ["خبرگزاری فارس", "ایرنا"]


# -- zwnj ------------------------------------------------------------------------------------------------
def test_zwnj_accuracy_over_fixed_and_unchanged(tmp_path: Path):
    raw = "رایزنی ها و همکاری‌ها و همکاریها. میدانی و میدانی. می دهد. آزادسازی و دیدارها."

    def fix(doc: Document) -> None:
        # what a ZWNJ stage would do: two right repairs and one wrong insertion in the second «میدانی»
        edits = []
        for s, r, nth in (
            ("رایزنی ها", "رایزنی\u200cها", 0),
            ("می دهد", "می\u200cدهد", 0),
            ("میدانی", "می\u200cدانی", 1),
        ):
            a, b = at(doc, s, nth)
            edits.append((a, b, r))
        doc.apply_edits(edits)

    gold = {
        "id": "z",
        "text": raw,
        "zwnj": {
            # ✓, ✓, ✗ (absent), ✓ (a ZWNJ after «ر» does not join anything: ignored)
            "fixed": ["رایزنی‌ها", "می‌دهد", "سه‌جانبه", "دیدار‌ها"],
            # ✓ («همکاریها» was already in the raw text, not introduced), ✗ (a malformed «می‌دانی» was
            # introduced), ✓ (ZWNJ after «د» ignored), «می‌دهد» again: counted once
            "unchanged": ["همکاری‌ها", "میدانی", "آزاد‌سازی", "می‌دهد"],
        },
    }
    ev, out = evaluate(tmp_path, [gold], fix={"z": fix})
    assert out["tasks"]["zwnj"] == {"accuracy": round(5 / 7, 4), "n": 7}
    assert sorted(ev.details[0]["zwnj"]["wrong"]) == sorted(["سه‌جانبه", "میدانی"])


def test_zwnj_unchanged_word_lost_and_dotted_keys(tmp_path: Path):
    def fix(doc: Document) -> None:
        a, b = at(doc, "می‌خواهد")
        doc.apply_edits([(a, b, "میخواهد")])  # normalisation wrongly dropped a ZWNJ

    arts = [
        {"id": "d", "text": "او می‌خواهد برود.", "zwnj.unchanged": ["می‌خواهد", "برود"], "zwnj.fixed": ["او"]}
    ]
    _, out = evaluate(tmp_path, arts, fix={"d": fix})
    assert out["tasks"]["zwnj"] == {"accuracy": round(2 / 3, 4), "n": 3}


# -- repeats ---------------------------------------------------------------------------------------------
def test_repeats_match_flagged_later_copies_by_opening_words(tmp_path: Path):
    text = (
        "انعکاس پیامدهای ناشی از پیروزی مهم است. وی افزود: انعکاس پیامدهای ناشی از پیروزی مهم است. جمله دیگر."
    )

    def ann(doc: Document) -> None:
        add(doc, "repeats", "وی افزود: انعکاس پیامدهای ناشی از پیروزی مهم است.", of=[0, 10])
        add(doc, "repeats", "جمله دیگر.")  # a false flag

    arts = [
        {"id": "r", "text": text, "repeats": ["انعکاس پیامدهای ناشی از پیروزی", "این جمله تکرار شده بود"]}
    ]
    _, out = evaluate(tmp_path, arts, {"r": ann})
    assert out["tasks"]["repeats"] == prf(1 / 2, 1 / 2, 2)


# -- quotes ----------------------------------------------------------------------------------------------
QUOTE_TEXT = (
    "علی شمخانی اظهار کرد: ما یک کار مشترک و مفصلی انجام دادیم.\n\n"
    "وی افزود: سفر اخیر نماینده آقای پوتین مهم بود.\n\n"
    "یک مقام دفاعی آمریکا گفت: این عملیات ادامه دارد.\n\n"
    "شمخانی تاکید کرد: ما یک کار مشترک و مفصلی انجام دادیم.\n\n"
    "پوتین گفت: همه چیز خوب است."
)


def shamkhani(doc: Document) -> None:
    doc.entities += [
        Entity("sh", "علی شمخانی", "PER", "person:ali-shamkhani", "IRN"),
        Entity("pu", "ولادیمیر پوتین", "PER", "person:vladimir-putin", "RUS"),
    ]


def quote(doc: Document, s: str, nth: int = 0, **attrs: Any) -> None:
    base = {"speaker": None, "speaker_name": None, "speaker_text": None, "cue": None, "repeat_of": None}
    add(doc, "quotes", s, "direct", nth, **{**base, **attrs})


def test_quotes_speaker_naming_cue_tolerance_and_repeats(tmp_path: Path):
    def ann(doc: Document) -> None:
        shamkhani(doc)
        quote(
            doc,
            "ما یک کار مشترک و مفصلی انجام دادیم.",
            speaker="sh",
            speaker_text="علی شمخانی",
            cue="اظهار کرد",
        )
        # the span starts with the cue and its speaker pronoun: tolerated
        quote(
            doc,
            "وی افزود: سفر اخیر نماینده آقای پوتین مهم بود.",
            speaker="sh",
            speaker_text="وی",
            cue="افزود",
        )
        quote(
            doc,
            "این عملیات ادامه دارد.",
            speaker_name="یک مقام دفاعی آمریکا",
            speaker_text="یک مقام دفاعی آمریکا",
            cue="گفت",
        )
        quote(
            doc,
            "ما یک کار مشترک و مفصلی انجام دادیم.",
            1,
            speaker="sh",
            speaker_text="شمخانی",
            cue="تاکید کرد",
            repeat_of=0,
        )
        quote(doc, "همه چیز خوب است.", speaker="sh", speaker_text="پوتین", cue="گفت")  # wrong speaker

    gold = [
        {"speaker": "دریابان علی شمخانی", "cue": "اظهار کرد", "starts": "ما یک کار مشترک"},  # a KB alias
        {"speaker": "علی شمخانی", "cue": "افزود", "starts": "سفر اخیر نماینده"},
        {"speaker": "یک مقام دفاعی آمریکا", "cue": "گفت", "starts": "این عملیات"},  # a title: surface text
        {"speaker": "علی شمخانی", "cue": "تاکید کرد", "starts": "ما یک کار مشترک", "repeat": True},
        {"speaker": "ولادیمیر پوتین", "cue": "گفت", "starts": "همه چیز خوب"},
    ]
    ev, out = evaluate(tmp_path, [{"id": "q", "text": QUOTE_TEXT, "quotes": gold}], {"q": ann})
    # 4 of 5 predictions match 4 of 5 gold quotes
    assert out["tasks"]["quotes"] == prf(4 / 5, 4 / 5, 5)
    assert ev.details[0]["quotes"]["missed"] == ["همه چیز خوب"]
    assert ev.details[0]["quotes"]["cue_correct"] == 4


@pytest.mark.parametrize("flagged, expected", [(True, 2), (False, 1)])
def test_a_gold_repeat_matches_only_a_flagged_prediction(tmp_path: Path, flagged: bool, expected: int):
    def ann(doc: Document) -> None:
        shamkhani(doc)
        quote(doc, "ما یک کار مشترک و مفصلی انجام دادیم.", speaker="sh", cue="اظهار کرد")
        quote(
            doc,
            "ما یک کار مشترک و مفصلی انجام دادیم.",
            1,
            speaker="sh",
            cue="تاکید کرد",
            repeat_of=0 if flagged else None,
        )

    gold = [
        # the repeat listed first: the evaluator must not spend the flagged prediction on the first copy
        {"speaker": "علی شمخانی", "cue": "تاکید کرد", "starts": "ما یک کار مشترک", "repeat": True},
        {"speaker": "علی شمخانی", "cue": "اظهار کرد", "starts": "ما یک کار مشترک"},
    ]
    _, out = evaluate(tmp_path, [{"id": "q", "text": QUOTE_TEXT, "quotes": gold}], {"q": ann})
    assert out["tasks"]["quotes"] == prf(expected / 2, expected / 2, 2)


@pytest.mark.parametrize(
    "span, matches",
    [
        ("سفر اخیر نماینده آقای پوتین مهم بود.", True),  # starts exactly
        ("وی افزود: سفر اخیر نماینده آقای پوتین مهم بود.", True),  # cue phrase (and its pronoun) first
        ("نماینده آقای پوتین مهم بود.", False),  # starts later than the gold's first words
        ("پوتین مهم بود.", False),
    ],
)
def test_quote_starts_tolerates_only_a_cue_phrase(tmp_path: Path, span: str, matches: bool):
    def ann(doc: Document) -> None:
        shamkhani(doc)
        quote(doc, span, speaker="sh", cue="افزود")

    gold = [{"speaker": "علی شمخانی", "cue": "افزود", "starts": "سفر اخیر نماینده"}]
    _, out = evaluate(tmp_path, [{"id": "q", "text": QUOTE_TEXT, "quotes": gold}], {"q": ann})
    assert out["tasks"]["quotes"]["f1"] == (1.0 if matches else 0.0)


def test_quote_starts_unit_rules():
    ev = Evaluator(pipeline=FakePipeline())
    k = ev.keys.key
    # a cue inside the quotation's first words: «ما، وی گفت، یک کار …»
    assert ev.quote_starts(k("ما، وی گفت، یک کار مشترک داریم"), k("ما یک کار مشترک"), [k("گفت")])
    # text before the gold's first words that is not a cue phrase is not tolerated
    assert not ev.quote_starts(k("امروز در تهران ما یک کار مشترک داریم"), k("ما یک کار مشترک"), [k("گفت")])
    assert not ev.quote_starts(k("ما یک"), k("ما یک کار مشترک"), [])


# -- mentions --------------------------------------------------------------------------------------------
def test_mentions_by_surface_and_entity(tmp_path: Path):
    text = "علی شمخانی گفت. شمخانی افزود. وی رفت. دبیر شورای عالی امنیت ملی آمد. پوتین گفت. کشورمان و تهران."

    def ann(doc: Document) -> None:
        shamkhani(doc)
        doc.entities += [
            Entity("ir", "ایران", "GPE", None, "IRN"),
            Entity("th", "تهران", "LOC", "place:tehran"),
        ]
        add(doc, "mentions", "علی شمخانی", "PER", entity="sh")
        add(doc, "mentions", "شمخانی", "PER", 1, entity="sh")
        add(doc, "mentions", "وی", "PER", entity="pu")  # wrong entity
        add(doc, "mentions", "پوتین", "PER", entity="pu")
        add(doc, "mentions", "کشورمان", "GPE", entity="ir")
        add(doc, "mentions", "تهران", "LOC", entity="th")  # surface the gold does not list: not counted
        add(doc, "mentions", "دبیر شورای عالی امنیت ملی", "PER", entity=None)  # unresolved
        add(doc, "mentions", "شمخانی", "PER", 0, entity="pu")  # another pair for a listed surface: wrong

    gold = [
        {"text": "علی شمخانی", "entity": "علی شمخانی"},  # ✓
        {"text": "شمخانی", "entity": "علی شمخانی"},  # ✓
        {"text": "وی", "entity": "علی شمخانی"},  # ✗
        {"text": "دبیر شورای عالی امنیت ملی", "entity": "علی شمخانی"},  # ✗
        {"text": "پوتین", "entity": "ولادیمیر پوتین"},  # ✓
        {"text": "کشورمان", "entity": "جمهوری اسلامی ایران"},  # ✓ a state: the code decides
    ]
    _, out = evaluate(tmp_path, [{"id": "m", "text": text, "mentions": gold}], {"m": ann})
    # gold: 4 of 6; predicted pairs with a listed surface: (علی شمخانی,sh) (شمخانی,sh) (شمخانی,pu) (وی,pu)
    # (پوتین,pu) (کشورمان,ir) (دبیر…,None) = 7, of which 4 right
    assert out["tasks"]["mentions"] == prf(4 / 7, 4 / 6, 6)


# -- entities --------------------------------------------------------------------------------------------
def test_entities_set_comparison_with_types_and_codes(tmp_path: Path):
    text = "ایالات متحده و جمهوری اسلامی ایران با شمخانی در حلب. وزارت خارجه سوریه و آقای دو و روسیه."

    def ann(doc: Document) -> None:
        doc.entities += [
            Entity("e1", "آمریکا", "GPE", "country:USA", "USA"),
            Entity("e2", "جمهوری اسلامی ایران", "GPE", None, "IRN"),
            Entity("e3", "علی شمخانی", "PER", "person:ali-shamkhani"),
            Entity("e4", "حلب", "LOC"),
            Entity("e5", "وزارت خارجه سوریه", "ORG", None, "SYR"),
            Entity("e6", "جان دو", "PER"),
            Entity("e7", "چیزی", "MISC"),  # not a FORMAT type: not counted
            Entity("e8", "روسیه", "GPE", "country:RUS", "RUS"),
        ]
        add(doc, "mentions", "آقای دو", "PER", entity="e6")

    gold = [
        {"name": "ایالات متحده آمریکا", "type": "GPE", "code": "USA"},  # ✓ e1
        {"name": "ایران", "type": "GPE", "code": "IRN"},  # ✓ e2: a state, the code decides
        {"name": "شمخانی", "type": "PER"},  # ✓ e3 by KB alias
        {"name": "حلب", "type": "GPE"},  # ✗ type differs
        {"name": "ارتش سوریه", "type": "ORG", "code": "SYR"},  # ✗ same code, other organisation
        {"name": "آقای دو", "type": "PER"},  # ✓ e6 by a linked surface
        {"name": "عراق", "type": "GPE", "code": "IRQ"},  # ✗
    ]
    _, out = evaluate(tmp_path, [{"id": "e", "text": text, "entities": gold}], {"e": ann})
    assert out["tasks"]["entities"] == prf(4 / 7, 4 / 7, 7)


@pytest.mark.parametrize("reverse", [False, True])
def test_entity_matching_is_one_to_one_and_maximal(tmp_path: Path, reverse: bool):
    def ann(doc: Document) -> None:
        doc.entities += [Entity("p1", "حسن روستایی", "PER"), Entity("p2", "روستایی", "PER")]
        add(doc, "mentions", "روستایی", "PER", 1, entity="p1")

    # «روستایی» names both p1 (a linked surface) and p2; «حسن روستایی» only p1: greedy in gold order
    # would give «روستایی» p1 and leave «حسن روستایی» unmatched
    gold = [{"name": "روستایی", "type": "PER"}, {"name": "حسن روستایی", "type": "PER"}]
    if reverse:
        gold.reverse()
    text = "حسن روستایی گفت. روستایی رفت."
    _, out = evaluate(tmp_path, [{"id": "e", "text": text, "entities": gold}], {"e": ann})
    assert out["tasks"]["entities"] == prf(1.0, 1.0, 2)


def test_max_matching():
    # gold 0 can take 0 or 1, gold 1 only 0
    assert max_matching(2, 2, lambda i, j: (i, j) in {(0, 0), (0, 1), (1, 0)}) == {0: 1, 1: 0}
    assert max_matching(2, 1, lambda i, j: True) == {0: 0}


# -- events ----------------------------------------------------------------------------------------------
def test_events_type_actor_recipient_sets_with_mode_and_place_accuracy(tmp_path: Path):
    text = "دیدار. همکاری. کمک. حمله. اتهام. سفر. رزمایش."

    def ev_(doc: Document, trigger: str, **attrs: Any) -> None:
        add(doc, "events", trigger, **{"mode": None, "place": None, "recipient": [], **attrs})

    def ann(doc: Document) -> None:
        ev_(doc, "دیدار", type="CONSULT", mode="visit", actor=["RUS"], recipient=["IRN"], place="تهران")
        ev_(doc, "همکاری", type="COOPERATE", actor=["RUS", "IRN"], place="سوریه")  # actor order is free
        ev_(doc, "کمک", type="AID", mode="military", actor=["IRN"], recipient=["SYR"])  # mode and place wrong
        ev_(doc, "حمله", type="ASSAULT", actor=["SYR"], place="شهر حلب")  # a KB alias of the place
        ev_(doc, "اتهام", type="ACCUSE", actor=["IRN"], recipient=["USA"])  # not in gold
        ev_(doc, "سفر", type="CONSULT", mode="visit", actor=["IRN"], recipient=["RUS"], place="مسکو")
        ev_(doc, "رزمایش", type="MOBILIZE", actor=["irn"])

    gold = [
        {
            "type": "CONSULT",
            "mode": "visit",
            "actor": ["RUS"],
            "recipient": ["IRN"],
            "place": "تهران",
        },  # ✓ m✓ p✓
        {"type": "COOPERATE", "actor": ["IRN", "RUS"], "recipient": [], "place": "سوریه"},  # ✓ m✓ p✓
        {"type": "AID", "actor": ["IRN"], "recipient": ["SYR"], "place": "سوریه"},  # ✓ m✗ p✗
        {"type": "ASSAULT", "actor": ["SYR"], "recipient": [], "place": "حلب"},  # ✓ m✓ p✓
        {
            "type": "CONSULT",
            "mode": "visit",
            "actor": ["IRN"],
            "recipient": ["RUS", "TUR"],
            "place": "مسکو",
        },  # ✗
        {"type": "SUPPORT", "actor": ["IRN", "RUS"], "recipient": ["SYR"], "place": None},  # ✗
        {"type": "MOBILIZE", "actor": ["IRN"], "recipient": [], "place": None},  # ✓ m✓ p✓ (null = null)
    ]
    _, out = evaluate(tmp_path, [{"id": "v", "text": text, "events": gold}], {"v": ann})
    expected = prf(5 / 7, 5 / 7, 7)
    expected = {
        **{k: expected[k] for k in ("precision", "recall", "f1")},
        "mode_accuracy": 0.8,
        "place_accuracy": 0.8,
        "n": 7,
    }
    assert out["tasks"]["events"] == expected


# -- dates -----------------------------------------------------------------------------------------------
def test_dates_exact_iso_values_and_unresolved_expressions(tmp_path: Path):
    text = "ظهر دیروز و روز شنبه در سال ۱۳۸۲ و هفته گذشته و ۱۶ اسفند و فردا."

    def ann(doc: Document) -> None:
        add(doc, "dates", "ظهر دیروز", "relative", value="2005-02-18T12:00", resolved=True)
        add(doc, "dates", "شنبه", "weekday", value="2005-02-19", resolved=True)  # inside the gold's text
        add(doc, "dates", "سال ۱۳۸۲", "absolute", value="2003", resolved=True)
        add(doc, "dates", "هفته گذشته", "relative", value="2005-W06", resolved=False)  # reported unresolved
        add(doc, "dates", "۱۶ اسفند", "absolute", value="2005-03-06", resolved=True)  # wrong year

    gold = [
        {"text": "ظهر دیروز", "value": "2005-02-18T12:00"},  # ✓
        {"text": "روز شنبه", "value": "2005-02-19"},  # ✓ (text containment)
        {"text": "سال 1382", "value": "2003"},  # ✓ (digits normalised)
        {"text": "هفته گذشته", "value": None},  # ✓ unresolved
        {"text": "16 اسفند", "value": "2004-03-06"},  # ✗ value
        {"text": "فردا", "value": "2005-02-20"},  # ✗ not reported
        {"text": "ماه آینده", "value": None},  # ✗ an unresolvable expression must still be reported
    ]
    ev, out = evaluate(
        tmp_path, [{"id": "t", "text": text, "published": "2005-02-19", "dates": gold}], {"t": ann}
    )
    assert out["tasks"]["dates"] == {"accuracy": round(4 / 7, 4), "n": 7}
    assert ev.details[0]["dates"]["wrong"] == ["16 اسفند", "فردا", "ماه آینده"]


def test_dates_a_resolved_value_for_an_unresolvable_gold_is_wrong(tmp_path: Path):
    def ann(doc: Document) -> None:
        add(doc, "dates", "دیروز", "relative", value="2020-01-01", resolved=True)

    arts = [{"id": "t", "text": "دیروز آمد.", "published": None, "dates": [{"text": "دیروز", "value": None}]}]
    _, out = evaluate(tmp_path, arts, {"t": ann})
    assert out["tasks"]["dates"] == {"accuracy": 0.0, "n": 1}


def test_dates_matching_does_not_depend_on_gold_order(tmp_path: Path):
    def ann(doc: Document) -> None:
        add(doc, "dates", "ظهر دیروز", "relative", value="2005-02-18T12:00", resolved=True)
        add(doc, "dates", "دیروز", "relative", 1, value="2005-02-18", resolved=True)

    # «دیروز» is inside «ظهر دیروز»: first-fit in gold order would pair them crosswise and get both wrong
    gold = [{"text": "دیروز", "value": "2005-02-18"}, {"text": "ظهر دیروز", "value": "2005-02-18T12:00"}]
    arts = [{"id": "t", "text": "ظهر دیروز آمد و دیروز رفت.", "published": "2005-02-19", "dates": gold}]
    _, out = evaluate(tmp_path, arts, {"t": ann})
    assert out["tasks"]["dates"] == {"accuracy": 1.0, "n": 2}
