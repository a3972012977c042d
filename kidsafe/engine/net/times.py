"""Clock times and weekdays found in a caption, each with the vaguer words a copy says instead: "at 9am" -> "in the
morning", "Saturday football" -> "weekend football"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.lang.en.stop_words import STOP_WORDS

from kidsafe.engine import lexicon as lx
from kidsafe.engine.net.shapes import HASHTAG_RE
from kidsafe.engine.routines import activity_in, bare_hours, parse_time
from kidsafe.engine.text import NUMBER_WORDS, day_part, fold

TIME_RE = re.compile(
    r"(?<![\w£$€.:])(?:(?:at|by|from|around|about|until|till)\s+)?"
    r"(?:(?:half|quarter)\s+(?:past\s+|to\s+)?\d{1,2}(?!\w)"
    r"|\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)(?!(?!ish)[a-z])"
    r"|\d{1,2}[:.]\d{2}(?![\d.:]))", re.IGNORECASE)
"""A clock time ("9am", "half 4", "10.30", "at 5:15pm"), with the preposition before it; not a word that opens
with one ("2amar", Arabic written in Latin letters)."""

SAID = {"morning": "in the morning", "afternoon": "in the afternoon", "evening": "in the evening", "night": "at night"}
"""How a caption says each part of the day (``text.DAY_PARTS`` says where each begins)."""

SHORT_FORMS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_RE = re.compile(
    r"(?<!\w)(?:(on|every|each|most|last|next|this)\s+)?("
    + "|".join(sorted((w for w in lx.WEEKDAY_FORMS if len(w) > 3 or w in SHORT_FORMS), key=len, reverse=True))
    + r")(?!\w)", re.IGNORECASE)
"""A weekday name or abbreviation, with a word before it that changes how it is said."""

WEEKEND = frozenset({5, 6})


def part_of_day(clock: str) -> str:
    """'09:00' -> 'in the morning'."""
    return SAID[day_part(int(clock[:2]))]


RANGE_END_RE = re.compile(r"\s*(?:-|–|—|to|till|until|til)\s*(\d{1,2}(?:[:.]\d{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?)"
                          r"(?![\w:£$€%]|\.\d)", re.IGNORECASE)
"""The end of a range after a clock time ("9am-3pm", "4:30 to 6"): the range is said once, not as two times."""
RANGE_START_RE = re.compile(r"(?<![\w£$€.:])((?:(?:at|by|from|around|about)\s+)?\d{1,2}(?:[:.]\d{2})?)"
                            r"\s*(?:-|–|—|to|till|until|til)\s*$", re.IGNORECASE)
"""A bare hour before a range's clock time ("9-3pm", "at 6-7pm"), with the preposition before it."""
_ADJECTIVE_BEFORE = re.compile(r"(?i)\b(?:the|a|an|my|our|his|her|their|your|this|that|every)\s+$")
_DURING = "during the day"


_HOUR_WORDS = {word: n for word, n in NUMBER_WORDS.items() if n <= 12}
_HOUR_WORD = r"(" + "|".join(sorted(_HOUR_WORDS, key=len, reverse=True)) + r")"
WORDED_TIME_RE = re.compile(r"(?i)\b(?:(?:at|by|from|around|about|until|till)\s+)?(?:(half|quarter)\s+(past\s+|to\s+)?"
                            + _HOUR_WORD + r"|" + _HOUR_WORD + r"\s+o['’]clock)(?![\w'’-])")
"""A clock time said in words ("half four", "quarter past six", "ten o'clock"), with the preposition before it."""
WORDED_HOUR_RE = re.compile(r"(?i)\b(?:at|from|by|around|about)\s+" + _HOUR_WORD
                            + r"(?=\s*(?:[.!?,;:)\n]|$|o['’]?clock\b|sharp\b|ish\b|then\b|every\b|each\b|on\b|till\b"
                            r"|until\b|for\b))")
"""An hour said in words after "at" that ends its phrase ("weekends at ten, then chips"; not "at two tables", "at
one with nature"): a time only where a habit is said. Whether "eight" is morning or evening the words rarely say,
so it goes with nothing said instead."""


