"""Whether an act happened: negation, condition, plan, obligation (:func:`modality`, :func:`occurred`)."""

from __future__ import annotations

import re

from rasad.document import Span

from .grammar import _CLAUSE_BREAK, _CONDITION

_MODAL = re.compile(
    r"(?<![\w\u200c])(?:باید|نباید|می‌بایست|بایستی|قصد دارد|قصد دارند|تمایل دارد|تمایل دارند|مایل است|مایلند|"
    r"ممکن است|احتمال دارد|احتمالا|می‌تواند|می‌توانند|نمی‌تواند|"
    # «هیچ‌گاه نمی‌توانند آتش‌بس را … بپذیرند»: an inability is no act either
    r"نمی‌توانند|نمی‌توانیم|نمی‌توانم|نتوانستند|نتوانست|"
    # «ضروری است که سازمان ملل … هیئت تحقیق اعزام کنند»: a necessity is an obligation, like «باید»
    r"ضروری است|لازم است|ضرورت دارد|"
    # «آسان نیست که با طرح کامرون موافقت کنند», «بعید نیست …»: a judgement of how likely an act is
    r"آسان نیست|دشوار است|سخت است|بعید است|بعید نیست|امکان‌پذیر نیست)(?![\w\u200c])"
)
_NEG_VERB = re.compile(
    r"(?<![\w\u200c])ن(?:می‌|شده|شد|کرد|کرده|دار|بود|خواه|داد|داده|گرفت|گرفته|رسید|رسیده|یافت)[\w\u200c]*(?![\w\u200c])"
)
# «حمله به ایران را رد نکرد»: a negated rejection keeps the act possible, not denied (it is not coded as asserted
# either way); leave such clauses to the other rules
# «این به معنی همکاری یا هماهنگی ما با ایران نیست»: a negated copula of the noun's own clause (no other verb
# between: «… که پشتیبانی‌کننده دولت سوریه … هستند موضوع جدیدی نیست» negates another clause)
_NEG_COPULA = re.compile(
    r"^(?:(?!(?<![\w\u200c])(?:است|هست|هستند|بود|بودند|شد|شده|کرد|کرده|دارد|دارند)(?![\w\u200c]))[^،,.:؛])*?"
    r"(?<![\w\u200c])نیست(?:ند)?(?![\w\u200c])"
)
_REJECT_WORD = re.compile(r"(?<![\w\u200c])(?:رد|تکذیب|انکار|محدود|تنها|فقط)(?![\w\u200c])")
_SUBJUNCTIVE = re.compile(r"(?<![\w\u200c])(?:کند|کنند|شود|شوند|باشد|باشند|دهد|دهند|نماید|نمایند|بگیرد|بگیرند)$")
_NOT_THIS = re.compile(r"(?:[،,]|(?<![\w\u200c])و)[\s\u200c]*نه[\s\u200c]+(?:(?:در|به|از|برای|با)[\s\u200c]+)?$")
_PREVENTED = re.compile(r"(?<![\w\u200c])(?:جلوگیری|ممانعت)(?:[\s\u200c]+به[\s\u200c]+عمل)?[\s\u200c]+[\w\u200c]+")
_ADJUNCT = re.compile(r"(?<![\w\u200c])(?:در پی|درپی|پس از|بعد از|به دنبال|در جریان|طی|حین|هنگام)[\s\u200c]+$")


def occurred(modality: str | None) -> bool:
    """Whether an event of this modality took place or is fixed to (``asserted``/``planned``; a missing
    modality counts as asserted): denied and hypothetical acts are reported, not counted."""
    return modality not in ("denied", "hypothetical")


def modality_of(text: str, sent: Span, s: int, e: int, negated: bool, verbal: bool | None = None) -> str:
    """``denied``, ``hypothetical`` (a condition open up to the trigger, or a noun act whose consequences the
    clause predicts), ``planned`` or ``asserted``. ``verbal`` (the trigger carries its verb) is None when
    unknown: then the words after the trigger are read as for a noun."""
    if negated:
        return "denied"
    head = text[sent.start : s]
    tail = text[e : min(sent.end, e + 60)]
    conds = list(_CONDITION.finditer(head))
    # the condition clause runs to its comma: «به شرط آنکه …، استقبال کردند» welcomes for real
    if conds and "،" not in head[conds[-1].end() :]:
        return "hypothetical"
    # a bare verb after its future auxiliary: «این قطعنامه را خواهیم پذیرفت»
    if _FUTURE_AUX.search(text, max(sent.start, s - 12), s):
        return "planned"
    if verbal:
        # a verb trigger carries its own tense («دیدار خواهد کرد»); what follows it is the next clause
        # («… کشف و ضبط شده است و این تلاش … ادامه خواهد داشت»)
        return "planned" if _FUTURE.search(text, s, e) else "asserted"
    if verbal is False and _CONDITIONS_FOR.search(text, max(sent.start, s - 60), s):
        # «بر شروط مقاومت برای مذاکره با این رژیم تاکید کرد»: the conditions set for an act are not the act
        return "hypothetical"
    if verbal is False:
        stop = _CLAUSE_BREAK.search(text, e, sent.end)
        if _PREDICTED.search(text, e, min(stop.start() if stop else sent.end, e + 90)):
            return "hypothetical"
    if _FUTURE.search(text[s:e] + tail):
        return "planned"
    return "asserted"


