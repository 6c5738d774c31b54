"""What the coding of one document carries from sentence to sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rasad.document import Document, Span

from .actors import Participant
from .lexicon import EventLexicon


@dataclass
class Context:
    """One document's coding state: its participants, quotations, dates, the signatures coded so far."""

    doc: Document
    lex: EventLexicon
    parts: list[Participant]
    quotes: list[Span]
    speaker_codes: Any  # index -> speaker's country code (computed when a trigger is quoted)
    dates: list[Span]
    seen: dict[tuple[str, frozenset[str], frozenset[str]], Span] = field(default_factory=dict)
    seen_info: dict[tuple[str, frozenset[str], frozenset[str]], tuple[bool, str | None]] = field(default_factory=dict)
    part_starts: list[int] = field(default_factory=list)
    home: str | None = None  # the publishing outlet's country
    self_home: str | None = None  # the country «کشورمان» names in the outlet's voice
    sentences: list[Span] = field(default_factory=list)
    trig_spans: list[tuple[int, int, bool]] = field(default_factory=list)  # this sentence's triggers, symmetric?
    trig_kept: list[tuple[int, int, int]] = field(default_factory=list)  # this sentence's triggers (start, end, index)
    sent_starts: list[int] = field(default_factory=list)
    src_names: tuple[str, ...] = ()
    crime: re.Pattern[str] | None = None  # words of a crime report (data/plover.json actors.crime_context)  # the surfaces of the outlets the sources stage found in the text
