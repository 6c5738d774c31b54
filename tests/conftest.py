from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p for p in (ROOT.parent / "shared", ROOT / "shared") if p.is_dir()), ROOT.parent / "shared")
EXAMPLE = SHARED / "examples" / "aleppo-joint-hq.txt"
EXAMPLE_GOLD = SHARED / "examples" / "aleppo-joint-hq.gold.json"
PACKAGED_EXAMPLE = ROOT / "src" / "rasad" / "data" / "sample" / "aleppo-joint-hq.txt"


@pytest.fixture(scope="session")
def example_path() -> Path:
    # CI has ../shared beside the clone; the package ships the same article for offline use.
    return EXAMPLE if EXAMPLE.is_file() else PACKAGED_EXAMPLE


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def pipeline():
    from rasad.pipeline import Pipeline

    return Pipeline.default()


@pytest.fixture(scope="session")
def example_doc(pipeline, example_path):
    from rasad.ingest.text import read_text_file

    return pipeline(read_text_file(example_path))


@pytest.fixture(scope="session")
def kb():
    """The shipped knowledge base, loaded once for every test module that reads it."""
    from rasad.kb import KnowledgeBase

    return KnowledgeBase.load()


@pytest.fixture(scope="session")
def entities_pipe():
    """The stages up to entities, for the entity-linking tests (no quotes, events, dates)."""
    from rasad.pipeline import Pipeline

    return Pipeline.default(
        only=["normalize", "zwnj", "spacing", "structure", "sentences", "tokens", "entities"]
    )