def worded_times(text: str, *, bare: bool) -> Iterator[tuple[int, int, str, bool]]:
    """(start, end, clock, a time wherever it stands) of each clock time said in words: "half four" is one anywhere,
    as "half 4" is; "ten o'clock" and the bare "at ten" (no clock: the hour goes, no part of the day is guessed)
    only when ``bare``, where a habit is said, as "10 o'clock" and "at 10" are."""
    for m in WORDED_TIME_RE.finditer(text):
        if m[1]:
            if clock := parse_time(f"{m[1]} {m[2] or ''}{_HOUR_WORDS[m[3].lower()]}".lower()):
                yield m.start(), m.end(), clock, True
        elif bare and (clock := parse_time(f"{_HOUR_WORDS[m[4].lower()]} o'clock")):
            yield m.start(), m.end(), clock, False
    for m in WORDED_HOUR_RE.finditer(text) if bare else ():
        yield m.start(), m.end(), "", False


def times(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, vague words) for every clock time in the text; a range of two times is one span."""
    used_to = 0
    for m in TIME_RE.finditer(text):
        if m.start() < used_to:
            continue  # the end of a range already said
        clock = parse_time(m[0].lower())
        if clock is None:
            continue
        start, end, first, last = m.start(), m.end(), clock, clock
        before = RANGE_START_RE.search(text, max(0, start - 20), start)
        if before:  # "9-3pm": the range begins at the bare hour
            start = before.start(1)
            first = _bare_clock(re.sub(r"^\D+", "", before[1]), clock) or clock
        after = RANGE_END_RE.match(text, end)
        if after:
            end = used_to = after.end()
            last = parse_time(after[1].lower()) or parse_time("at " + after[1].lower()) or clock
            if last < first and int(first[:2]) >= 12 and "pm" not in m[0].lower():
                first = _twelve_hours_earlier(first)  # "7:45-4": a range ending earlier began in the morning
        part = day_part(int(first[:2]))
        if before or after:
            if part == "morning" and day_part(int(last[:2])) != part:
                yield start, end, _DURING  # a school day's "9am-3pm"; "4:30 to 6" stays "in the afternoon"
                continue
        # a time said as a noun's adjective ("the 5am alarm") is the bare part: "the morning alarm"
        adjective = _ADJECTIVE_BEFORE.search(text, max(0, start - 8), start) and not text[start].isalpha()
        single = not (before or after)
        yield start, end, part if adjective or single and _before_a_noun(text, start, end) else SAID[part]


_NOUN_AFTER = re.compile(r"[ \t]+([a-z]+)\b")
_PREPOSITION_BEFORE = re.compile(r"(?i)\b(?:at|from|by|till|until|around|about|before|after|for|since)\s+$")


def _before_a_noun(text: str, start: int, end: int) -> bool:
    """A bare time before a noun it describes, no preposition before it ("Saturday 9am football"): "morning
    football", not "in the morning football"."""
    after = _NOUN_AFTER.match(text, end)
    return (bool(after) and text[start].isdigit() and after[1] not in STOP_WORDS | _WHEN_WORDS
            and not after[1].endswith(("ed", "ing")) and after[1] not in lx.WEEKDAY_FORMS
            and not _PREPOSITION_BEFORE.search(text, max(0, start - 8), start))


_WHEN_WORDS = frozenset({"tonight", "today", "tomorrow", "yesterday", "again", "sharp", "onwards", "ish", "till",
                         "til", "until"})
"""Words after a time that say when, not what ("7pm sharp", "2pm till late"): the time stays "in the evening"."""


def _bare_clock(hour: str, end: str) -> str | None:
    """A range's bare first hour as a clock time, read before the range's end ("9" before "3pm" is 09:00)."""
    clock = parse_time("at " + hour)
    if clock is not None and clock > end and int(clock[:2]) >= 12:
        clock = _twelve_hours_earlier(clock)
    return clock


def _twelve_hours_earlier(clock: str) -> str:
    """'19:45' -> '07:45': the morning hour the engine's afternoon guess stood for."""
    return f"{int(clock[:2]) - 12:02d}{clock[2:]}"


