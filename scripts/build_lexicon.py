"""Build the ZWNJ / lemma lexicon shipped in ``src/rasad/text/data/`` (reproducible; see SOURCES.md there).

Inputs (none of them is the evaluation text ``/work/shared/data/text/ud-*-dev.txt``):
- hazm's ``data/words.dat`` and ``data/verbs.dat`` (MIT), read from the installed hazm package or ``--hazm-data``;
- word counts from the Fars News articles that use ZWNJ consistently (``--fars``): only counts, no text.

    .venv/bin/python scripts/build_lexicon.py [--hazm-data DIR] [--fars PATH] [--out DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

from rasad.text.normalize import normalize_string

ZWNJ = "\u200c"
OUT = Path(__file__).resolve().parent.parent / "src" / "rasad" / "text" / "data"
FARS = Path("/work/shared/data/news/fars-news.jsonl")
WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u0622]+(?:\u200c[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u0622]+)*")
# An article counts as carefully written when it has ZWNJs (at least this many per 1000 characters) and
# writes the plural «ها» apart after a joining letter nearly always: in the others some or all ZWNJs were
# lost, so their ZWNJ-less spellings («کردهای») would be counted as correct.
MIN_ZWNJ_DENSITY = 4.0
MIN_PLURAL_APART = 0.0
_PLURAL_JOINED = re.compile(r"[بپتثجچحخسشصضطظعغفقکگلمنهی]ها(?:ی|یی)?(?![\u0600-\u06ff\u200c])")
_PLURAL_APART = re.compile(r"[بپتثجچحخسشصضطظعغفقکگلمنهی]\u200cها(?:ی|یی)?(?![\u0600-\u06ff\u200c])")
MIN_COUNT = 2


def hazm_data_dir() -> Path:
    spec = importlib.util.find_spec("hazm")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("hazm is not installed: pip install --no-deps hazm==0.10.0, or pass --hazm-data")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def build_words(src: Path, out: Path) -> int:
    rows: dict[str, tuple[int, str]] = {}
    for line in src.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if not parts or not parts[0].strip():
            continue
        form = normalize_string(parts[0].strip())
        if not form or " " in form:
            continue
        freq = int(float(parts[1])) if len(parts) > 1 and parts[1].strip() else 0
        pos = parts[2].strip() if len(parts) > 2 else ""
        pos = "" if pos == "0" else pos
        old = rows.get(form)
        if old is None or freq > old[0]:
            rows[form] = (freq, pos or (old[1] if old else ""))
    with out.open("w", encoding="utf-8") as f:
        f.write("# form\tfrequency\tpos  (hazm 0.10.0 data/words.dat, MIT; normalised by rasad)\n")
        for form in sorted(rows):
            freq, pos = rows[form]
            f.write(f"{form}\t{freq}\t{pos}\n")
    return len(rows)


def build_verbs(src: Path, out: Path) -> int:
    pairs = set()
    for line in src.read_text(encoding="utf-8").splitlines():
        if "#" not in line:
            continue
        past, present = (normalize_string(p) for p in line.split("#", 1))
        if past:
            pairs.add((past, present))
    # a few entries give the infinitive instead of the past stem («پیچاندن#پیچان» beside «پیچاند#پیچان»)
    pairs = {(pa, pr) for pa, pr in pairs if not (pa.endswith("ن") and (pa[:-1], pr) in pairs)}
    with out.open("w", encoding="utf-8") as f:
        f.write("# past_stem\tpresent_stem  (hazm 0.10.0 data/verbs.dat, MIT)\n")
        for past, present in sorted(pairs):
            f.write(f"{past}\t{present}\n")
    return len(pairs)


def build_counts(src: Path, out: Path) -> tuple[int, int]:
    counts: Counter[str] = Counter()
    used = 0
    with src.open(encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            text = normalize_string(art.get("text") or "")
            if not text or text.count(ZWNJ) * 1000 / len(text) < MIN_ZWNJ_DENSITY:
                continue
            apart, joined = len(_PLURAL_APART.findall(text)), len(_PLURAL_JOINED.findall(text))
            if apart + joined and apart / (apart + joined) < MIN_PLURAL_APART:
                continue
            used += 1
            counts.update(WORD.findall(text))
    kept = {w: c for w, c in counts.items() if c >= MIN_COUNT}
    with out.open("w", encoding="utf-8") as f:
        f.write(f"# form\tcount  (word counts of {used} Fars News articles with >= {MIN_ZWNJ_DENSITY} ZWNJ/1000 chars; count >= {MIN_COUNT})\n")
        for w, c in sorted(kept.items(), key=lambda x: (-x[1], x[0])):
            f.write(f"{w}\t{c}\n")
    return used, len(kept)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--hazm-data", type=Path, default=None)
    ap.add_argument("--fars", type=Path, default=FARS)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    hz = args.hazm_data or hazm_data_dir()
    args.out.mkdir(parents=True, exist_ok=True)
    print("words:", build_words(hz / "words.dat", args.out / "hazm_words.tsv"))
    print("verbs:", build_verbs(hz / "verbs.dat", args.out / "hazm_verbs.tsv"))
    print("fars articles, forms:", build_counts(args.fars, args.out / "fars_counts.tsv"))


if __name__ == "__main__":
    main()
