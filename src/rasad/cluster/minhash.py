"""MinHash signatures and LSH bands for near-duplicate articles and story clusters.

Two levels over the normalised text, both folded by the search analyzer (ZWNJ, ي/ك, plural suffixes), so
a copy that only differs in orthography is still a copy:

- **copy**: word 3-shingles; Jaccard ≥ ``COPY_THRESHOLD`` means the same text republished (another outlet's
  dateline, a cut paragraph, a changed word). Different stories on one topic share few 3-word sequences.
- **story**: the set of content words (stop words removed); a looser level for articles reporting one
  event, confirmed with shared entities and a time window (``rasad.cluster.stories``).

Signatures come from datasketch's :class:`~datasketch.MinHash`; the bands use datasketch's choice of
``(bands, rows)`` for the threshold, and are plain integers so a database can index them (a corpus-sized
LSH index never has to sit in memory).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

NUM_PERM = 128
SHINGLE = 3
COPY_THRESHOLD = 0.5
STORY_THRESHOLD = 0.25  # candidate level only: stories are confirmed by entities/time/similarity
SEED = 1
MIN_WORDS = 20  # articles shorter than this (photo captions, stubs) are not clustered
STOPWORDS = Path(__file__).parent / "data" / "stopwords.txt"


@lru_cache(maxsize=1)
def _permutations() -> MinHash:
    # Building the permutations is the costly part of a MinHash; copy them from one template.
    return MinHash(num_perm=NUM_PERM, seed=SEED)


def stopwords(path: Path = STOPWORDS) -> frozenset[str]:
    return frozenset(
        ln.strip() for ln in path.read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")
    )


def shingles(keys: Sequence[str], k: int = SHINGLE) -> set[bytes]:
    if len(keys) < k:
        return {" ".join(keys).encode()} if keys else set()
    return {" ".join(keys[i : i + k]).encode() for i in range(len(keys) - k + 1)}


def signature(items: Iterable[bytes]) -> np.ndarray:
    """MinHash signature (uint32 values, ``NUM_PERM`` of them) of a set of byte strings."""
    tpl = _permutations()
    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=tpl.permutations, scheme=tpl.scheme)
    batch = list(items)
    if batch:
        m.update_batch(batch)
    return m.hashvalues.astype(np.uint32)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4")


@lru_cache(maxsize=8)
def band_params(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """``(bands, rows)`` minimising false positives + negatives around ``threshold`` (datasketch's rule)."""
    b, r = _optimal_param(threshold, num_perm, 0.5, 0.5)
    return int(b), int(r)


def bands(sig: np.ndarray, threshold: float, level: str = "") -> list[int]:
    """One signed 64-bit key per band: two signatures share a key when that band's rows all agree.

    The level and the band number are part of the key, so one indexed column serves every band and level.
    """
    b, r = band_params(threshold, len(sig))
    out = []
    raw = sig.astype("<u4").tobytes()
    for i in range(b):
        salt = f"{level}:{i}:".encode()
        digest = hashlib.blake2b(salt + raw[i * r * 4 : (i + 1) * r * 4], digest_size=8).digest()
        out.append(struct.unpack("<q", digest)[0])
    return out


@dataclass
class Signatures:
    copy: np.ndarray
    story: np.ndarray


def article_signatures(keys: Sequence[str], stop: frozenset[str]) -> Signatures:
    """Both signatures of an article from its search keys (``Analyzer.keys(doc.text)``)."""
    content = {k.encode() for k in keys if k not in stop and len(k) > 1 and not k[0].isdigit()}
    return Signatures(signature(shingles(keys)), signature(content))
