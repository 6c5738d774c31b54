"""Speaker rules of the -7 review round (issue 4, session 9): each test fails without its rule, and each
has a near miss the rule must leave alone."""

from __future__ import annotations

from helpers import analyze as analyze_text


def speakers(text: str, attr: str = "speaker_name") -> list[str]:
    return [q.attrs[attr] for q in analyze_text(text).spans("quotes")]


# -- the sole-speaker rule and the signs of a new turn ------------------------------------------------------
_LEAD = (
    "خبرگزاری فارس: استاندار کرمانشاه گفت: واگذاری مسکن به فرهنگیان باید با رعایت اولویت انجام شود.\n\n"
    "مجید غفوری امروز در جلسه شورای آموزش و پرورش استان افزود: سازمان آموزش و پرورش باید نظارت کند.\n\n"
)


def test_a_new_title_named_by_the_next_quotation_is_not_the_sole_speakers():
    got = speakers(
        _LEAD + "رئیس سازمان آموزش و پرورش استان کرمانشاه در این جلسه گفت: امسال ۱۵ هزار دانش‌آموز کم شد.\n\n"
        "جلال امینی افزود: همه مدارس با نظم خوبی دایر هستند."
    )
    assert got == ["مجید غفوری", "مجید غفوری", "جلال امینی", "جلال امینی"]


def test_a_second_title_of_the_sole_speaker_is_still_theirs():
    # near miss: no new name follows, so the title is still read as the only speaker's second title
    got = speakers(
        _LEAD + "رئیس شورای مسکن استان کرمانشاه در این جلسه گفت: امسال ۱۵ هزار واحد ساخته شد.\n\n"
        "وی افزود: همه واحدها تا پایان سال تحویل می‌شوند."
    )
    assert got == ["مجید غفوری"] * 4


def test_a_turn_opener_before_a_new_title_is_another_speaker():
    got = speakers(
        _LEAD + "در ادامه نماینده ولی‌فقیه در استان کرمانشاه، اظهار داشت: حضرت فاطمه (س) بهترین الگو است."
    )
    assert got[:2] == ["مجید غفوری", "مجید غفوری"] and got[2] != "مجید غفوری"


def test_the_first_quotation_after_a_headline_paragraph_is_another_story():
    got = speakers(_LEAD + "تیم‌های لیگ فوتبال استان مشخص شدند\n\nدبیر هیئت فوتبال استان کرمانشاه گفت: ۱۲ تیم آمدند.")
    assert got[2] != "مجید غفوری"


def test_a_title_with_one_letter_left_out_is_the_same_office():
    got = speakers(
        "خبرگزاری فارس: محمد شریعتی مدیر انتشارات عرفان گفت: ما هویت خود را کتمان نمی‌کنیم.\n\n"
        "حسن کاظمی نویسنده افغان گفت: کتاب‌ها منتشر می‌شوند.\n\n"
        "مدیر انتشارت عرفان افزود: این کنسرت در دو سانس اجرا خواهد شد."
    )
    assert got[2] == "محمد شریعتی"


# -- an emphatic reflexive after the subject ----------------------------------------------------------------
def test_reflexive_after_a_surname_is_no_part_of_the_name():
    got = speakers(
        "معاون فنی کشتیرانی جمهوری اسلامی ایران در این مراسم گفت: کشتی ایران فارس تحویل شد.\n\n"
        "مقدمی خود تصریح کرد: این کشتی‌ها در تجارت اروپا به کار می‌روند."
    )
    assert [g.replace("\u200c", "") for g in got] == ["معاون فنی کشتیرانی جمهوری اسلامی ایران"] * 2


def test_a_name_ending_in_a_word_like_khod_elsewhere_is_untouched():
    # near miss: «خودرو» is a word of its own, not the reflexive
    got = speakers("مدیرعامل ایران خودرو گفت: تولید افزایش یافت.")
    assert got == ["مدیرعامل ایران خودرو"]


