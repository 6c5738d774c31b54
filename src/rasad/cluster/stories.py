"""The looser clustering level: articles that report the same event, in different words.

Candidates come from the story LSH bands (content-word MinHash, see :mod:`rasad.cluster.minhash`); a pair
is one story when the texts are similar enough *and* they are close in time *and* (when both have
entities) they name the same things. Without entities (the entities stage off, or none found) the text
must be more similar instead, so the level still works on a bare corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class StoryRule:
    window_days: int = 3
    min_similarity: float = 0.25  # content-word Jaccard when the entities agree
    min_similarity_no_entities: float = 0.4  # when one side has no entities to compare
    min_shared_entities: int = 2
    min_entity_overlap: float = 0.2  # shared / smaller set: the same actors, not one common country


def _day(published: str | None) -> date | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def within_window(a: str | None, b: str | None, days: int) -> bool:
    """Both dates known and at most ``days`` apart; an unknown date does not rule a pair out."""
    da, db = _day(a), _day(b)
    if da is None or db is None:
        return True
    return abs((da - db).days) <= days


def same_story(
    similarity: float,
    published_a: str | None,
    published_b: str | None,
    entities_a: set[str],
    entities_b: set[str],
    rule: StoryRule = StoryRule(),
) -> bool:
    if not within_window(published_a, published_b, rule.window_days):
        return False
    if entities_a and entities_b:
        shared = len(entities_a & entities_b)
        overlap = shared / min(len(entities_a), len(entities_b))
        if shared < min(rule.min_shared_entities, len(entities_a), len(entities_b)):
            return False
        if overlap < rule.min_entity_overlap:
            return False
        return similarity >= rule.min_similarity
    return similarity >= rule.min_similarity_no_entities
