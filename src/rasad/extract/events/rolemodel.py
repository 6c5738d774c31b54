"""A learned role chooser for triggers the rules give no roles (issue 6, experiment).

On the development and training sets, 175 of 275 missed gold events have a trigger of their type in the
article but no event of that type: the trigger was found, but the role rules gave it no actor (or no
recipient where the type needs one). This module scores, for a kept trigger, each coded party of its
sentence (and of the sentence before, the outlet's country and a quoted speaker's) as actor and as
recipient with two maximum-entropy classifiers (python-crfsuite on one-item sequences) and proposes the
event the best actor and recipient make. The proposal goes through the stage's own filters, modality and
one-event-per-signature check like any rule event. It never runs without a trigger and never changes
an event the rules coded.

Features are computed by :func:`role_items` the same way at training (:mod:`.training`) and tagging time.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Any

from rasad.document import Span

from . import roles
from .actors import Participant
from .context import Context
from .grammar import words_of
from .learned import _CUES, MODEL_DIR, _code_class
from .lexicon import Trigger

TRIGGER_MODEL = MODEL_DIR / "events-trigger.crfsuite"
ACTOR_MODEL = MODEL_DIR / "events-actor.crfsuite"
RECIPIENT_MODEL = MODEL_DIR / "events-recipient.crfsuite"
YES, NO = "yes", "no"
# (0.3 and 0.5 were the best of trigger 0.2/0.3 × role 0-0.7 on the leave-one-set-out folds, and still no gain)
THRESHOLD = 0.3
# the chosen actor and recipient must each be this likely too (an unsure role makes a wrong event)
ROLE_THRESHOLD = 0.5
NONE = "∅"  # the recipient item «no recipient»
_RA = re.compile(r"[\s\u200c]*را(?![\w\u200c])")
# parties farther than this from the trigger in the sentence are not considered (cost and noise)
MAX_PARTIES = 5


def _dist(n: int) -> str:
    return "0" if n < 15 else "1" if n < 40 else "2" if n < 90 else "3"


def parties(
    ctx: Context, sent: Span, s: int, e: int, parts: list[Participant], qi: int | None
) -> list[tuple[str, str, Participant | None]]:
    """``(code, where, mention)`` of each party a trigger may take: the sentence's coded participants (the
    mention nearest the trigger per code), the previous sentence's, the speaker's and the outlet's country."""
    out: dict[str, tuple[str, Participant | None, int]] = {}
    for p in parts:
        code = roles.resolve(ctx, p, qi, sent)
        if not code or (p.start < e and p.end > s):
            continue
        d = s - p.end if p.end <= s else p.start - e
        where = "before" if p.end <= s else "after"
        if code not in out or d < out[code][2]:
            out[code] = (where, p, d)
    nearest = sorted(out.items(), key=lambda kv: kv[1][2])[:MAX_PARTIES]
    res = [(c, w, p) for c, (w, p, _) in nearest]
    k = bisect.bisect_right(ctx.sent_starts, sent.start) - 1
    if k > 0:
        prev = ctx.sentences[k - 1]
        a = bisect.bisect_left(ctx.part_starts, prev.start)
        b = bisect.bisect_left(ctx.part_starts, prev.end)
        seen = {c for c, _, _ in res}
        for p in ctx.parts[a:b]:
            code = p.code if p.kind not in ("self", "anaphor") else None
            if code and code not in seen and len(res) < MAX_PARTIES + 2:
                res.append((code, "prev", p))
                seen.add(code)
    if qi is not None:
        sc = ctx.speaker_codes[qi]
        if sc and all(c != sc for c, _, _ in res):
            res.append((sc, "speaker", None))
    if ctx.home and all(c != ctx.home for c, _, _ in res):
        res.append((ctx.home, "home", None))
    return res


def role_items(
    ctx: Context, sent: Span, trig: Trigger, s: int, e: int, parts: list[Participant], qi: int | None,
    rule: list[roles.Coded],
) -> tuple[list[tuple[str, dict[str, float]]], list[tuple[str, dict[str, float]]]]:
    """The actor items and the recipient items (``∅`` = no recipient) of one trigger, with features."""
    text = ctx.doc.text
    t = trig.type
    base = [f"t={t}", f"verbal={trig.verbal}", f"passive={trig.passive}", f"sym={trig.symmetric}",
            f"quote={qi is not None}", f"rule={bool(rule)}", f"trig={trig.trigger}"]
    rule_a = {c for x in rule for c in x.actor}
    rule_r = {c for x in rule for c in x.recipient}
    ps = parties(ctx, sent, s, e, parts, qi)
    first = min((p.start for _, w, p in ps if p is not None and w in ("before", "after")), default=-1)
    actor_items, rec_items = [], []
    for code, where, p in ps:
        f = list(base)
        f += [f"w={where}", f"t|w={t}|{where}", f"cls={_code_class(code)}", f"home={code == ctx.home}"]
        if p is not None and where in ("before", "after"):
            mk = roles.marker_of(text, p, sent.start) or ("را" if _RA.match(text, p.end) else "-")
            d = s - p.end if where == "before" else p.start - e
            f += [f"mk={mk}", f"t|mk={t}|{mk}", f"w|mk={where}|{mk}", f"d={_dist(d)}", f"w|d={where}|{_dist(d)}",
                  f"kind={p.kind}", f"first={p.start == first}", f"t|first={t}|{p.start == first}"]
        if p is not None and where in ("before", "after"):
            # the entry's own recipient markers («X به Y سفر کرد»: به) and whether the party is the first of
            # the clause (Persian is SOV)
            f.append(f"entry_mk={mk in trig.recipient}")
        af = f + [f"in_rule={code in rule_a}", f"in_rule_r={code in rule_r}"] if rule else f
        rf = f + [f"in_rule={code in rule_r}", f"in_rule_a={code in rule_a}"] if rule else list(f)
        actor_items.append((code, {x: 1.0 for x in af}))
        rec_items.append((code, {x: 1.0 for x in rf}))
    none = base + ["none", f"t|none={t}", f"rule_none={bool(rule) and not rule_r}", f"parties={min(len(ps), 4)}"]
    rec_items.append((NONE, {x: 1.0 for x in none}))
    return actor_items, rec_items


