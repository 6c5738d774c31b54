"""`rasad ingest`, `rasad search`, `rasad export`: the archive from the command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from rasad.document import Document
from rasad.ingest.errors import ReadError

console = Console(stderr=True)
DB_HELP = "Database file (created when missing)"


def _items(sources: list[str], delay: float, fetch_pages: bool) -> Iterator[Document | ReadError]:
    from rasad.ingest import read_paths

    fetcher = None
    try:
        for src in sources:
            if src.startswith(("http://", "https://")):
                from rasad.ingest.feeds import Fetcher, read_feed_url

                fetcher = fetcher or Fetcher(delay=delay)
                yield from read_feed_url(src, fetcher, fetch_pages=fetch_pages)
            else:
                yield from read_paths([src])
    finally:
        if fetcher is not None:
            fetcher.close()


def ingest_cmd(
    sources: Annotated[list[str], typer.Argument(help="Files, directories, globs, or RSS/Atom feed URLs")],
    db: Annotated[str, typer.Option("--db", help=DB_HELP)] = "rasad.db",
    batch: Annotated[int, typer.Option(help="Articles per committed transaction")] = 100,
    reanalyse: Annotated[
        bool, typer.Option("--reanalyse", help="Analyse stored articles again (updated in place)")
    ] = False,
    delay: Annotated[float, typer.Option(help="Seconds between two requests to one host (feeds)")] = 1.0,
    fetch_pages: Annotated[
        bool, typer.Option(help="Fetch each feed item's page (else use the item's text)")
    ] = True,
    disable: Annotated[list[str] | None, typer.Option(help="Stage to skip (repeatable)")] = None,
    only: Annotated[list[str] | None, typer.Option(help="Run only these stages (repeatable)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout")] = False,
    progress: Annotated[
        bool | None, typer.Option(help="Show the progress bar (default: on a terminal)")
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Processes analysing articles while one writes (default: cores - 1; 1 = no pool)"),
    ] = None,
) -> None:
    """Analyse articles and store them; running it again resumes and never stores one article twice."""
    import functools

    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from rasad.pipeline import DEFAULT_STAGES, Pipeline
    from rasad.store import open_store
    from rasad.store.ingest import IngestSummary, default_workers, ingest

    n_workers = default_workers() if workers is None else max(1, workers)
    factory = functools.partial(Pipeline.default, disable=disable or (), only=only or None)
    if n_workers > 1:
        # The pipeline is built in each worker; here only the stage names are checked (no KB load).
        unknown = (set(disable or ()) | set(only or ())) - set(DEFAULT_STAGES)
        if unknown:
            raise typer.BadParameter(f"unknown stage(s): {', '.join(sorted(unknown))}")
        pipe = None
        names = [n for n in DEFAULT_STAGES if n not in set(disable or ()) and (not only or n in only)]
    else:
        try:
            pipe = factory()
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from exc
        names = pipe.names
    store = open_store(db)
    show = console.is_terminal if progress is None else progress
    bar = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest[/bold]"),
        TextColumn("{task.fields[items]} items"),
        TextColumn("{task.fields[rate]:.1f} items/s"),
        TextColumn("[green]+{task.fields[added]}[/green] ~{task.fields[updated]} ={task.fields[unchanged]}"),
        TextColumn("[red]{task.fields[errors]} errors[/red]"),
        TimeElapsedColumn(),
        console=console,
        disable=not show,
    )
    task = bar.add_task("ingest", total=None, items=0, rate=0.0, added=0, updated=0, unchanged=0, errors=0)

    def tick(s: IngestSummary) -> None:
        bar.update(
            task,
            items=s.items,
            rate=s.rate,
            added=s.added,
            updated=s.updated,
            unchanged=s.unchanged,
            errors=s.errors,
        )

    args = {"sources": sources, "stages": names, "reanalyse": reanalyse, "batch": batch, "workers": n_workers}
    with bar:
        summary = ingest(
            store,
            _items(sources, delay, fetch_pages),
            pipe,
            batch,
            reanalyse,
            args,
            on_item=tick,
            workers=n_workers,
            pipeline_factory=factory,
        )
        tick(summary)
    store.close()
    if as_json:
        print(json.dumps(summary.to_json(), ensure_ascii=False))
    console.print(
        f"[bold]{summary.items}[/bold] items in {summary.seconds:.1f} s ({summary.rate:.1f}/s): "
        f"[green]{summary.added} added[/green], {summary.updated} updated, {summary.unchanged} already stored, "
        f"{summary.copies} copies of stored articles, [red]{summary.errors} read errors[/red], "
        f"{summary.stage_errors} with stage errors → {db} (run {summary.run_id})"
    )
    for e in summary.error_samples[:10]:
        console.print(f"  [red]error[/red] {escape(e.source)}: {escape(e.error)}")
    if summary.errors and not (summary.added or summary.updated or summary.unchanged):
        raise typer.Exit(1)


def search_cmd(
    query: Annotated[str, typer.Argument(help='Words (all required), "a phrase", -excluded')] = "",
    db: Annotated[str, typer.Option("--db", help=DB_HELP)] = "rasad.db",
    outlet: Annotated[str | None, typer.Option(help="Outlet name or KB id")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Published on or after (ISO date)")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Published on or before (ISO date)")] = None,
    entity: Annotated[str | None, typer.Option(help="Mentions this entity (name or KB id)")] = None,
    event_type: Annotated[
        str | None, typer.Option("--event", help="Has an event of this PLOVER type")
    ] = None,
    speaker: Annotated[str | None, typer.Option(help="Quotes this speaker")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n")] = 10,
    offset: Annotated[int, typer.Option()] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines on stdout")] = False,
) -> None:
    """Search stored articles (Persian-aware: ZWNJ, ي/ك and plural forms all match)."""
    from pathlib import Path

    from rasad.store import SearchFilters, open_store

    if not Path(db).exists():
        raise typer.BadParameter(f"no database at {db} (run `rasad ingest` first)")
    filters = SearchFilters(outlet, date_from, date_to, entity, event_type, speaker)
    with open_store(db) as store:
        hits = store.search(query, filters, limit, offset)
    out = Console()
    for h in hits:
        if as_json:
            print(json.dumps(h.__dict__, ensure_ascii=False))
            continue
        snippet = escape(h.snippet).replace("«", "[bold yellow]").replace("»", "[/bold yellow]")
        out.print(
            f"[bold]{escape(h.title or h.doc_id)}[/bold]  [dim]{h.outlet or ''} {h.published or ''} {h.score:.2f}[/dim]"
        )
        if h.url:
            out.print(f"  [blue]{escape(h.url)}[/blue]")
        out.print(f"  {snippet}\n")
    if not hits and not as_json:
        console.print("no match")


def export_cmd(
    kind: Annotated[str, typer.Argument(help="articles | quotes | entities | events")] = "articles",
    db: Annotated[str, typer.Option("--db", help=DB_HELP)] = "rasad.db",
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl | csv | parquet")] = "jsonl",
    out: Annotated[
        str | None, typer.Option("--out", "-o", help="Output file (stdout for jsonl/csv when omitted)")
    ] = None,
    events: Annotated[bool, typer.Option("--events", help="Same as KIND=events (PLOVER records)")] = False,
) -> None:
    """Export the store's articles, quotes, entities or events."""
    from pathlib import Path

    from rasad.store import open_store
    from rasad.store.export import FORMATS, KINDS, export

    kind = "events" if events else kind
    if kind not in KINDS:
        raise typer.BadParameter(f"KIND must be one of {', '.join(KINDS)}")
    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    if fmt == "parquet" and not out:
        raise typer.BadParameter("parquet needs --out FILE")
    if not Path(db).exists():
        raise typer.BadParameter(f"no database at {db}")
    with open_store(db) as store:
        n = export(store, kind, fmt, out or sys.stdout)
    console.print(f"{n} {kind} rows" + (f" → {out}" if out else ""))


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_cmd)
    app.command("search")(search_cmd)
    app.command("export")(export_cmd)