def weekdays(text: str, *, abbreviations: bool = False) -> Iterator[tuple[int, int, str]]:
    """(start, end, vague words) for every weekday name ("Saturday" -> "weekend", "Weds" -> "weekday").

    Short forms ("Sat", "sun") count only when ``abbreviations`` is on or they are capitalised, or when they are
    listed with another weekday ("mon tues weds mornings"); never after an article ("under the sun"). In lower
    case, those that are English words too ("sat", "sun") need a word of days beside them ("on sat", "sun 9am").
    """
    found: list[tuple[int, int, str, bool]] = []  # (start, end, said, sure)
    for m in WEEKDAY_RE.finditer(text):
        word = m[2]
        low = word.lower()
        short = len(low) <= 4 and low not in ("tues", "weds")
        if short and _ARTICLE_BEFORE.search(text, max(0, m.start() - 6), m.start()):
            continue  # "under the sun": the word, not the day
        day = lx.WEEKDAY_FORMS[low]
        plural = low.endswith("days")
        noun = ("weekend" if day in WEEKEND else "weekday") + ("s" if plural else "")
        before = (m[1] or "").lower()
        if before == "on" and _PART_AFTER.match(text, m.end()):  # "on Saturday mornings" -> "on weekend mornings"
            said = "on " + noun.rstrip("s")
        elif before == "on":
            said = ("at the " + noun) if day in WEEKEND and not plural else ("on " + noun if plural else "on a " + noun)
        elif before:
            said = f"{m[1]} {noun}"
        else:
            said = noun
        sure = not short or (abbreviations or word[0].isupper()) and (
            low not in ENGLISH_SHORT_FORMS or word[0].isupper() or before or _DAY_WORD_AFTER.match(text, m.end()))
        found.append((m.start(), m.end(), said, bool(sure)))
    for i, (start, end, said, sure) in enumerate(found):
        if sure or any(_listed_together(text, *sorted([(start, end), other[:2]]))
                       for other in found[max(0, i - 1):i + 2] if other[0] != start):
            yield start, end, said


_ARTICLE_BEFORE = re.compile(r"(?i)\b(?:the|a)\s+$")
ENGLISH_SHORT_FORMS = frozenset({"sat", "sun", "wed"})
"""Short forms that are English words too ("sat on the sofa"): in lower case a day only where a day is said."""
_DAY_WORD_AFTER = re.compile(r"\s*(?:mornings?|afternoons?|evenings?|nights?|arvos?|am\b|pm\b|\d)", re.IGNORECASE)