_FUTURE = re.compile(r"(?<![\w\u200c])(?:خواهد|خواهند|قرار است|قرار شد|برنامه‌ای)(?![\w\u200c])")
_CONDITIONS_FOR = re.compile(
    r"(?<![\w\u200c])(?:شرط|شروط|شرایط|پیش[\s\u200c]?شرط|پیش[\s\u200c]?شرط‌های|شرط‌های)[\s\u200c]+"
    r"(?:[\w\u200c]+[\s\u200c]+){0,3}?(?:برای|جهت)[\s\u200c]+$"
)
# «حمله نظامی به ایران نتایج بدی خواهد داشت», «ایران از تحریم‌ها … کمتر متضرر خواهد شد»: a noun act whose
# consequences the clause predicts is a supposition, not a reported or scheduled act («… ادامه خواهد داشت»
# continues one, so it is not listed)
_PREDICTED = re.compile(
    r"(?<![\w\u200c])(?<!ادامه )(?:خواهد|خواهند)[\s\u200c]+داشت(?![\w\u200c])"
    r"|(?<![\w\u200c])(?:متضرر|منجر|منتهی|آسیب)[\s\u200c]+(?:[\w\u200c]+[\s\u200c]+)?(?:خواهد|خواهند)[\s\u200c]+شد"
    r"|(?<![\w\u200c])خواهد[\s\u200c]+انجامید"
)


_OWN_NEG = re.compile(r"(?<![\w\u200c])ن(?:می|کرد|شد|داد|پذیرفت|خواهد)")
# the future auxiliary right before a bare verb trigger («نخواهیم پذیرفت»: the scan finds «پذیرفت» alone)
_FUTURE_AUX = re.compile(r"(?<![\w\u200c])(ن?)خواه(?:م|ی|د|یم|ید|ند)[\s\u200c]+$")


def negated(text: str, sent: Span, s: int, e: int, verbal: bool, form: str = "") -> bool:
    """Whether the trigger's own verb is negated, or for a noun the verb of its clause («هیچ‌گاه از حمایت
    واشنگتن بهره‌مند نشده‌اند»). A lexicon form that is itself negative (REJECT «نپذیرفت») is the act, not
    its denial."""
    neg = bool(_OWN_NEG.search(text[s:e])) and not _OWN_NEG.search(form)
    if verbal and not neg and not _OWN_NEG.search(form):
        aux = _FUTURE_AUX.search(text, max(sent.start, s - 12), s)
        neg = aux is not None and aux.group(1) == "ن"
    if not verbal and not neg:
        # «هیچ‌گاه از حمایت واشنگتن بهره‌مند نشده‌اند», «هیچ‌گونه توافق … را اعلام نکرده»: the clause's
        # negated verb denies the noun's act
        stop = _CLAUSE_BREAK.search(text, e, sent.end)
        tail = text[e : min(stop.start() if stop else sent.end, e + 90)]
        neg = bool(re.search(r"(?<![\w\u200c])(?:هیچ|هیچ‌گونه|هیچگونه)[\s\u200c]+$", text[max(sent.start, s - 12) : s])) or (
            # «… رأی داده، و نه در حمایت از نیروهای مخالف»: the act contrasted away did not happen
            bool(_NOT_THIS.search(text, max(sent.start, s - 16), s))
        ) or (
            # «فرانسه از اعزام نیروهای ناتو به عراق جلوگیری کرده است», «مانع سفر او شد»: a prevented act
            bool(re.search(r"(?<![\w\u200c])از[\s\u200c]+$", text[max(sent.start, s - 6) : s]))
            and bool(_PREVENTED.search(tail))
            or bool(re.search(r"(?<![\w\u200c])مانع(?:[\s\u200c]+از)?[\s\u200c]+$", text[max(sent.start, s - 12) : s]))
        ) or (
            bool(_NEG_VERB.search(tail) or _NEG_COPULA.match(tail)) and not _REJECT_WORD.search(tail)
            # «در پی گفت‌وگوی تلفنی با خرازی … اشاره نکرد»: an adjunct's noun is not its clause's object
            and not _ADJUNCT.search(text, max(sent.start, s - 14), s)
        )
    return neg


def under_modal(text: str, sent: Span, s: int, e: int, verbal: bool) -> bool:
    """«این اتحادیه باید با … موافقت کند», «ایران تمایل دارد مذاکراتی … داشته باشد»: an obligation or an
    intention governs the trigger (tests/gold/README.md: intentions without an act are not coded)."""
    # «این اتحادیه باید با آغاز مذاکرات … که … ، موافقت کند»: a subjunctive verb hangs on its modal across
    # a relative clause
    subj = verbal and bool(_SUBJUNCTIVE.search(text, s, e))
    modal = _MODAL.search(text, max(sent.start, s - (160 if subj else 80)), s)
    return modal is not None and (subj or not _CLAUSE_BREAK.search(text, modal.end(), s))


_MUST = frozenset(("باید", "می‌بایست", "بایستی", "ضروری است", "لازم است", "ضرورت دارد"))


def demanded(text: str, sent: Span, s: int, e: int, verbal: bool) -> bool:
    """The modal governing the trigger is an obligation «باید» (not an intention or a possibility): in a
    quotation, «عربستان باید حملات را متوقف کند» is the speaker's demand of Saudi Arabia."""
    subj = verbal and bool(_SUBJUNCTIVE.search(text, s, e))
    modal = _MODAL.search(text, max(sent.start, s - (160 if subj else 80)), s)
    return modal is not None and modal.group() in _MUST and (subj or not _CLAUSE_BREAK.search(text, modal.end(), s))
