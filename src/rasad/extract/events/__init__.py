"""PLOVER event coding: Persian trigger lexicon, argument patterns, actor codes, modality.

Layer ``events`` (docs/MODEL.md): the trigger's span; label the PLOVER type; attrs ``type``, ``mode``,
``context``, ``actor`` / ``recipient`` (lists of actor codes), ``actor_entities`` /
``recipient_entities`` (entity ids when the entities stage linked them), ``place``, ``date``,
``sentence`` ([start, end]), ``trigger``, ``reported_by`` (index into layer ``quotes`` or null),
``negated`` and ``modality`` (``asserted``, ``planned``, ``denied``, ``hypothetical``: denied and hypothetical
acts are written but are no acts — :func:`occurred` — since tests/gold/README.md codes only acts that happened
or are fixed; eval, the PLOVER export and the search filter count only acts that occurred).

Modules (details and numbers in docs/EVENTS.md): ``lexicon`` (triggers and their forms), ``actors``
(codes, the gazetteer, a document's participants), ``grammar`` (shared Persian clause patterns), ``filters``
(what is no act), ``roles`` (actor and recipient of a trigger), ``modality`` (negation, condition, plan),
``stage`` (:class:`EventStage`, the layer), ``plover`` (export and type confusion).

How:
1. Triggers: one combined regex over the forms of ``data/events/*.json`` (one file per PLOVER type).
2. Participants: the entities stage's ``mentions`` with their entity codes, completed by a gazetteer of
   actor phrases built once from the knowledge base (countries, demonyms, capitals, people with a
   country, organisations) and ``data/plover.json`` (codes of non-state actors, first person «کشورمان»).
3. Roles: each participant gets the preposition that governs its noun phrase (به، با، از، علیه، توسط،
   میان…) or «را»; the entry's ``recipient`` markers pick the recipients, unmarked phrases of the clause
   are the actor (Persian is SOV: the subject opens the clause), symmetric events put every party in
   ``actor``. Inside a quotation «ما/کشورمان» is the speaker's country.

:func:`to_plover` gives the PLOVER JSON records of a document (for ``rasad export --events``).
"""

from .actors import ActorGazetteer, ActorRef, Participant, ParticipantFinder
from .grammar import words_of
from .lexicon import DATA, EventLexicon, Trigger
from .modality import occurred
from .plover import PLOVER_FIELDS, to_plover, type_confusion
from .stage import EventStage

__all__ = [
    "DATA",
    "PLOVER_FIELDS",
    "ActorGazetteer",
    "ActorRef",
    "EventLexicon",
    "EventStage",
    "Participant",
    "ParticipantFinder",
    "Trigger",
    "occurred",
    "to_plover",
    "type_confusion",
    "words_of",
]