def trigger_item(
    ctx: Context, sent: Span, trig: Trigger, s: int, e: int, parts: list[Participant], qi: int | None,
) -> dict[str, float]:
    """Features of a trigger the rules left uncoded: is it an event report at all?"""
    text = ctx.doc.text
    t = trig.type
    f = [f"t={t}", f"trig={trig.trigger}", f"verbal={trig.verbal}", f"passive={trig.passive}", f"sym={trig.symmetric}",
         f"quote={qi is not None}", f"t|verbal={t}|{trig.verbal}"]
    before = [w for _, _, w in words_of(text, sent.start, s)]
    after = [w for _, _, w in words_of(text, e, sent.end)]
    for i, w in enumerate(reversed(before[-2:])):
        f.append(f"w-{i + 1}={w}")
    for i, w in enumerate(after[:2]):
        f.append(f"w+{i + 1}={w}")
    f += [f"cue<{w}" for w in set(before) & _CUES] + [f"cue>{w}" for w in set(after[:6]) & _CUES]
    f.append(f"final={len(text[e : sent.end].strip(' .،')) < 3}")
    k = bisect.bisect_right(ctx.sent_starts, sent.start) - 1
    f.append(f"sent={min(k, 3)}")
    nb = sum(1 for p in parts if p.end <= s)
    na = sum(1 for p in parts if p.start >= e)
    f += [f"nb={min(nb, 3)}", f"na={min(na, 3)}"]
    marked = any(roles.marker_of(text, p, sent.start) in trig.recipient for p in parts if p.start >= sent.start)
    f.append(f"marked={marked}")
    f.append(f"type_coded={any(sig[0] == t for sig in ctx.seen)}")
    return {x: 1.0 for x in sorted(f)}  # (sorted: set order changes between runs, the model file must not)


class RoleModel:
    """Two taggers (actor, recipient); ``propose`` gives the event for a trigger the rules left uncoded."""

    def __init__(
        self, trigger_path: Path = TRIGGER_MODEL, actor_path: Path = ACTOR_MODEL, recipient_path: Path = RECIPIENT_MODEL,
        threshold: float = THRESHOLD, role_threshold: float = ROLE_THRESHOLD,
    ) -> None:
        import pycrfsuite

        self.trigger = pycrfsuite.Tagger()
        self.trigger.open(str(trigger_path))
        self.actor = pycrfsuite.Tagger()
        self.actor.open(str(actor_path))
        self.recipient = pycrfsuite.Tagger()
        self.recipient.open(str(recipient_path))
        self.threshold = threshold
        self.role_threshold = role_threshold

    @staticmethod
    def _p(tagger: Any, feats: dict[str, float]) -> float:
        tagger.set([feats])
        return float(tagger.marginal(YES, 0))

    def propose(
        self, ctx: Context, sent: Span, trig: Trigger, s: int, e: int, parts: list[Participant], qi: int | None,
        rule: list[roles.Coded],
    ) -> list[roles.Coded]:
        """The rules' events unchanged when there are any; else at most one proposed by the model."""
        if rule:
            return rule
        if self._p(self.trigger, trigger_item(ctx, sent, trig, s, e, parts, qi)) < self.threshold:
            return rule
        actor_items, rec_items = role_items(ctx, sent, trig, s, e, parts, qi, rule)
        if not actor_items:
            return rule
        # the trigger model decided that there is an event: the best-scored parties fill it
        pa = sorted(((self._p(self.actor, f), c) for c, f in actor_items), reverse=True)
        by_code = {c: p for c, _, p in parties(ctx, sent, s, e, parts, qi) if p is not None}
        if trig.symmetric:
            # talks, agreements, joint work: all parties are actors, and it takes two
            both = [c for p, c in pa[:2] if p >= self.role_threshold]
            if len(both) < 2:
                return rule
            return [roles.Coded(trig.type, trig.mode, None, both, [], [by_code[c] for c in both if c in by_code], [])]
        if pa[0][0] < self.role_threshold:
            return rule
        actor = pa[0][1]
        pr = sorted(((self._p(self.recipient, f), c) for c, f in rec_items if c != actor), reverse=True)
        if not pr or pr[0][0] < self.role_threshold:
            return rule
        recipient = [] if pr[0][1] == NONE else [pr[0][1]]
        need = ctx.lex.plover.get("requires_recipient", {}).get("types", ())
        if trig.type in need and not recipient:
            return rule
        return [
            roles.Coded(
                trig.type, trig.mode, None, [actor], recipient,
                [by_code[actor]] if actor in by_code else [],
                [by_code[recipient[0]]] if recipient and recipient[0] in by_code else [],
            )
        ]
