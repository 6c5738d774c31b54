"""What is not an act: triggers that name, refer, plan, claim or are the content of another act
(:func:`keep_triggers`, :func:`drop_contents`), and coded events that are no act (warnings about a danger,
a cooperation an agreement opens, one party approving alone)."""

from __future__ import annotations

import re

from rasad.document import Span

from .actors import Participant
from .context import Context
from .grammar import _CLAUSE_BREAK
from .lexicon import EventLexicon, Trigger

_CLAIM = re.compile(
    r"(?<![\w\u200c])(?:مدعی[\s\u200c]+(?:شد|شدند|شده|است|هستند|بود|بودند|شده است|شده بود)|"
    r"ادعا[\s\u200c]+(?:کرد|کردند|کرده|می‌کند|می‌کنند|کرده است))(?![\w\u200c])"
)
_GOAL = re.compile(
    r"(?<![\w\u200c])(?:تقویت|توسعه|گسترش|افزایش|تعمیق|ارتقای|ارتقاء|ارتقا|ضرورت|لزوم|اهمیت|تمایل به|آمادگی برای|"
    r"آمادگی|خواهان|طرفدار|طرفداران|نگرش|رویکرد|شایعه|شایعات|طرح|احتمال|امکان|خطر|سناریوی|گزینه|نقشه|تهدید به|ترس از|نگرانی از|"
    r"پیگیری موضوع|موضوع|مسئله|مساله|لغو|رفع|توقف|به عنوان|به‌عنوان|"
    # «در سالگرد حمله عراق به کویت»: a commemoration names a past act, it reports none
    r"سالگرد|سالروز|یادبود)"
    # «از احتمال وقوع حملات گسترده‌تر ابراز نگرانی کردند»: the prospect of an act happening
    r"(?:[\s\u200c]+(?:وقوع|بروز))?[\s\u200c]+$"
)
# An end or a purpose is not an act («با پایان تحریم تسلیحاتی», «تصمیم انگلیس برای انجام حملات هوایی»,
# «اقدام آمریکا برای تحریم شعبه …») — except a meeting, which a trip for it makes («جهت دیدار با مقامات
# آمریکایی راهی این کشور می‌شود», «در پایان سفر دو روزه»: gold codes planned and finished visits).
_PURPOSE = re.compile(
    r"(?<![\w\u200c])(?:پایان|انقضای|خاتمه|(?:برای|به منظور|به‌منظور|جهت)"
    # «برای بازگرداندن تحریم‌ها», «برای اعمال تحریم»: an infinitive or an action noun may come between
    r"(?:[\s\u200c]+(?:[\w\u200c]+(?:دن|تن)|انجام|اجرای|اعمال|وضع|ایجاد))?)[\s\u200c]+$"
)
# «سوریه را متهم به ارسال تسلیحات … کرد», «به اتهام حمله به …», «به جرم جاسوسی»: the act a party is charged
# with is alleged, not reported (the charge itself is the event)
_ALLEGED = re.compile(
    r"(?<![\w\u200c])(?:(?:متهم|متهمان|متهمین|اتهام|اتهامات)[\s\u200c]+به|به[\s\u200c]+(?:اتهام|جرم)|اتهام)[\s\u200c]+"
    r"(?:(?:دست[\s\u200c]+داشتن|مشارکت|همکاری|نقش|دخالت)[\s\u200c]+(?:در|با)[\s\u200c]+|(?:ارسال|انجام|اجرای|طراحی)[\s\u200c]+)?$"
)
# «شروط مقاومت برای مذاکره با این رژیم», «پیش‌شرط‌های ایران برای گفت‌وگو»: the terms of an act are no act, a
# meeting included (a trip for a meeting is one, a condition for it is not)
_TERMS_FOR = re.compile(
    r"(?<![\w\u200c])(?:شروط|شرط|شرایط|پیش[\s\u200c]?شرط|پیش[\s\u200c]?شرط‌?ها|پیش[\s\u200c]?شرط‌?های)"
    r"(?:[\s\u200c]+(?!برای)[\w\u200c]+){0,2}[\s\u200c]+(?:برای|جهت)[\s\u200c]+(?:[\w\u200c]+[\s\u200c]+)?$"
)
# «X را (با Y) تحکیم می‌بخشد/گسترش می‌دهد»: the noun is what is to grow, not an act (as «تقویت X» before it)
_GOAL_AFTER = re.compile(
    r"[^.:؛«»،]{0,60}?(?<![\w\u200c])را[\s\u200c]+(?:[\w\u200c]+[\s\u200c]+){0,3}?"
    r"(?:تحکیم|تقویت|گسترش|توسعه|تعمیق|ارتقا|ارتقاء)(?![\w\u200c])"
)
# «حمله احتمالی آمریکا», «مذاکره احتمالی اوباما»: a possible act has not happened (an imminent or a coming one
# — «قریب‌الوقوع», «آینده» — is planned, which the gold codes)
_PROSPECT_AFTER = re.compile(r"[\s\u200c]*احتمالی(?![\w\u200c])")
# «ملا برادر بعد از آزادی خود می‌تواند در پاکستان بماند»: after an act, what one may or will do — the act is
# still to come (the clause's verb is a modal or a future)
_AFTER_MODAL = re.compile(r"(?<![\w\u200c])(?:بعد از|پس از)[\s\u200c]+$")
_MODAL_VERB = re.compile(r"[^.:؛«»،]{0,80}?(?<![\w\u200c])(?:می‌تواند|می‌توانند|می‌توانیم|خواهد|خواهند|خواهیم|باید)(?![\w\u200c])")
# «در ازای برخی امتیازها و کمک‌ها»: what is offered in exchange has not been given
_OFFERED = re.compile(r"(?<![\w\u200c])(?:در ازای|به ازای|در عوض)(?![\w\u200c])[^،,.:؛«»]{0,40}$")
_OUTLET_WORD = re.compile(r"(?<![\w\u200c])(?:روزنامه|نشریه|هفته‌نامه|خبرگزاری|شبکه|پایگاه|سایت|رسانه|رسانه‌های|گزارش)(?![\w\u200c])")
_DEMONSTRATIVE = re.compile(r"(?<![\w\u200c])(?:این|آن|همین|همان)[\s\u200c]+$")
# (commas allowed: the danger warned about is often a list)
_WARNED_ABOUT = re.compile(r"(?<![\w\u200c])نسبت[\s\u200c]+به(?![\w\u200c])[^.:؛«»]*$")


