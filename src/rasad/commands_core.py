"""Core commands: `rasad analyze`, `rasad eval`, `rasad bench`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from rasad.document import Document
from rasad.ingest import ReadError, read_paths

err_console = Console(stderr=True)


def _pipeline(disable: list[str] | None, only: list[str] | None):
    from rasad.pipeline import Pipeline

    try:
        return Pipeline.default(disable=disable or (), only=only or None)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


def analyze(
    files: Annotated[list[str], typer.Argument(help="Files, directories or globs (.txt .md .json .jsonl .html …)")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json | jsonl | pretty")] = "json",
    published: Annotated[str | None, typer.Option(help="Publication date (ISO) for articles that lack one")] = None,
    full: Annotated[bool, typer.Option(help="Print the lossless Document JSON (with offsets)")] = False,
    tokens: Annotated[bool, typer.Option(help="Include the token layer")] = False,
    disable: Annotated[list[str] | None, typer.Option(help="Stage to skip (repeatable)")] = None,
    only: Annotated[list[str] | None, typer.Option(help="Run only these stages (repeatable)")] = None,
    bidi: Annotated[bool | None, typer.Option(help="Reorder RTL text for terminals without bidi (pretty)")] = None,
) -> None:
    """Analyse articles and print what rasad finds in them."""
    from rasad.views import analysis

    if fmt not in ("json", "jsonl", "pretty"):
        raise typer.BadParameter("--format must be json, jsonl or pretty")
    pipe = _pipeline(disable, only)
    results: list[dict[str, Any]] = []
    failures = 0
    analysed = 0
    for item in read_paths(files):
        if isinstance(item, ReadError):
            failures += 1
            err_console.print(f"[red]error[/red] {item.source}: {item.error}")
            if fmt == "jsonl":
                print(json.dumps({"error": item.to_json()}, ensure_ascii=False))
            continue
        doc: Document = item
        if published and not doc.published:
            doc.published = published
        pipe(doc)
        analysed += 1
        view = doc.to_json() if full else analysis(doc, include_tokens=tokens)
        if fmt == "jsonl":
            print(json.dumps(view, ensure_ascii=False), flush=True)
        elif fmt == "pretty":
            from rasad.pretty import print_document

            print_document(doc, bidi=bidi)
        else:
            results.append(view)
    if fmt == "json":
        out: Any = results[0] if len(results) == 1 else results
        print(json.dumps(out, ensure_ascii=False, indent=1))
    if failures:
        # 1: nothing could be read; 2: some items failed, the others were analysed
        raise typer.Exit(2 if analysed else 1)


def eval_cmd(
    gold: Annotated[list[str], typer.Argument(help="Gold files (FORMAT.md): JSON, JSONL; CoNLL with --ner; text with --zwnj")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (default when not a terminal)")] = False,
    ner: Annotated[bool, typer.Option("--ner", help="Token-level NER on CoNLL files")] = False,
    doc_pass: Annotated[
        bool, typer.Option("--doc-pass", help="--ner: score the CRF's optional document-level second pass")
    ] = False,
    zwnj: Annotated[bool, typer.Option("--zwnj", help="ZWNJ restoration on correctly written text")] = False,
    as_: Annotated[str, typer.Option("--as", help="--zwnj: remove each ZWNJ (none) or turn it into a space (space)")] = "none",
    details: Annotated[Path | None, typer.Option(help="Write per-article details (JSONL) here")] = None,
) -> None:
    """Score rasad against gold annotations (../shared/gold/FORMAT.md)."""
    if ner and zwnj:
        raise typer.BadParameter("--ner and --zwnj are separate evaluations")
    if as_ not in ("none", "space"):
        raise typer.BadParameter("--as must be none or space")
    if ner:
        from rasad.evaluation import ner as ner_eval

        result = ner_eval.run(gold, doc_pass=doc_pass)
    elif zwnj:
        from rasad.evaluation import zwnj as zwnj_eval

        result = zwnj_eval.run(gold, mode=as_)
    else:
        from rasad.evaluation.articles import Evaluator

        ev = Evaluator()
        result = ev.run(gold)
        if details:
            with open(details, "w", encoding="utf-8") as fh:
                for d in ev.details:
                    fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    if as_json or not sys.stdout.isatty():
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        from rasad.pretty import print_scores

        print_scores(result)


def bench(
    paths: Annotated[list[str] | None, typer.Argument(help="Corpus files (default: the example article)")] = None,
    repeat: Annotated[int, typer.Option(help="Times the corpus is run through")] = 1,
    copies: Annotated[int, typer.Option(help="With the default corpus: copies of the example article")] = 200,
    peers: Annotated[bool, typer.Option(help="Also run hazm/shekar/rishe/parsivar and rasad's ZWNJ repair on correctly written text")] = False,
    peer_text: Annotated[list[str] | None, typer.Option(help="--peers: text with correct ZWNJ (default ../shared/data/text/*.txt)")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    disable: Annotated[list[str] | None, typer.Option(help="Stage to skip (repeatable)")] = None,
    only: Annotated[list[str] | None, typer.Option(help="Run only these stages (repeatable)")] = None,
) -> None:
    """Time the pipeline on a corpus: articles/s, MB/s, peak memory, time per stage."""
    from rasad.benchmark import default_corpus, run_bench

    docs_paths = paths or default_corpus()
    result = run_bench(docs_paths, pipeline=_pipeline(disable, only), repeat=repeat, copies=copies if not paths else 1)
    if peers:
        from rasad.benchmark import default_peer_text
        from rasad.peers import format_table, run_peer_bench

        texts = peer_text or default_peer_text()
        if not texts:
            raise typer.BadParameter("--peers needs text with correct ZWNJs: give --peer-text FILE")
        result["peers"] = run_peer_bench(texts)
        result["peer_text"] = texts
        if not (as_json or not sys.stdout.isatty()):
            print(format_table(result["peers"]))
    if as_json or not sys.stdout.isatty():
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        from rasad.pretty import print_bench

        print_bench(result)


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze)
    app.command("eval")(eval_cmd)
    app.command("bench")(bench)