def _listed_together(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether two weekday words stand one after the other in a list ("mon tues", "sat/sun")."""
    return bool(_LIST_JOIN.fullmatch(text, first[1], second[0]))


def time_spans(caption: str, *, routine: bool = False) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, kind, vague words) of each clock time, and of each weekday in a post about an activity or that
    says a weekday as a habit ("every Tuesday"; then, as with ``routine``, where the dossier already read one in
    this post, abbreviations too)."""
    no_tags = HASHTAG_RE.sub(" ", caption)
    habit = said_as_a_habit(no_tags)
    clocks = list(times(caption))
    bare = []
    habitual = bool(routine or habit or _DAILY_RE.search(no_tags))
    if habitual:  # "every weekday at 4": a habit's hour
        bare = [(start, end, clock) for start, end, clock in bare_hours(caption) if _a_habits_sentence(caption, start)]
    # a bare range holding a clock time ("at 5 till 7pm") is said once, as the bare range
    clocks = [c for c in clocks if not any(b[0] < c[1] and c[0] < b[1] and b[0] <= c[0] and b[1] >= c[1] for b in bare)]
    for start, end, said in clocks:
        yield _without_the_time(caption, start, end, said)
    for start, end, clock, anywhere in worded_times(caption, bare=habitual):
        if not any(a < end and start < b for a, b, *_ in [*clocks, *bare]) and (
                anywhere or _a_habits_sentence(caption, start)):
            bare.append((start, end, clock))
    for start, end, clock in bare:
        if any(a < end and start < b for a, b, _ in clocks):
            continue
        if not clock:
            yield start, end, "time", ""
            continue
        # "the 6 o'clock bus": the bare part ("the evening bus"), as `times` says a time before its noun
        article = caption[start].isdigit() and _ADJECTIVE_BEFORE.search(caption, max(0, start - 8), start)
        yield _without_the_time(caption, start, end, day_part(int(clock[:2])) if article else part_of_day(clock))
    if routine or habit or activity_in(re.sub(r"#\w+", " ", fold(no_tags)), no_tags):
        for start, end, said in _days_listed_once(caption, list(weekdays(caption, abbreviations=routine or habit))):
            yield start, end, "weekday", said


_PART_WORDS = r"(?:mornings?|afternoons?|evenings?|nights?|tonight|arvos?)"
_PART_BEFORE = re.compile(r"(?i)\b" + _PART_WORDS + r"(?:[ \t]+[\w'’]+){0,3}[ \t]*$")
_PART_AFTER_TIME = re.compile(r"(?i)(?:[ \t]+[\w'’]+){0,2}?[ \t]+" + _PART_WORDS + r"\b")


_ASIDE_BEFORE = re.compile(r",[ \t]*$")


def _without_the_time(text: str, start: int, end: int, said: str) -> tuple[int, int, str, str]:
    """The span of a time and the words said instead, none where the part of the day is said a few words away in
    the same clause ("Each evening at 7", "at 6 in the evening", "Saturday mornings at 9", "Each evening, at 7,"):
    "Each evening in the evening" reads as no English, and the part of the day is already all the copy says."""
    aside = _ASIDE_BEFORE.search(text, max(0, start - 4), start) if text[end:end + 1] == "," else None
    before = aside.start() if aside else start
    if _PART_BEFORE.search(text, max(0, before - 40), before) or _PART_AFTER_TIME.match(text, end):
        return before, end, "time", ""
    return start, end, "time", said


_HABIT_RE = re.compile(r"(?i:\b(?:every|each)\s+(?:other\s+|single\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day"
                       r"|mon|tue|tues|weds|thu|thur|thurs|fri)\b)|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days\b")
"""A weekday said as a habit: "every Tuesday", "every other Thurs", "Tuesdays with Tyler"; not "every month" or
"every wedding" (a short form that is an English word, "sat", "sun", "wed", needs its full name), and a plural only
capitalised ("sundaes" aside, "mondays" in lower case is as often a mood)."""


_SENTENCE_END = re.compile(r"[.!?\n]")


def _a_habits_sentence(text: str, at: int) -> bool:
    """Whether the sentence holding ``at`` says a weekday or a habit ("Every morning she reads. She was reading at 4!":
    the 4 is no hour of the habit)."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, at)), default=0)
    end = _SENTENCE_END.search(text, at)
    sentence = HASHTAG_RE.sub(" ", text[start:end.start() if end else len(text)])
    return bool(_HABIT_RE.search(sentence) or _DAILY_RE.search(sentence) or _WEEKLY_RE.search(sentence)
                or any(weekdays(sentence)))


_DAILY_RE = re.compile(r"(?i)\b(?:every|each)\s+(?:week\s?day|school\s+day|day|morning|afternoon|evening|night)s?\b")
"""A daily habit ("every weekday", "each morning"): an hour said beside it is where a child is, day after day."""


_WEEKLY_RE = re.compile(r"(?i)\b(?:every|each)\s+week\b|\bweekly\b|\bonce\s+a\s+week\b")


def said_as_a_habit(text: str) -> bool:
    """Whether the text says a weekday as a habit, whatever the habit is ("Every Tuesday at 3:15 I pick up...",
    "Tuesday = tinikling. 6pm. Every week."): a weekly routine by the words alone, known to the engine or not."""
    return bool(_HABIT_RE.search(text)) or bool(_WEEKLY_RE.search(text)) and any(weekdays(text))


_LIST_JOIN = re.compile(r"\s*(?:,|/|&|\+|-|–|and)?\s*", re.IGNORECASE)
_PART_AFTER = re.compile(r"\s+(?:mornings?|afternoons?|evenings?|nights?|arvos?)\b", re.IGNORECASE)


def _days_listed_once(text: str, days: list[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
    """Weekdays said one after another ("Mon Tue Wed mornings", "Tue/Thu") as one span, said once: "weekday weekday
    weekday mornings" reads as no English."""
    run: list[tuple[int, int, str]] = []
    for day in [*days, None]:
        if day is not None and run and _LIST_JOIN.fullmatch(text, run[-1][1], day[0]):
            run.append(day)
            continue
        if len(run) > 1:
            words = [said.split()[-1] for _, _, said in run]
            kind = "weekend" if all(w.startswith("weekend") for w in words) else "weekday" \
                if all(w.startswith("weekday") for w in words) else ""
            if _PART_AFTER.match(text, run[-1][1]):  # "Mon Tue Wed mornings": the days describe the mornings
                said = kind or "some"
            elif " " in run[0][2]:  # "on Monday and Wednesday", "every Tue/Thu"
                said = "at the weekend" if kind == "weekend" else "on weekdays" if kind else "on some days"
            else:
                said = "weekend" if kind == "weekend" else "weekdays" if kind else "some days"
            yield run[0][0], run[-1][1], said
        elif run:
            yield run[0]
        run = [day] if day is not None else []