def keep_triggers(ctx: Context, sent: Span, found: list[tuple[int, int, int]], parts: list[Participant]) -> list[tuple[int, int, int]]:
    """The triggers of a sentence that may code an act: not part of a name, an adverbial, a claim's content,
    a goal or prospect, an outlet's own request, an entry into a state of affairs, the content of another
    act, a demonstrative back-reference or an attack's death toll."""
    lex = ctx.lex
    kept = []
    for s, e, ti in found:
        trig = lex.triggers[ti]
        if any(p.start <= s < p.end and p.kind != "organ" for p in parts):
            continue  # the trigger word is part of a name («حزب اسلامی»), not a common noun («سفیر خود را …»)
        if trig.not_after and re.search(trig.not_after, ctx.doc.text[max(sent.start, s - 12) : s]):
            continue  # «با کمک روسیه»: an adverbial (with the help of), not an act of aid
        if trig.needs_after and not trig.needs_after.match(ctx.doc.text[e : sent.end]):
            continue  # «تهدید امنیتی»: the noun without «X به <act>» after it is a danger, not a threat
        claim = next(reversed(list(_CLAIM.finditer(ctx.doc.text, sent.start, s))), None)
        if (
            claim is not None and trig.type != "ACCUSE"
            and not _OUTLET_WORD.search(ctx.doc.text, max(sent.start, claim.start() - 45), claim.start())
        ):
            # «بوش … مدعی شد: «ایران سلاح به عراق می‌فرستد»», «… مدعی هستند بستگان آنها در حملاتی … کشته
            # شده‌اند»: an act a party alleges is its accusation (coded as ACCUSE), not a reported fact; an
            # outlet's claim («ایلاف مدعی شد الجزایر … میانجیگری می‌کند») reports one
            continue
        if not trig.verbal and (
            _GOAL.search(ctx.doc.text, max(sent.start, s - 14), s)
            or (trig.type != "CONSULT" and _PURPOSE.search(ctx.doc.text, max(sent.start, s - 32), s))
            or _TERMS_FOR.search(ctx.doc.text, max(sent.start, s - 60), s)
        ):
            continue  # «تقویت همکاری …», «ضرورت گفت‌وگو», «شایعه دیدار», «طرح حمله»: a goal or a prospect, no act
        if not trig.verbal and _GOAL_AFTER.match(ctx.doc.text, e, sent.end):
            continue  # «کمک‌های اقتصادی خود را با لیبی تحکیم می‌بخشد»: the object of a strengthening verb, a goal too
        if not trig.verbal and (
            _PROSPECT_AFTER.match(ctx.doc.text, e)
            or (_AFTER_MODAL.search(ctx.doc.text, max(sent.start, s - 10), s) and _MODAL_VERB.match(ctx.doc.text, e, sent.end))
        ):
            continue  # «حمله احتمالی», «بعد از آزادی خود می‌تواند …»: a prospect, no act
        if not trig.verbal and _ALLEGED.search(ctx.doc.text, max(sent.start, s - 40), s):
            continue  # «متهم به ارسال تسلیحات»: what a party is charged with, not a reported act
        if not trig.verbal and _OFFERED.search(ctx.doc.text, max(sent.start, s - 50), s):
            continue  # «در ازای برخی امتیازها و کمک‌ها»: offered in exchange, not given
        if not trig.verbal and ctx.src_names and ctx.doc.text[e : e + 40].lstrip(" \u200c«\"").startswith(ctx.src_names):
            continue  # «درخواست نیوزویک برای اظهارنظر»: an outlet's own request (for comment) is no event
        if trig.type == "ASSAULT" and not trig.verbal and lex.verbal_attack.match(ctx.doc.text, e):
            continue  # «حمله تبلیغاتی … علیه», «درگیری لفظی», «حمله مسئولان عراقی علیه سوریه»: words, not force
        if trig.slot_place and not any(
            s < p.start and p.end < e and p.kind in ("place", "capital", "state") for p in parts
        ):
            continue  # «وارد جنگ شده», «وارد عمل شوند»: entering a state of affairs, not a country
        kept.append((s, e, ti))
    kept = drop_contents(lex, ctx.doc.text, kept)
    # «در این دیدار …», «پس از این حمله»: a demonstrative noun refers back to an event of its type the
    # document has already coded; coding it again only guesses its participants from another clause
    coded = {sig[0] for sig in ctx.seen}
    kept = [
        (s, e, ti) for s, e, ti in kept
        if lex.triggers[ti].verbal
        or lex.triggers[ti].type not in coded
        or not _DEMONSTRATIVE.search(ctx.doc.text, max(sent.start, s - 12), s)
    ]
    # «بمب‌گذاری … که به کشته شدن ده‌ها نفر منجر شد»: a death toll after an attack word is its outcome
    return [
        (s, e, ti) for s, e, ti in kept
        if not lex.triggers[ti].toll
        or not any(b <= s and lex.triggers[tj].type == "ASSAULT" for _a, b, tj in kept)
    ]


