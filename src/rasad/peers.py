"""Other Persian normalisers behind one interface, for side-by-side ZWNJ benchmarks (``rasad bench --peers``).

Every peer is optional: a package that is missing or fails to load is reported as skipped with the reason,
never an error. Peers are compared on exactly what ``rasad eval --zwnj`` measures (rasad.evaluation.zwnj):
each output goes through rasad's own character normalisation (no ZWNJ repair) so that only spacing and
ZWNJ decisions are compared, not letter variants.

Throughput (``chars_per_s``) is one call of the tool's normaliser on the whole degraded file as one
document, best of ``repeat`` runs, in CPU time of this process (``time.process_time``: one core, and
steady on a machine other jobs share); rasad's figure is its text stages (normalize, zwnj, spacing) on the
same document.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from rasad.evaluation.zwnj import Scorer, degrade, read_lines


@dataclass
class Peer:
    name: str
    version: str | None
    normalize: Callable[[str], str] | None
    reason: str | None = None  # why it is skipped


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _hazm() -> Callable[[str], str]:
    from hazm import Normalizer

    return Normalizer().normalize


def _shekar() -> Callable[[str], str]:
    from shekar import Normalizer

    n = Normalizer()
    return n.normalize if hasattr(n, "normalize") else n


def _rishe() -> Callable[[str], str]:
    # rishe's hazm-compatible Normalizer runs its staged pipeline (alphabet, punctuation, digits, spacing,
    # repeated letters, verbal spacing); rishe is alpha, so it stays behind this adapter.
    from rishe import Normalizer

    return Normalizer().normalize


def _parsivar() -> Callable[[str], str]:
    from parsivar import Normalizer

    return Normalizer().normalize


def _rasad() -> Callable[[str], str]:
    from rasad.document import Document
    from rasad.pipeline import Pipeline

    pipe = Pipeline.default(only=["normalize", "zwnj", "spacing"])
    return lambda s: pipe(Document(raw=s, id="_")).text


ADAPTERS: dict[str, tuple[str, Callable[[], Callable[[str], str]]]] = {
    "rasad": ("rasad", _rasad),
    "hazm": ("hazm", _hazm),
    "shekar": ("shekar", _shekar),
    "rishe": ("rishe", _rishe),
    "parsivar": ("parsivar", _parsivar),
}


def load_peer(name: str) -> Peer:
    dist, factory = ADAPTERS[name]
    version = _version(dist)
    if version is None:
        return Peer(name, None, None, f"{dist} is not installed")
    try:
        fn = factory()
    except Exception as exc:  # noqa: BLE001 - a peer that cannot load is skipped, with the reason
        return Peer(name, version, None, f"{type(exc).__name__}: {exc}")
    return Peer(name, version, fn)


def _gold_normalizer() -> Callable[[str], str]:
    from rasad.text.normalize import NormalizeStage

    stage = NormalizeStage()
    return stage.normalize_string


def bench_peer(peer: Peer, lines: list[str], mode: str, repeat: int = 1) -> dict[str, Any]:
    row: dict[str, Any] = {"tool": peer.name, "version": peer.version, "mode": mode}
    if peer.normalize is None:
        row["skipped"] = peer.reason
        return row
    norm = _gold_normalizer()
    degraded = [degrade(line, mode) for line in lines]
    sc = Scorer()
    try:
        for gold, bad in zip(lines, degraded, strict=True):
            sc.add(norm(gold), norm(peer.normalize(bad)))
        doc = "\n".join(degraded)
        best = float("inf")
        for _ in range(repeat):
            t0 = time.process_time()
            peer.normalize(doc)
            best = min(best, time.process_time() - t0)
    except Exception as exc:  # noqa: BLE001 - a peer that fails on the data is reported, not fatal
        row["skipped"] = f"{type(exc).__name__}: {exc}"
        return row
    res = sc.result()
    row.update(
        word_accuracy=res["word_accuracy"],
        zwnj_precision=res["precision"],
        zwnj_recall=res["recall"],
        zwnj_f1=res["f1"],
        wrong_joins=sc.fp,
        missed=sc.fn,
        words=res["words"],
        chars=len(doc),
        chars_per_s=round(len(doc) / best) if best > 0 else None,
    )
    return row


def run_peer_bench(paths: list[str], tools: list[str] | None = None, repeat: int = 3) -> list[dict[str, Any]]:
    """Rows (tool, version, mode, word_accuracy, zwnj_f1, wrong_joins, chars_per_s, …) for --as none and space."""
    lines = read_lines(paths)
    rows = []
    for name in tools or list(ADAPTERS):
        peer = load_peer(name)
        for mode in ("none", "space"):
            rows.append(bench_peer(peer, lines, mode, repeat=repeat))
    return rows


def run_text_bench(paths: list[str], repeat: int = 3) -> dict[str, Any]:
    """CPU time per text stage of rasad on the files as one document (ZWNJs stripped): chars/s per stage
    and for normalise + ZWNJ + spacing + sentences + tokens together."""
    from rasad.document import Document
    from rasad.pipeline import Pipeline

    text = "\n".join(degrade(line, "none") for line in read_lines(paths))
    names = ["normalize", "zwnj", "spacing", "structure", "sentences", "tokens"]
    pipe = Pipeline.default(only=names)
    pipe(Document(raw=text[:2000], id="warm"))
    best: dict[str, float] = {}
    for _ in range(repeat):
        doc = Document(raw=text, id="bench")
        for stage in pipe.stages:
            t0 = time.process_time()
            stage(doc)
            dt = time.process_time() - t0
            best[stage.name] = min(best.get(stage.name, dt), dt)
    total = sum(best.values())
    return {
        "chars": len(text),
        "stage_ms": {k: round(v * 1000, 1) for k, v in best.items()},
        "stage_chars_per_s": {k: round(len(text) / v) if v else None for k, v in best.items()},
        "text_stages_chars_per_s": round(len(text) / total) if total else None,
    }


def format_table(rows: list[dict[str, Any]]) -> str:
    """A Markdown table of :func:`run_peer_bench` rows."""
    head = "| tool | version | --as | word acc. | ZWNJ P | ZWNJ R | ZWNJ F1 | wrong joins | chars/s |"
    out = [head, "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if "skipped" in r:
            out.append(f"| {r['tool']} | {r['version'] or '–'} | {r['mode']} | skipped: {r['skipped']} | | | | | |")
            continue
        out.append(
            f"| {r['tool']} | {r['version']} | {r['mode']} | {r['word_accuracy']:.4f} | {r['zwnj_precision']:.3f} "
            f"| {r['zwnj_recall']:.3f} | {r['zwnj_f1']:.3f} | {r['wrong_joins']} | {r['chars_per_s']:,} |"
        )
    return "\n".join(out)