# -- a joint statement of two named people -------------------------------------------------------------------
def test_two_named_people_with_a_plural_cue_verb_are_two_speakers_of_one_quotation():
    doc = analyze_text(
        "«لوریس چکناواریان» رهبر ارکستر گفت: آهنگسازان خوبی داشتیم.\n\n"
        "در پایان این برنامه «فرید عمران» و «امیر صراف» از وضعیت آموزش انتقاد و خاطر نشان کردند: "
        "نبود آموزش و پژوهش مهم‌ترین مسئله است."
    )
    qs = doc.spans("quotes")
    assert [q.attrs["speaker_name"] for q in qs[1:]] == ["فرید عمران", "امیر صراف"]
    assert qs[1].start == qs[2].start and qs[2].attrs["repeat_of"] is None


def test_a_group_and_a_plural_verb_stay_one_speaker():
    # near miss: no names in «و», a group of two phrases is one speaker (the -2 rule)
    got = speakers("منابع پلیس و ساکنان محلی خبر دادند که دو نفر در این حادثه کشته شدند.")
    assert len(got) == 1


# -- «بنابراین گزارش» written solid --------------------------------------------------------------------------
def test_report_connective_written_solid_is_no_subject():
    got = speakers(
        "خبرگزاری فارس: قیمت نفت افزایش یافت.\n\n"
        "بنابراین گزارش، محمد سریر آهنگساز به تعریف سمفونی پرداخت و گفت: شنوندگان هر اثری را سمفونی می‌دانند."
    )
    assert got == ["محمد سریر"]


def test_report_as_a_subject_of_its_own_is_left_alone():
    # near miss: «این گزارش می‌افزاید» (no comma, the report itself) is not read as a connective
    got = speakers("خبرگزاری فارس: قیمت نفت افزایش یافت.\n\nاین گزارش می‌افزاید: برنامه‌ها ادامه دارد.")
    assert len(got) == 1 and got[0] != "گزارش"


# -- a given name alone, then a lone surname ----------------------------------------------------------------
def test_a_lone_surname_after_a_speaker_named_by_a_given_name_alone_is_theirs():
    got = speakers(
        "خبرگزاری فارس: برنامه‌ریز سازمان اوقاف کشور گفت: مراکز فرهنگی در امامزادگان راه‌اندازی می‌شود.\n\n"
        "به گزارش خبرگزاری فارس، محمد در این مراسم اظهار داشت: این مراکز ضروری است.\n\n"
        "روحی ادامه داد: تحقق ارزش‌ها هدف این طرح است."
    )
    assert len(set(got)) == 1


def test_a_lone_surname_after_a_full_name_is_another_person():
    # near miss: the previous speaker has a full name, so «روحی» is someone else
    got = speakers(
        "محمد کاظمی در این مراسم اظهار داشت: این مراکز ضروری است.\n\nروحی ادامه داد: تحقق ارزش‌ها هدف این طرح است."
    )
    assert got[0] != got[1]


# -- a fuller form of a title-only speaker's title ------------------------------------------------------------
def test_a_fuller_form_of_the_title_names_the_speaker():
    got = speakers(
        "خبرگزاری فارس: سفارت ایران در وین اعلام کرد: پروازها از طریق فرانکفورت انجام می‌شود.\n\n"
        "سفارت جمهوری اسلامی ایران در وین اعلام کرد: با توجه به مشکلات ایجاد شده پروازها ادامه دارد."
    )
    assert got == ["سفارت جمهوری اسلامی ایران در وین"] * 2


def test_a_longer_title_ending_otherwise_is_no_fuller_form():
    # near miss: the later title runs on past the first one's last word, so the first stays the name
    got = speakers(
        "خبرگزاری فارس: سفارت ایران در وین اعلام کرد: پروازها از طریق فرانکفورت انجام می‌شود.\n\n"
        "سفارت ایران در وین اتریش اعلام کرد: با توجه به مشکلات ایجاد شده پروازها ادامه دارد."
    )
    assert got == ["سفارت ایران در وین"] * 2


# -- an unnamed speaker's «در X» ends at the cue ---------------------------------------------------------------
def test_an_unnamed_speakers_place_phrase_stops_at_the_cue():
    got = speakers("یک منبع در سازمان ملل گفت: این گزارش هنوز منتشر نشده است.")
    assert got == ["یک منبع در سازمان ملل"]


