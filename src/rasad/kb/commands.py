"""`rasad kb`: show, search, validate and count the knowledge base."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import typer

from rasad.kb import DATA_DIR, KINDS, KnowledgeBase, everyday_words, match_key

kb_app = typer.Typer(help="The knowledge base: show, search, validate, stats.", no_args_is_help=True)

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_REFS = ("country", "parent", "province", "capital_id", "org")


def _load(path: str | None) -> KnowledgeBase:
    return KnowledgeBase.load(path)


def _valid_date(s: str) -> bool:
    if not _DATE.match(s):
        return False
    parts = [int(x) for x in s.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return False
    if len(parts) == 3:
        import datetime

        try:
            datetime.date(*parts)
        except ValueError:
            return False
    return True


def validate(path: str | Path | None = None) -> list[str]:
    """Problems in the KB files: duplicate ids, an alias two entries hold with no disambiguation rule
    (neither marked ambiguous), invalid or inverted dates, references to missing entries. Empty: valid."""
    root = Path(path) if path else DATA_DIR
    problems: list[str] = []
    records: list[tuple[str, dict[str, Any]]] = []
    seen: dict[str, str] = {}
    for kind in KINDS:
        f = root / f"{kind}.jsonl"
        if not f.exists():
            continue
        for lineno, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{f.name}:{lineno}: invalid JSON ({exc})")
                continue
            rid = rec.get("id")
            if not rid or not rec.get("name"):
                problems.append(f"{f.name}:{lineno}: entry without id or name")
                continue
            if rid in seen:
                problems.append(f"{f.name}:{lineno}: duplicate id {rid} (first in {seen[rid]})")
            seen[rid] = f"{f.name}:{lineno}"
            records.append((kind, rec))
    ids = set(seen)
    # Rule 1 of docs/KB.md: within a kind, a form is held unmarked by at most one entry.
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, rec in records:
        if rec.get("ambiguous"):
            continue
        for n in [rec["name"], *(rec.get("aliases") or [])]:
            k = match_key(n)
            if k:
                holders[(kind, k)].add(rec["id"])
        plain = {match_key(n) for n in [rec["name"], *(rec.get("aliases") or [])]}
        for n in rec.get("ambiguous_aliases") or []:
            if match_key(n) in plain:
                problems.append(f"{rec['id']}: alias «{n}» is both plain and ambiguous")
    # Rule 6: a one-word name that is an everyday word («پول», «بانک», «متکی») needs a disambiguation rule.
    everyday = everyday_words(root)
    for _kind, rec in records:
        if rec.get("ambiguous"):
            continue
        marked = {match_key(n) for n in rec.get("ambiguous_aliases") or []}
        for n in [rec["name"], *(rec.get("aliases") or [])]:
            k = match_key(n)
            if len(n.split()) == 1 and k in everyday and k not in marked:
                problems.append(
                    f"{rec['id']}: «{n}» is an everyday word (everyday-words.txt): mark the entry ambiguous "
                    "or list the form in ambiguous_aliases"
                )
    for (kind, k), who in sorted(holders.items()):
        if len(who) > 1:
            problems.append(f"{kind}: form «{k}» names {sorted(who)} with no disambiguation (mark all but one)")
    for _kind, rec in records:
        for ref in _REFS:
            v = rec.get(ref)
            if not v or ref == "country":
                continue
            if v not in ids:
                problems.append(f"{rec['id']}: {ref} {v} is not in the KB")
        country = rec.get("country")
        if country and f"country:{country}" not in ids and country != "XKX":
            problems.append(f"{rec['id']}: country {country} is not in the KB")
        for off in rec.get("offices") or []:
            s, e = off.get("start"), off.get("end")
            for label, d in (("start", s), ("end", e)):
                if d is not None and not _valid_date(str(d)):
                    problems.append(f"{rec['id']}: office «{off.get('title')}» {label} {d!r} is not a date")
            if s and e and _valid_date(str(s)) and _valid_date(str(e)) and str(e) < str(s)[: len(str(e))]:
                problems.append(f"{rec['id']}: office «{off.get('title')}» ends {e} before it starts {s}")
            if off.get("org") and off["org"] not in ids:
                problems.append(f"{rec['id']}: office org {off['org']} is not in the KB")
    return problems


def stats(kb: KnowledgeBase) -> dict[str, Any]:
    by_kind = Counter(e.kind for e in kb)
    names = sum(len(e.all_names()) for e in kb)
    offices = sum(len(e.data.get("offices") or []) for e in kb if e.kind == "people")
    ambiguous = sum(1 for e in kb if e.data.get("ambiguous"))
    return {"entries": len(kb), "by_kind": dict(by_kind), "names": names, "offices": offices,
            "ambiguous_entries": ambiguous, "keys": len(kb.by_key), "titles": len(kb.offices_by_key)}


def search(kb: KnowledgeBase, text: str, limit: int = 20) -> list[Any]:
    """Entries a text names exactly, then entries one of whose names contains it."""
    exact = kb.lookup(text)
    k = match_key(text)
    out = list(exact)
    if k:
        for key, ids in kb.by_key.items():
            if k in key and key != k:
                out.extend(kb.entries[i] for i in ids if kb.entries[i] not in out)
            if len(out) >= limit:
                break
    return out[:limit]


@kb_app.command("show")
def show_cmd(entry_id: str, kb_path: str = typer.Option(None, "--kb", help="KB data folder")) -> None:
    """Print one entry as JSON."""
    e = _load(kb_path).get(entry_id)
    if e is None:
        typer.echo(f"no entry {entry_id}", err=True)
        raise typer.Exit(1)
    typer.echo(json.dumps(e.data, ensure_ascii=False, indent=2))


@kb_app.command("search")
def search_cmd(
    text: str,
    limit: int = typer.Option(20, help="at most this many"),
    kb_path: str = typer.Option(None, "--kb", help="KB data folder"),
) -> None:
    """Entries whose name or alias is TEXT (or contains it)."""
    hits = search(_load(kb_path), text, limit)
    for e in hits:
        typer.echo(f"{e.id}\t{e.type}\t{e.name}\t{e.code or ''}")
    if not hits:
        raise typer.Exit(1)


@kb_app.command("validate")
def validate_cmd(kb_path: str = typer.Option(None, "--kb", help="KB data folder")) -> None:
    """Check the KB files; exit 1 and list the problems when there are any."""
    problems = validate(kb_path)
    for p in problems:
        typer.echo(p)
    if problems:
        typer.echo(f"{len(problems)} problem(s)", err=True)
        raise typer.Exit(1)
    typer.echo("ok")


@kb_app.command("stats")
def stats_cmd(kb_path: str = typer.Option(None, "--kb", help="KB data folder")) -> None:
    """Counts of entries, names, offices."""
    typer.echo(json.dumps(stats(_load(kb_path)), ensure_ascii=False, indent=2))


def register(app: typer.Typer) -> None:
    app.add_typer(kb_app, name="kb")