def drop_contents(lex: EventLexicon, text: str, found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Drop triggers that are the content of a request or a rejection in the same clause: «خواستار
    بازگشت … به میز مذاکره شد», «از دولت خواستند فلسطین را به رسمیت بشناسد», «تشدید تحریم‌ها علیه
    ایران را رد کرد» (what is asked for or rejected has not happened)."""
    types = lex.plover.get("content_heads", {})
    after_heads = set(types.get("before_content", ()))  # the head precedes its content
    before_heads = set(types.get("after_content", ()))  # «… را رد کرد»: the head follows it
    out = []
    for s, e, ti in found:
        inner = False
        for s2, e2, tj in found:
            if (s2, e2) == (s, e):
                continue
            if e2 <= s and not text[e2:s].strip(" \u200c") and not lex.triggers[ti].verbal:
                inner = True  # «توافقنامه همکاری نظامی»: a noun right after a trigger is its complement
                break
            t2 = lex.triggers[tj].type
            if (
                lex.triggers[ti].not_as_object and not lex.triggers[ti].verbal
                and lex.triggers[tj].verbal and e <= s2
                and re.fullmatch(r"[\w\s\u200c]{0,40}?\sرا\s[\w\s\u200c]{0,60}", text[e:s2])
            ):
                inner = True  # «تجهیزات نظامی این کشور را … مورد حمله قرار داده»: a thing acted upon, not aid
                break
            if (
                t2 in after_heads and e2 <= s and not _CLAUSE_BREAK.search(text, e2, s)
                # «درخواست آمریکا برای … را رد می‌کند»: a request noun before a rejection is what is rejected,
                # not a request whose content is the rejection
                and not (lex.triggers[ti].type in before_heads and not lex.triggers[tj].verbal)
            ):
                inner = True
            elif t2 in before_heads and e <= s2 and not _CLAUSE_BREAK.search(text, e, s2):
                inner = not lex.triggers[ti].verbal
            elif (
                t2 in after_heads and e <= s2 and not lex.triggers[ti].verbal
                and re.fullmatch(r"[\w\s\u200c]{0,40}?\sرا\s*", text[e:s2])
            ):
                inner = True  # «آزادی آنان را خواستار شد»: what is asked for has not happened
            if inner:
                break
        if not inner:
            out.append((s, e, ti))
    return out


def warns_no_one(ctx: Context, sent: Span, trig: Trigger, s: int, etype: str, recipients: list[Participant]) -> bool:
    """A name («ائتلاف به رهبری آمریکا») or a warning about a danger («نسبت به قدرت گرفتن داعش … هشدار داد»)
    is no act."""
    if trig.name_only:
        return True
    about = _WARNED_ABOUT.search(ctx.doc.text, max(sent.start, s - 300), s) if etype == "THREATEN" else None
    return bool(about and all(p.start > about.start() for p in recipients))


def call_to_attack(lex: EventLexicon, text: str, e: int, etype: str, mode: str | None) -> tuple[str, str | None]:
    """«خواستار حمله به تاسیسات هسته‌ای ایران شد»: calling for an attack on a party asks no one and threatens
    the party attacked (its «به» made it the request's recipient)."""
    if etype == "REQUEST" and lex.attack_call.match(text, e):
        return "THREATEN", None
    return etype, mode


def adds_no_act(
    ctx: Context, trig: Trigger, s: int, etype: str, a_codes: list[str], r_codes: list[str]
) -> bool:
    """A cooperation that the same parties' agreement opens, or one party agreeing with no one."""
    if etype == "COOPERATE" and not trig.verbal and ("AGREE", frozenset(a_codes), frozenset()) in ctx.seen and any(
        b <= s and ctx.lex.triggers[ti].type == "AGREE" for _a, b, ti in ctx.trig_kept
    ):
        # «توافقنامه … به امضا رسید که … آغازگر مرحله جدید همکاری نظامی … است»: the cooperation the
        # same parties' agreement (named before in this sentence) opens is its content, not a second act
        return True
    # «هیئت‌وزیران با اختصاص … موافقت کرد», «اتهاماتش را پذیرفت»: one party approving a plan or admitting a
    # charge agrees with no one (on the 1,200 articles such AGREEs were mostly domestic approvals); an
    # agreement needs the other party («با X موافقت کرد»)
    return etype == "AGREE" and not trig.symmetric and not r_codes and len(a_codes) < 2