def test_a_connective_after_an_unnamed_speaker_is_no_place():
    got = speakers("یک استاد دانشگاه در ادامه افزود: این گزارش هنوز منتشر نشده است.")
    assert got == ["یک استاد دانشگاه"]


def test_an_unnamed_speakers_place_phrase_is_kept():
    # near miss: the place phrase before other words is still the speaker's
    got = speakers("یک مقام در دفتر آریل شارون روز شنبه گفت: این طرح اجرا می‌شود.")
    assert got == ["یک مقام در دفتر آریل شارون"]


# -- speech reported inside an «اینکه» clause; a later quotation held by an earlier one ----------------------
_BASIJ = (
    "خبرگزاری فارس: مسئول بسیج جامعه زنان لرستان گفت: هدف بسیج پاسداری از انقلاب است.\n\n"
    "وی با اشاره به اینکه نقش بسیج زنان در حفظ ارزش‌های انقلاب بی‌بدیل است و امام خمینی (ره) نیز بر این "
    "نقش تاکید داشته‌اند، افزود: هدف بسیج در این برهه پاسداری از انقلاب است.\n\n"
)


def test_a_cue_inside_an_inke_clause_is_no_quotation():
    qs = analyze_text(_BASIJ).spans("quotes")
    assert [q.attrs["cue"] for q in qs] == ["گفت", "با اشاره به اینکه", "افزود"]


def test_a_later_quotation_held_by_an_earlier_clause_is_a_repeat():
    doc = analyze_text(_BASIJ + "مسئول بسیج جامعه زنان لرستان گفت: نقش بسیج زنان در حفظ ارزش‌های انقلاب بی‌بدیل است.")
    qs = doc.spans("quotes")
    assert qs[-1].attrs["repeat_of"] == 1


def test_a_later_quotation_going_on_past_an_earlier_one_is_no_repeat():
    # near miss (-7 convention, fars-1-154): it opens with the earlier words and goes on
    doc = analyze_text(
        _BASIJ + "مسئول بسیج جامعه زنان لرستان گفت: نقش بسیج زنان در حفظ ارزش‌های انقلاب بی‌بدیل است و "
        "امام خمینی (ره) نیز بر این نقش تاکید داشته‌اند و ما نیز بر آن تاکید می‌کنیم."
    )
    assert doc.spans("quotes")[-1].attrs["repeat_of"] is None


# -- a document named bare as the subject ----------------------------------------------------------------------
def test_a_bare_document_subject_speaks_for_its_issuer():
    got = speakers(
        "خبرگزاری فارس: حزب مردم‌سالاری اعلام کرد: عده‌ای با روحیات انحصارطلبانه ائتلاف را تخریب می‌کنند.\n\n"
        "بیانیه در ادامه می‌افزاید: مردم هرگز شاهد رد صلاحیت‌های غیرقانونی نباشند."
    )
    assert got[1] == got[0] != "بیانیه"


def test_a_name_that_is_also_a_document_word_is_a_name():
    # near miss: «پیام» is a given name here (a second word that is no document modifier)
    got = speakers(
        "خبرگزاری فارس: حزب مردم‌سالاری اعلام کرد: عده‌ای ائتلاف را تخریب می‌کنند.\n\n"
        "پیام صادقیان مدافع تیم فوتبال گفت: ما برای قهرمانی آماده‌ایم."
    )
    assert got[1] == "پیام صادقیان"


# -- an event's place phrase before the subject, without a comma ----------------------------------------------
def test_subject_after_an_event_place_phrase():
    got = speakers(
        "خبرگزاری فارس: احمد کاظمی در این مراسم گفت: همکاری دو کشور ادامه دارد.\n\n"
        "در همین راستا رضا موسوی گفت: زمینه همکاری فراهم است."
    )
    assert got == ["احمد کاظمی", "رضا موسوی"]


def test_a_turn_opener_and_also_after_a_title_is_another_person():
    got = speakers(
        "خبرگزاری فارس: علی نیکزاد در این جلسه گفت: مسئولین درصدد رفع مشکلات مردم هستند.\n\n"
        "همچنین در این جلسه نماینده مردم بیله‌سوار در مجلس نیز گفت: شهرستان بیله سوار پیشانی نظام است."
    )
    assert got[0] == "علی نیکزاد" and got[1] != "علی نیکزاد"


