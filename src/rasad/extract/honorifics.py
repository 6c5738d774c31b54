"""The one list of honorifics (``data/honorifics.json``), read by the entities and the quotes stages.

The two stages kept separate lists that drifted apart (ranks and «مولوی» only in one, «آقا» and «حاجی»
only in the other); a name is now stripped of the same words wherever it is read.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

HONORIFICS_PATH = Path(__file__).parent / "data" / "honorifics.json"


@lru_cache(maxsize=1)
def honorific_lexicon() -> dict[str, Any]:
    """``honorifics`` (every form, as written) and ``name_particles`` (those kept in a name as written)."""
    with open(HONORIFICS_PATH, encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data
