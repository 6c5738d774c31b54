"""The `rasad` command line: analyze, eval, bench (through Typer's runner, in-process)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rasad.cli import app

runner = CliRunner()


def test_analyze_json(example_path):
    res = runner.invoke(app, ["analyze", str(example_path)])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["title"] == "قرارگاه مشترک ایران و روسیه در سوریه"
    assert [p["label"] for p in out["paragraphs"]] == ["paragraph", "paragraph", "paragraph", "source"]
    assert len(out["sentences"]) >= 9
    assert out["repeats"][0]["text"].startswith("انعکاس پیامدهای")
    # every span carries the raw range it came from
    raw = Path(example_path).read_text("utf-8")
    p0 = out["paragraphs"][0]
    assert raw[p0["orig"][0] : p0["orig"][1]] == p0["text"]


def test_analyze_jsonl_and_bad_files(tmp_path: Path, example_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    res = runner.invoke(app, ["analyze", str(example_path), str(bad), "--format", "jsonl", "--published", "2016-12-21"])
    assert res.exit_code == 2  # partial failure is visible in the exit code
    lines = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    assert lines[0]["published"] == "2016-12-21"
    assert "binary" in lines[1]["error"]["error"]


def test_analyze_pretty_prints_rtl(example_path):
    res = runner.invoke(app, ["analyze", str(example_path), "--format", "pretty", "--no-bidi"])
    assert res.exit_code == 0, res.output
    assert "قرارگاه مشترک ایران و روسیه در سوریه" in res.stdout
    assert "repeated passage" in res.stdout
    res = runner.invoke(app, ["analyze", str(example_path), "--format", "pretty", "--bidi"])
    # visual order: the title's words come out reversed for terminals without bidi
    assert "هیروس رد" in res.stdout


def test_eval_example_gold(shared):
    res = runner.invoke(app, ["eval", str(shared / "examples" / "aleppo-joint-hq.gold.json"), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["articles"] == 1 and out["errors"] == []
    assert set(out["tasks"]) == {"title", "sources", "zwnj", "repeats", "quotes", "mentions", "entities", "events", "dates"}
    assert out["tasks"]["title"] == {"accuracy": 1.0, "n": 1}
    assert out["tasks"]["repeats"]["f1"] == 1.0
    for name in ("sources", "quotes", "mentions", "entities", "events"):
        assert {"precision", "recall", "f1", "n"} <= set(out["tasks"][name])
    assert {"mode_accuracy", "place_accuracy"} <= set(out["tasks"]["events"])
    assert "exact" in out["tasks"]["sources"]


def test_eval_inline_text_jsonl_and_errors(tmp_path: Path):
    gold = tmp_path / "g.jsonl"
    arts = [
        {"id": "a", "text": "## تیتر آزمون\n\nمتن کوتاه.", "title": "تیتر آزمون", "repeats": []},
        {"id": "b", "path": "missing.txt", "title": "x"},
        {"id": "c", "text": "متن دوم بی تیتر", "title": "تیتر دیگر"},
    ]
    gold.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in arts) + "\n{broken\n", encoding="utf-8")
    res = runner.invoke(app, ["eval", str(gold), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["articles"] == 2
    assert out["tasks"]["title"] == {"accuracy": 0.5, "n": 2}
    assert out["tasks"]["repeats"]["n"] == 0 and out["tasks"]["repeats"]["f1"] is None
    assert {e["id"] for e in out["errors"]} >= {"b"}
    assert any("invalid JSON" in e["error"] for e in out["errors"])


def test_bench_reports_throughput(example_path):
    res = runner.invoke(app, ["bench", str(example_path), "--json", "--repeat", "2"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["articles"] == 2
    assert out["articles_per_s"] > 0 and out["mb_per_s"] > 0 and out["peak_rss_mb"] > 0
    assert "normalize" in out["stage_ms_per_article"]


def test_eval_zwnj_and_ner_modes(tmp_path: Path):
    text = tmp_path / "ok.txt"
    text.write_text("ما همکاری‌ها را ادامه می‌دهیم.\nکتاب‌های او در کتابخانه است.\n", encoding="utf-8")
    res = runner.invoke(app, ["eval", "--zwnj", str(text), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert set(out) >= {"word_accuracy", "precision", "recall", "f1", "words", "wrong"}
    assert out["words"] == 10 and out["word_accuracy"] == 1.0
    conll = tmp_path / "ner.txt"
    conll.write_text("علی\tB-PER\nشمخانی\tI-PER\nدر\tO\nتهران\tB-LOC\nگفت\tO\n\n", encoding="utf-8")
    res = runner.invoke(app, ["eval", "--ner", str(conll), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert set(out) >= {"micro", "per_type", "tokens"} and out["tokens"] == 5
    assert out["micro"]["f1"] == 1.0
    res = runner.invoke(app, ["eval", "--ner", "--zwnj", str(conll)])
    assert res.exit_code != 0