def test_a_title_after_a_name_without_a_turn_opener_is_still_theirs():
    # near miss: no opener, no «نیز»: the body's new title of the only named speaker
    got = speakers(
        "خبرگزاری فارس: علی نیکزاد در این جلسه گفت: مسئولین درصدد رفع مشکلات مردم هستند.\n\n"
        "نماینده مردم بیله‌سوار در مجلس گفت: شهرستان بیله سوار پیشانی نظام است."
    )
    assert got == ["علی نیکزاد", "علی نیکزاد"]


# -- a document of a named issuer as the subject (-9 review, fars-1-286) -------------------------------------
def test_a_statement_of_a_named_body_speaks_for_the_body():
    text = "خبرگزاری فارس: یک بیانیه ارتش آمریکا امروز از کشته شدن دو تفنگدار در غرب عراق خبر داد."
    assert speakers(text, "speaker_text") == ["ارتش آمریکا"]


def test_a_definite_document_word_before_a_name_is_left():
    # near miss: only «یک + document» is read as a document; a bare «پیام» may be a given name
    text = "پیام صادقیان، مدیر عامل شرکت گفت: این اقدام محکوم است."
    assert speakers(text, "speaker_text") == ["پیام صادقیان"]


# -- «، اما X گفت»: the cue's own clause after a clause conjunction (-9 review, fars-2-268) ----------------------
def test_a_subject_after_a_comma_and_but_is_the_cues():
    got = speakers(
        "تونی ویدمار، مربی آدلاید می‌گوید: او تمرین سبکی داشت.\n\n"
        "آدلاید در ۹ بازی قبلی تنها سه بار دروازه‌اش باز شده است، اما ویدمار می‌گوید: ما روحیه گرفته‌ایم."
    )
    assert got == ["تونی ویدمار", "تونی ویدمار"]


def test_a_modal_after_but_is_no_subject():
    # near miss: «، اما باید اذعان کرد» has no subject of its own; nor has «، اما با لحنی آرام گفت»
    got = speakers("حسن روحانی در جلسه دولت، اما با لحنی آرام گفت: ما آماده‌ایم.")
    assert got == ["حسن روحانی"]


# -- a bold subheading («**…») is a section of the same report, no next item of a round-up (-8 review) -----------
def test_a_bold_subheading_is_no_new_turn():
    got = speakers(
        _LEAD + "**کمبود معلم در مدارس روستایی\n\n"
        "رئیس شورای مسکن استان کرمانشاه اظهار داشت: امسال ۱۵ هزار واحد ساخته شد."
    )
    assert got == ["مجید غفوری"] * 3


def test_a_plain_headline_paragraph_is_still_a_new_turn():
    # near miss: the same paragraph without the bold mark reads as a round-up's next item, as before
    got = speakers(
        _LEAD + "کمبود معلم در مدارس روستایی\n\n"
        "رئیس شورای مسکن استان کرمانشاه اظهار داشت: امسال ۱۵ هزار واحد ساخته شد."
    )
    assert got[:2] == ["مجید غفوری"] * 2 and got[2] != "مجید غفوری"


def _starts(text: str) -> list[str]:
    doc = analyze_text(text)
    return [doc.text[q.start : q.start + 12] for q in doc.spans("quotes")]


def test_with_reference_to_this_matter_that_opens_a_quotation():
    # «با اشاره به این مطلب که …» is an «اینکه» marker like «ضمن اشاره به این مطلب که» (-9 review, fars-3-215)
    got = _starts("علی لاریجانی با اشاره به این مطلب که مذاکره ادامه دارد، گفت: ما آماده‌ایم.")
    assert got == ["مذاکره ادامه", "ما آماده‌ایم"]


def test_with_reference_to_this_matter_without_that_is_no_quotation():
    # near miss: without «که» the phrase names a topic, not a reported clause
    assert _starts("علی لاریجانی با اشاره به این مطلب گفت: ما آماده‌ایم.") == ["ما آماده‌ایم"]
