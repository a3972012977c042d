"""Weekly routines: "swimming every Wed at half 4", "Sat mornings = football", "#saturdayfootball",
and the same place at the same weekday and hour week after week (see places.find_recurrences)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from statistics import median

from kidsafe.engine import activities
from kidsafe.engine import lexicon as lx
from kidsafe.engine import owners
from kidsafe.engine.facts import FactBook, Family
from kidsafe.engine.learned import LinearModel
from kidsafe.engine.places import Recurrence
from kidsafe.engine.text import (CLAUSE_BREAK, CLAUSE_GAP, clause_distance, contains_phrase, fold, fold_each,
                                 phrase_spans, split_hashtag, without_hashtags)
from kidsafe.engine.views import PostView
from kidsafe.models import Evidence, EvidenceSource, FactKind, Span

ACTIVITY_WORDS = tuple(lx.ROUTINE_ACTIVITIES)
ADVICE = "A weekly time and place tells a stranger where to find your child: post it afterwards, vaguely."
_WEEKDAY = re.compile(r"\b(" + "|".join(sorted(lx.WEEKDAY_FORMS, key=len, reverse=True)) + r")\b")
_TIME = re.compile(
    r"\b(?:(half|quarter)\s+(past\s+|to\s+)?(\d{1,2})|(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)|"
    r"(\d{1,2})[:.](\d{2})|(\d{1,2})(?=\s*(?:till|until|til)\s+(?:(?:half|quarter)\s+(?:past\s+|to\s+)?)?\d{1,2}"
    r"(?:[:.]\d{2})?\s*(am|pm)?\b|\s*(?:to|-|–)\s*(?:(?:half|quarter)\s+(?:past\s+|to\s+)?\d{1,2}\b|"
    r"\d{1,2}(?:[:.]\d{2}|\s*(?:am|pm)\b)))|"
    # a bare hour after "at" ("Tuesdays at 6"), not an age, a measure, a score or "at 20 to 7"; "5 o'clock"
    r"(?<=\bat\s)(\d{1,2})(?![:.]\d|\s*(?:years?|yrs?|y/?o|months?|mos?|weeks?|wks?|days?|hours?|hrs?|mins?|"
    r"minutes?|st|nd|rd|th|kg|km|k|m|cm|mm|x|lbs?|feet|foot|ft|inch(?:es)?|points?|pts|metres?|meters?|miles?|"
    r"nil|goals?|runs?|wickets?|and\s+a\s+half|to\s+\d+|past\s+\d+)\b|\s*[%/\-–+]|\s*[a-z]+\s+olds?\b)|"
    r"(\d{1,2})\s*o['’]clock)(?!\w)")
#: After the start of a range of hours, its end: "6-7am" is in the morning, "11-1pm" starts before noon, "6 till
#: half 7" ends at half past.
_RANGE_END = re.compile(r"\s*(?:till|until|til|to|-|–)\s*(?:(?:half|quarter)\s+(?:past\s+|to\s+)?)?(\d{1,2})"
                        r"(?:[:.]\d{2})?\s*(am|pm|a\.m\.|p\.m\.)?")
#: What stands between a range's start and its end ("6 till half 7"): the end is no time of its own.
_RANGE_JOIN = re.compile(r"\s*(?:till|until|til|to|-|–)\s*")


@dataclass(frozen=True, slots=True)
class RoutineClue:
    """A weekday and an activity said in one post (time when said)."""

    post: str
    weekday: str
    activity: str | None
    time: str | None
    excerpt: str
    source: EvidenceSource
    recurring: bool = False  # the words say it repeats ("every", "Saturdays", "lessons")
    phrase: str | None = None  # the activity as the words say it (folded), when said in words
    span: Span | None = None  # the weekday said, with the activity when said right beside it


#: Words that make "Saturday football" a weekly thing rather than one match.
RECURRING = re.compile(
    r"\b(?:every|each|weekly|week in|week after week|always|usual|again|regular|"
    r"mornings|afternoons|evenings|(?:" + "|".join(lx.WEEKDAY_FORMS) + r")\s+nights|lessons?|class|classes|club|practice|"
    r"training|session|sessions|(?<!half )(?<!half-)term|season|rain or shine|now|of the week|tous\s+les|chaque|cada|"
    r"todos\s+los|"
    + "|".join(sorted(lx.WEEKDAY_PLURALS)) + r")\b")


def parse_time(text: str, near: Sequence[tuple[int, int]] = (), own: Sequence[tuple[int, int]] | None = None
               ) -> str | None:
    """'9am' -> '09:00', 'half 4' -> '16:30' (afternoon for small hours, unless the text says it is
    morning: '7.15 before school' -> '07:15'), '10.30' -> '10:30', 'at 6' -> '18:00'. The first time the
    text says, or with ``near`` (where the text says an activity) the time said nearest one of them, in
    its own clause when there is one ("pickup 3:20, Luc 4:00, swimming 4:30": swimming at 4:30), and
    not one said beside another weekday than the routine's (``own``: where the text says its day, or the
    days listed with it): "training Saturdays, matches Sundays at 10" has training at no time."""
    found = list(_TIME.finditer(text))
    found = [m for i, m in enumerate(found)
             if not (i and found[i - 1][9] and _RANGE_JOIN.fullmatch(text, found[i - 1].end(), m.start()))]
    if near:
        found = [m for m in found if own is None or not _other_day_between(text, (m.start(), m.end()), near, own)]
        # a time two sentences on from the activity is another thing's: "ballet Tuesdays 6 to 7. The teacher is
        # strict. She practised in the kitchen till 10pm" has ballet at no time said (not 22:00)
        ends = [m.start() for m in _SENTENCE_ENDS.finditer(text)] if found else []
        found = [m for m in found if min(_sentences_between(ends, m.span(), n) for n in near) < 2]
        gaps = {m.start(): min(clause_distance(text, m.span(), n) for n in near) for m in found}
        found.sort(key=lambda m: gaps[m.start()])
        if any(gap >= CLAUSE_GAP for gap in gaps.values()):
            ours = {lx.ROUTINE_ACTIVITIES[p] for a, b in near for _, p in phrase_spans(text[a:b], ACTIVITY_WORDS)}
            found = [m for m in found if gaps[m.start()] < CLAUSE_GAP or not _beside_another(text, m, ours)]
    return _time_of(text, found[0]) if found else None


#: A sentence's end, a run of end marks counting once ("...", "!!\n\n"): not a stop inside a number or a clock time
#: ("6.30", "2.5 km", "a.m."), nor a title's or an abbreviation's ("Mrs. Lee", "St. Peter's", "e.g.").
_SENTENCE_ENDS = re.compile(r"(?:(?:(?<!\d)\.|\.(?!\d))(?<!\b[ap]\.)(?<!\b[ap]\.m\.)"
                            r"(?<!\bmrs\.)(?<!\bmr\.)(?<!\bms\.)(?<!\bdr\.)(?<!\bst\.)"
                            r"(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bi\.e)(?<!\be\.g)|[!?\n])(?:[^\w]*[.!?\n])?")


def _sentences_between(ends: list[int], a: tuple[int, int], b: tuple[int, int]) -> int:
    """How many sentence ends (``ends``: where each starts, in order) stand between two stretches of a text."""
    lo, hi = sorted((a, b))
    return max(0, bisect_left(ends, hi[0]) - bisect_left(ends, lo[1]))


def _beside_another(text: str, time: re.Match[str], ours: set[str]) -> bool:
    """A time said in another clause than the activity, beside an activity the list names otherwise (not one of
    ``ours``): that activity's time ("Tue - kindy, swimming 5.15": kindy is at no time said here)."""
    start = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, time.start())), default=0)
    end = CLAUSE_BREAK.search(text, time.end())
    clause = text[start:end.start() if end else len(text)]
    return any(lx.ROUTINE_ACTIVITIES[p] not in ours for _, p in phrase_spans(clause, ACTIVITY_WORDS))


def _other_day_between(text: str, time: tuple[int, int], near: Sequence[tuple[int, int]],
                       own: Sequence[tuple[int, int]]) -> bool:
    """Of the weekdays said between the time and the nearest place the activity is said, the one nearest the
    time is none of the routine's own (``own``)."""
    lo, hi = sorted((time, min(near, key=lambda n: clause_distance(text, time, n))))
    said = list(_WEEKDAY.finditer(text, lo[1], hi[0]))
    if not said:
        return False
    nearest = min(said, key=lambda w: clause_distance(text, w.span(), time))
    return not any(a <= nearest.start() < b for a, b in own)


def _own_spans(text: str, day: str, spans_of: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Where a text says ``day``, or the days said in one list with it (a range holds its days); ``spans_of``:
    where it says each of its weekdays (`_days_spans`)."""
    return [span for d in _listed_with(text, day, spans_of) for span in spans_of[d]]


def _days_spans(text: str, days: set[str]) -> dict[str, list[tuple[int, int]]]:
    """Where a folded text says each of ``days`` (`_weekday_spans`)."""
    return {day: _weekday_spans(text, day) for day in sorted(days)}


def _runs_through_noon(end: re.Match[str] | None, hour: int) -> bool:
    """A range of hours (``end``: `_RANGE_END` matched after its start) that ends at a smaller hour, not said as
    morning ("7:45-4", "7 till 3", "8-2pm"): a day at nursery or school, so its start is in the morning."""
    return end is not None and int(end[1]) < hour and not (end[2] or "p").startswith("a")


def _time_of(text: str, m: re.Match[str]) -> str | None:
    # the words said around the time: just before it, and after it only in its clause ("at 6 at the club,
    # matches Saturday mornings": the mornings are the matches')
    before = text[max(0, m.start() - 40):m.start()]
    clause = before + text[m.start():m.end()] + CLAUSE_BREAK.split(text[m.end():m.end() + 40], maxsplit=1)[0]
    morning = contains_phrase(clause, lx.MORNING_WORDS) is not None
    late = contains_phrase(clause, lx.EVENING_WORDS) is not None

    def afternoon(hour: int) -> bool:
        """An hour said without am/pm: before 8 unless a morning word is said, before noon when an evening
        word is ("every Sunday night at 8")."""
        return hour < 8 and not morning or late and hour < 12

    if m[1]:
        hour = int(m[3])
        minute = 30 if m[1] == "half" else 15
        if m[2] and m[2].strip() == "to":
            hour, minute = hour - 1, 45
        if afternoon(hour):
            hour += 12
    elif m[4]:
        hour, minute = int(m[4]), int(m[5] or 0)
        if m[6].startswith("p") and hour < 12:
            hour += 12
        if m[6].startswith("a") and hour == 12:
            hour = 0
    elif m[7]:
        hour, minute = int(m[7]), int(m[8])
        if afternoon(hour) and not _runs_through_noon(_RANGE_END.match(text, m.end()), hour):
            hour += 12
    elif m[9]:  # "5 till 7", "5 till 7pm", "9 till 11am", "6 to 7:30", "6-7pm": the start of a range of hours
        hour, minute = int(m[9]), 0
        end = _RANGE_END.match(text, m.end())
        suffix = end[2][0] if end and end[2] else ""
        if suffix == "p" and hour < 12 and hour <= int(end[1]):
            hour += 12
        elif not suffix and afternoon(hour) and not _runs_through_noon(end, hour):
            hour += 12
    else:  # "at 6", "5 o'clock"
        hour, minute = int(m[11] or m[12]), 0
        if afternoon(hour):
            hour += 12
    if not (0 <= hour < 24 and 0 <= minute < 60):
        return None
    return f"{hour:02d}:{minute:02d}"


_OCLOCK = re.compile(r"(?:\s*o['’]clock\b)?")
#: What stands before a bare hour and goes with it: "at 6", "from 4 o'clock", "until 5 o'clock".
_HOUR_LEAD = re.compile(r"\b(?:at|from|until|till|by|around|about|before|after|since)\s+$")
#: What after a bare number makes it no hour: a list or a score ("at 4 or 5", "tied at 1 each"), a count, "past".
_NO_HOUR_AFTER = re.compile(r"\s*(?:,\s*\d|or\b|and\b|each\b|apiece\b|all\b|past\b|noon\b|midnight\b|people\b|"
                            r"events?\b|times\b|[a-z]+s\b(?<!\bis)(?<!\bwas)(?<!\bus)(?<!\bas)(?<!\bthis))")


#: Two bare hours as one time: "at 4 or 5", "at 4-6" (not a score, "at 2-1 down", nor ages).
_HOUR_PAIR = re.compile(r"\bat\s+(\d{1,2})\s*(?:-|–|or|to)\s*(\d{1,2})(?![\d:.%]|\s*(?:years?|yrs?|months?|weeks?|"
                        r"days?|goals?|points?|down|up|wins?|won|lost|loss|draw|nil)\b)")


def bare_hours(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, clock) of each hour a text says bare, after "at" or before "o'clock", or as the start of a range
    ("Tuesdays at 6", "every weekday at 4", "at 4 till 6", "at 4 or 5"): what a routine's time often is, and what no
    clock-time pattern takes for one alone (not "at 4 years old", "at 18", "at 20 to 7", "tied at 1 each"). The span
    holds the word before it ("at", "from") and a range's end."""
    low = fold_each(text)  # offsets as the text's, whatever a letter folds to ("İ")
    found = []
    for m in _HOUR_PAIR.finditer(low):
        if 1 <= int(m[1]) <= 12 and 1 <= int(m[2]) <= 12 and (clock := parse_time(f"at {m[1]}")):
            found.append((m.start(), m.end(), clock))
    for m in _TIME.finditer(low):
        if not (m[9] or m[11] or m[12]) or _NO_HOUR_AFTER.match(low, m.end()) or int(m[9] or m[11] or m[12]) > 12:
            continue  # an hour over 12 said bare is an age or a count ("at 18 she moved out")
        clock = _time_of(low, m)
        if clock is None:
            continue
        lead = _HOUR_LEAD.search(low, max(0, m.start() - 12), m.start())
        end = m.end() + len(_OCLOCK.match(low, m.end())[0])
        if m[9] and (after := _RANGE_END.match(low, m.end())):
            end = m.end() + len(after[0].rstrip())
        start = lead.start() if lead else m.start()
        if not any(a < end and start < b for a, b, _ in found):
            found.append((start, end, clock))
    yield from sorted(found)


def activity_in(text_folded: str, raw: str = "") -> str | None:
    """The activity a text names (lexicon word or emoji), else None."""
    word = contains_phrase(text_folded, ACTIVITY_WORDS)
    if word:
        return lx.ROUTINE_ACTIVITIES[word]
    for emoji, activity in lx.ACTIVITY_EMOJI.items():
        if emoji in raw:
            return activity
    return None


#: An activity this near its weekday, in the same clause, is cited with it ("ballet every Saturday").
NEAR_CHARS = 30
#: "Ukrainian classes every Saturday", "Friday is taco night": one or two words before a head noun make an
#: activity the list does not hold. Only beside a weekday, in the same sentence, as the lexicon's are not.
_HEADED = re.compile(r"((?:[^\W\d_][\w'’\-]*\s+){1,2})(" + "|".join(lx.ACTIVITY_HEADS) + r")\b")


def headed_activity(text_folded: str, day: tuple[int, int]) -> tuple[str, int, int] | None:
    """The headed activity said nearest the weekday at ``day`` in the same sentence: (phrase, start, end)."""
    found = []
    for m in _HEADED.finditer(text_folded):
        spots = list(re.finditer(r"\S+", m[1]))
        words = [w[0] for w in spots]
        while words and (words[0] in lx.NOT_ACTIVITY_MODIFIERS or words[0] in lx.WEEKDAY_FORMS):
            words.pop(0)
        if not words or any(w in lx.NOT_ACTIVITY_MODIFIERS or w in lx.WEEKDAY_FORMS for w in words):
            continue
        start = m.start(1) + spots[len(spots) - len(words)].start()  # where its first kept word is, however spaced
        a, b = sorted((start, m.end(), *day))[1:3]
        if b - a <= 2 * NEAR_CHARS and not re.search(r"[.!?\n]", text_folded[a:b]):
            found.append((b - a, " ".join([*words, m[2]]), start, m.end()))
    if not found:
        return None
    _, phrase, start, end = min(found)
    return phrase, start, end


#: "Monday to Thursday", "Mon-Wed", "Tuesday through Friday": every day between the two.
_DAY_RANGE = re.compile(_WEEKDAY.pattern + r"\s*(?:to|through|thru|till|until|-|–|—)\s*" + _WEEKDAY.pattern)
#: A range longer than this is a working week (school, nursery, a job), said of no one activity.
MOST_RANGE_DAYS = 4


def _days_in_ranges(text_folded: str) -> set[str]:
    """The weekdays inside each range of days the text says ("monday to thursday": four days)."""
    days = set()
    for m in _DAY_RANGE.finditer(text_folded):
        first, last = lx.WEEKDAY_FORMS[m[1]], lx.WEEKDAY_FORMS[m[2]]
        if 1 <= last - first < MOST_RANGE_DAYS:  # not round the weekend ("Friday to Monday" is a trip)
            days |= {lx.WEEKDAYS[i] for i in range(first, last + 1)}
    return days


def _long_ranges(text_folded: str) -> list[tuple[int, int]]:
    """Where the text says a range of more than `MOST_RANGE_DAYS` days ("monday to friday")."""
    return [m.span() for m in _DAY_RANGE.finditer(text_folded)
            if lx.WEEKDAY_FORMS[m[2]] - lx.WEEKDAY_FORMS[m[1]] >= MOST_RANGE_DAYS]


def _weekday_spans(text_folded: str, weekday: str) -> list[tuple[int, int]]:
    """Where a folded text says ``weekday`` ("Saturday"), in any of its forms ("sat", "saturdays"), or a
    range of days that holds it ("monday to thursday" says Tuesday)."""
    said = [m.span() for m in _WEEKDAY.finditer(text_folded) if lx.WEEKDAYS[lx.WEEKDAY_FORMS[m[1]]] == weekday]
    ranges = [m.span() for m in _DAY_RANGE.finditer(text_folded) if weekday in _days_in_ranges(m[0])]
    return ranges + [s for s in said if not any(a <= s[0] < b for a, b in ranges)]


def _activity_nearest(text_folded: str, weekday: str) -> tuple[str | None, tuple[int, int]]:
    """Of the activities a text names, the phrase said closest to the weekday: "first dance recital ...
    ballet every Saturday" is ballet on Saturdays. Also the words to cite: the weekday, with that
    phrase when it is said right beside it."""
    spans = phrase_spans(text_folded, ACTIVITY_WORDS)
    if any(lx.ROUTINE_ACTIVITIES[p] not in lx.VENUE_ACTIVITIES for _, p in spans):
        spans = [s for s in spans if lx.ROUTINE_ACTIVITIES[s[1]] not in lx.VENUE_ACTIVITIES]
    days = _weekday_spans(text_folded, weekday)
    if not spans or not days:
        return None, days[0] if days else (0, 0)

    # where the text breaks a clause (a stop, a comma, a spaced dash), found once: a search of the text between
    # each activity and each weekday made a long caption's audit quadratic
    stops = [m.start() for m in re.finditer(r"[,;.!?\n]", text_folded)]
    dashes = [m.start() + 1 for m in re.finditer(r"(?=\s[-–—]\s)", text_folded)]

    def gap(start: int, phrase: str, day: tuple[int, int]) -> int:
        a, b = sorted((start, start + len(phrase), *day))[1:3]  # the text between the two
        broken = (bisect_left(stops, a) < bisect_left(stops, b)  # a stop in [a, b)
                  or bisect_left(dashes, a + 1) < bisect_right(dashes, b - 2))  # a dash with its spaces in [a, b)
        return b - a + (CLAUSE_GAP if broken else 0)  # another clause

    start, phrase = min(spans, key=lambda s: min(gap(*s, d) for d in days))
    day = min(days, key=lambda d: gap(start, phrase, d))
    if gap(start, phrase, day) > NEAR_CHARS:
        return phrase, day
    return phrase, (min(start, day[0]), max(start + len(phrase), day[1]))


def as_said(activity: str, phrases: Counter[str]) -> str:
    """The activity in the parent's words when they name it otherwise than the grouping name does
    ("Auskick" is footy, "mass" is church): "mass (church)", so both readings stand. Another spelling of the same
    word ("madrassa" for madrasa) is shown as the parent spells it; the grouping name's own words, a longer or a
    shorter form of them ("swims", "swimmer", "riding") show the grouping name."""
    if not phrases:
        return activity
    phrase = phrases.most_common(1)[0][0]
    canonical = fold(activity)
    if phrase.startswith(canonical) or re.sub(r"\W", "", phrase) == re.sub(r"\W", "", canonical):
        return activity
    stems = {w[:4] for w in re.findall(r"\w+", canonical)}
    if stems & {w[:4] for w in re.findall(r"\w+", phrase)}:
        return phrase if _spelt_otherwise(phrase, canonical) else activity
    return f"{phrase} ({activity})"


def _spelt_otherwise(phrase: str, canonical: str) -> bool:
    """One word written another way, not another form of it: "madrassa" for madrasa, not "swims" for swimming."""
    return (" " not in phrase and " " not in canonical and not canonical.startswith(phrase)
            and SequenceMatcher(None, phrase, canonical).ratio() >= 0.85)


def _days_said(text: str, raw: str) -> set[str]:
    """The weekdays a folded text (hashtags out) says of some activity: each said day ("sat", "sun" only as
    "Sat", "Sun" in ``raw``, the text as written), the days inside a short range, not a working week's."""
    week = _long_ranges(text)  # "Monday to Friday": a working week, no one activity's days
    days = {lx.WEEKDAYS[lx.WEEKDAY_FORMS[m[1]]] for m in _WEEKDAY.finditer(text)
            if (len(m[1]) > 3 or m[1] in ("mon", "tue", "wed", "thu", "fri")
                or re.search(r"\b" + m[1].capitalize() + r"\b", raw))
            and not any(a <= m.start() < b for a, b in week)}
    days -= {d for d in days if re.search(r"\bon\s+" + d.lower() + r"\s+(?:we|i)\b", text)}
    return days | _days_in_ranges(text)


_LINE = re.compile(r"[^\n]+")
#: A sentence, or a stretch between " / " or " | ": a time's dot ("5.45pm") and a slash between days
#: ("Tue/Thu") break nothing.
_SENTENCE = re.compile(r"(?:[^.!?;\n/|]|(?<=\d)\.(?=\d)|(?<!\s)[/|]|[/|](?!\s))+(?:[.!?;]+|\s+[/|](?=\s)|$)")


def _segments(text: str, raw_of) -> list[tuple[int, int, set[str]]]:
    """Where to read a text's days and activities, with the days each stretch says: the whole text, or, when
    it says more days than one activity could have (a week's schedule: "Clari: skating Tue/Thu 5:45 / Piano:
    Thursdays 4:30 / ..."), each line, and each sentence of a line that still says too many."""
    days = _days_said(text, raw_of(0, len(text)))
    if len(days) <= MOST_RANGE_DAYS:
        return [(0, len(text), days)]
    out = []
    for line in _LINE.finditer(text):
        lo, hi = line.span()
        days = _days_said(text[lo:hi], raw_of(lo, hi))
        if len(days) <= MOST_RANGE_DAYS:
            out.append((lo, hi, days))
        else:
            out += [(a, b, _days_said(text[a:b], raw_of(a, b)))
                    for a, b in (m.span() for m in _SENTENCE.finditer(text, lo, hi))]
    return out


#: A timetable's line or stretch: it opens (after a bullet or a number, or after " | ", " / ", ". " on one line) with a
#: day or a range of days, perhaps an hour, then a dash or a colon ("Mon - swimming 5.15", "TUE – Nash @ Little
#: Chinooks", "Mon-Wed: nursery", "2. Tue 4pm - football"); "Monday-ish" is no line of one.
_TIMETABLE_LINE = re.compile(r"(?:^|(?<=[|/.;] ))[^\w\n]*(?:\d{1,2}[.)]\s*)?" + _WEEKDAY.pattern
                             + r"(?:\s*(?:-|–|—|to|&|and|/|,|\+)\s*" + _WEEKDAY.pattern + r")?"
                             + r"(?:\s+\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)?\s*[-–—:](?=\s|$)", re.MULTILINE)
#: Lines opening so that make a post a week's timetable, not a diary ("Monday we went swimming. Tuesday soft play").
TIMETABLE_LINES = 3
_TIMETABLE_WORD = re.compile(r"\b(?:timetable|schedule|rota)s?\b")


def is_timetable(text_folded: str, many_days: bool) -> bool:
    """Whether a folded text is a week's timetable, each of whose lines a stranger reads as weekly: at least
    `TIMETABLE_LINES` lines that open with a day and a dash or a colon, or, when it says more days than one activity
    could have (``many_days``), the word for one ("New term timetable:\nNoah: swimming Tuesdays ...")."""
    return (sum(1 for _ in _TIMETABLE_LINE.finditer(text_folded)) >= TIMETABLE_LINES
            or many_days and _TIMETABLE_WORD.search(text_folded) is not None)


def clues(view: PostView) -> list[RoutineClue]:
    """Weekday + activity pairs said in the post's caption or hashtags."""
    out = []
    for index, part in enumerate(view.parts):
        if part.source is EvidenceSource.OCR:
            continue
        text, where = without_hashtags(view.folded[index])

        def raw_of(lo: int, hi: int, where=where, index=index) -> str:
            # the folded text's offsets are not the caption's ("…" folds to "..."): map them as the view does
            return re.sub(r"#\w+", " ", view.span_folded(index, where[lo], where[hi - 1] + 1).text) if hi > lo else ""

        segments = _segments(text, raw_of)
        weekly = is_timetable(text, len(segments) > 1)  # "TUE - hockey 5:45" in a timetable needs no "every"
        for lo, hi, days in segments:
            found = _segment_clues(view, index, text[lo:hi], where[lo:hi], raw_of(lo, hi), days)
            out += [replace(c, recurring=True) for c in found] if weekly else found
    for tag, span in view.hashtag_spans():
        words = split_hashtag(tag)
        days = [lx.WEEKDAYS[lx.WEEKDAY_FORMS[w]] for w in words if w in lx.WEEKDAY_FORMS and len(w) > 3]
        activity = activity_in(" ".join(words))
        if days and activity:
            out.append(RoutineClue(view.id, days[0], activity, None, "#" + tag, EvidenceSource.HASHTAG, True,
                                   span=span))
    return out


def _segment_clues(view: PostView, index: int, text: str, where: list[int], raw: str,
                   days: set[str]) -> list[RoutineClue]:
    """The clues one stretch of a part says: ``text`` folded with hashtags out, ``where`` each of its
    characters in the part, ``raw`` the stretch as written, ``days`` the weekdays it says (`_days_said`)."""
    part = view.parts[index]
    model = activities.shipped_model()
    if (model is not None or activities.RECORDER is not None) and 1 <= len(days) <= MOST_RANGE_DAYS:
        learned_clues = _learned_clues(view, index, text, where, days, model)
        if model is not None:
            return learned_clues
    out = []
    activity = activity_in(text, raw)
    if not activity and 1 <= len(days) <= 2:
        out += _headed_clues(view, index, text, where, days)
    if activity and 1 <= len(days) <= MOST_RANGE_DAYS:  # "footy training Tuesdays and Thursdays": one on each day
        spans_of = _days_spans(text, days)
        for day in sorted(days):
            phrase, (a, b) = _activity_nearest(text, day)
            out.append(RoutineClue(view.id, day, lx.ROUTINE_ACTIVITIES[phrase] if phrase else activity,
                                   parse_time(text, _said_at(text, phrase) or [(a, b)],
                                              _own_spans(text, day, spans_of)),
                                   part.text[:120], part.source,
                                   bool(RECURRING.search(text)), phrase,
                                   view.span_folded(index, where[a], where[b - 1] + 1) if b > a else None))
    return out


def _headed_clues(view: PostView, index: int, text: str, where: list[int], days: set[str]) -> list[RoutineClue]:
    """Clues whose activity only a head noun names ("Tuesdays are violin practice"), one per weekday said."""
    out = []
    part = view.parts[index]
    spans_of = _days_spans(text, days)
    for day in sorted(days):
        headed = next(filter(None, (headed_activity(text, s) for s in _weekday_spans(text, day))), None)
        if headed is None:
            continue
        phrase, start, end = headed
        out.append(RoutineClue(view.id, day, phrase, parse_time(text, [(start, end)], _own_spans(text, day, spans_of)),
                               part.text[:120], part.source,
                               bool(RECURRING.search(text)), phrase,
                               view.span_folded(index, where[start], where[end - 1] + 1)))
    return out


#: The particle of a phrasal verb that names what is done ("pick up", "drop-off", "warm up").
_PARTICLE = re.compile(r"[ -](?:up|off)\b")


def _learned_clues(view: PostView, index: int, text: str, where: list[int], days: set[str],
                   model: LinearModel | None) -> list[RoutineClue]:
    """Clues whose activity the activity model chooses among the words beside each weekday said (none
    while training, with no model: the candidates are only recorded)."""
    part = view.parts[index]
    said = view.entities[index] if index < len(view.entities) else ()
    entities = {w: label for words, label in said for w in fold(words).split()}

    def raw_of(start: int, end: int) -> str:
        return view.span_folded(index, where[start], where[end - 1] + 1).text

    recurring = bool(RECURRING.search(text))
    spans_of = _days_spans(text, days)
    picked: dict[str, tuple[activities.Candidate, tuple[int, int], float]] = {}
    for day, spans in spans_of.items():
        nearest, _ = _activity_nearest(text, day)
        headed = [h[0] for s in spans if (h := headed_activity(text, s))]
        rule = frozenset(filter(None, [nearest, *headed]))
        found = [(c, span) for span in spans
                 for c in activities.candidates(text, raw_of, span, recurring, entities, rule)]
        chosen = activities.best([c for c, _ in found], model, view.id, day)
        if chosen is not None:
            picked[day] = (chosen[0], next(s for c, s in found if c is chosen[0]), chosen[1])
    out = []
    if model is None:  # training: the candidates are recorded, none is chosen
        return out
    for day, spans in spans_of.items():
        if day in picked and picked[day][2] >= model.threshold:
            cand, span, _ = picked[day]
        else:
            # "Tuesdays and Thursdays at 6": days said as one list share what is said of the list, though
            # the words stand nearer the first; the day is cited with the list's activity. Not a day said
            # again on its own ("Saturday and Sunday: Saturday is a lie in, Sunday football")
            if len(spans) > 1:
                continue
            in_list = [picked[d] for d in _listed_with(text, day, spans_of) if d in picked]
            cand, span, p = max(in_list, key=lambda pick: pick[2], default=(None, None, 0.0))
            if p < model.threshold:
                continue
            span = min(spans, key=lambda s: abs(s[0] - span[0]))
        emoji = bool(cand.feats.get("emoji"))
        listed = cand.phrase if emoji else contains_phrase(cand.phrase, ACTIVITY_WORDS)
        particle = None if emoji or listed else _PARTICLE.match(text, cand.end)
        if particle:  # "Thursday pick up": a candidate ends before a stop word, but "up" is the verb's own
            cand = replace(cand, phrase=f"{cand.phrase}-{particle[0][1:]}", end=particle.end())  # one name: "pick-up"
        longer = [(start, p) for start, p in phrase_spans(text, ACTIVITY_WORDS)
                  if start < cand.end and start + len(p) > cand.start and len(p) > len(cand.phrase)]
        if listed and longer and not emoji:  # "ballet" said as "ballet folklórico": the list's whole name
            start, listed = max(longer, key=lambda sp: len(sp[1]))
            cand = replace(cand, phrase=listed, start=min(start, cand.start), end=max(start + len(listed), cand.end))
        near = [(cand.start, cand.end)]  # where the activity is said: its time is the one said nearest
        if emoji:  # named by the list; the day is what the words say
            a, b = span
        elif listed:  # one name for the activity across posts ("footy" is football); the day cited with it
            at = max(cand.start, text.find(listed, cand.start, cand.end))  # the listed words alone
            a, b = min(at, span[0]), max(at + len(listed), span[1])
            near = _said_at(text, listed)
            if b - a > len(listed) + (span[1] - span[0]) + NEAR_CHARS:
                a, b = span
        else:
            a, b = cand.start, cand.end
        name = lx.ROUTINE_ACTIVITIES.get(listed, listed) if listed else _of_its_post(cand.phrase, view, index)
        out.append(RoutineClue(view.id, day, name, parse_time(text, near, _own_spans(text, day, spans_of)),
                               part.text[:120], part.source, recurring, listed or cand.phrase,
                               view.span_folded(index, where[a], where[b - 1] + 1)))
    return out


_BARE_HEADS = frozenset(lx.ACTIVITY_HEADS)


def _of_its_post(phrase: str, view: PostView, index: int) -> str:
    """A head noun alone ("Training is Thursdays") is the one activity its post names elsewhere, in words or by an
    emoji ("Rippa rugby is back! ... Training is Thursdays after school": "rugby training"). With none or several
    named, it stays as said."""
    if fold(phrase) not in _BARE_HEADS:
        return phrase
    folded = view.folded[index]
    named = {lx.ROUTINE_ACTIVITIES[p] for _, p in phrase_spans(folded, ACTIVITY_WORDS)}
    named |= {a for e, a in lx.ACTIVITY_EMOJI.items() if e in view.parts[index].text}
    return f"{named.pop()} {fold(phrase)}" if len(named) == 1 else phrase


def _said_at(text: str, phrase: str | None) -> list[tuple[int, int]]:
    """Everywhere a folded text says a phrase as whole words, or another name the list gives the same activity
    ("swimming lessons on Tuesdays, pickup at 3 then swimming at 4:30")."""
    if not phrase:
        return []
    same = lx.ROUTINE_ACTIVITIES.get(phrase)
    return [m.span() for m in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text)] + [
        (start, start + len(p)) for start, p in phrase_spans(text, ACTIVITY_WORDS)
        if same and lx.ROUTINE_ACTIVITIES[p] == same]


#: What joins weekdays said as one list: "Tuesdays and Thursdays", "Tue/Thu", "Mon, Wed & Fri", "Sat + Sun".
_DAY_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|&\s*)?|&|\+|/|and)\s*")


def _listed_with(text: str, day: str, spans_of: dict[str, list[tuple[int, int]]]) -> set[str]:
    """``day`` and every weekday said in one list with it (a chain of days joined by `_DAY_JOIN`)."""
    said = sorted((span, d) for d, spans in spans_of.items() for span in spans)
    group, listed = [said[0]] if said else [], []
    for before, after in zip(said, said[1:]):
        if before[0][1] <= after[0][0] and _DAY_JOIN.fullmatch(text, before[0][1], after[0][0]):
            group.append(after)
        else:
            listed.append(group)
            group = [after]
    listed.append(group)
    return next(({d for _, d in g} for g in listed if any(d == day for _, d in g)), {day})


#: The activities the list names; any other was named by a head noun ("Portuguese classes").
_LISTED = frozenset(lx.ROUTINE_ACTIVITIES.values())


def _as_written(activity: str, items: Sequence[RoutineClue]) -> str:
    """An activity no list holds, as the captions write it most often ("Portuguese classes", not folded)."""
    written = Counter(c.span.text for c in items if c.span is not None and fold(c.span.text) == activity)
    return written.most_common(1)[0][0] if written else activity


def _with_kind(activity: str, grouped_as: str = "") -> str:
    """The activity with the wider kind it is, when its name does not say it: "ballet (dance)", "kindy
    (kindergarten)"; one family says "footy" for what another calls football. ``grouped_as``: the list's name for
    an activity shown as the parent spells it ("madrassa", grouped as madrasa: "madrassa (Quran school)")."""
    if not activity or "(" in activity:  # already says its grouping name: "auskick (footy)"
        return activity
    kind = lx.ACTIVITY_KINDS.get(fold(activity)) or lx.ACTIVITY_KINDS.get(fold(grouped_as))
    return f"{activity} ({kind})" if kind and fold(kind) not in fold(activity) else activity


def _photo_time(views: Sequence[PostView], weekday: str) -> str | None:
    """The usual time the photos were taken on that weekday; posting times say when a parent had a
    minute, not when the activity was, so a post with no time of its own photo does not count."""
    minutes = [v.local_time.hour * 60 + v.local_time.minute for v in views
               if v.local_time is not None and v.weekday == weekday and v.has_photo and v.local_time != v.posted_local]
    if len(minutes) < 2:
        return None
    t = int(median(minutes))
    return f"{t // 60:02d}:{t % 60:02d}"


def _said_as(activity: str) -> str:
    """A pattern for an activity's words as said: "pick-up" (a verb and its particle) is said "pick up" too."""
    pieces, at = [], 0
    for m in _PARTICLE.finditer(activity):
        pieces += [re.escape(activity[at:m.start()]), r"[\s\-]"]
        at = m.start() + 1
    return r"\b" + "".join(pieces) + re.escape(activity[at:]) + r"\b"


def add_routine_facts(book: FactBook, family: Family, views: Sequence[PostView],
                      recurrences: Sequence[Recurrence]) -> None:
    """Routines said in words, joined with the ones the photos' times and places repeat."""
    by_id = {v.id: v for v in views}
    grouped: dict[tuple[str, str], list[RoutineClue]] = defaultdict(list)
    for view in views:
        for clue in clues(view):
            grouped[(clue.weekday, clue.activity or "")].append(clue)
    # Posts that name the activity without the day, on that weekday, join the routine.
    for (weekday, activity), items in list(grouped.items()):
        have = {c.post for c in items}
        pattern = re.compile(_said_as(activity)) if activity and activity not in _LISTED else None  # once a routine
        for view in views:
            if view.id in have or view.weekday != weekday:
                continue
            text = re.sub(r"#\w+", " ", view.all_folded)
            if (activity_in(text, view.caption) == activity if activity in _LISTED
                    else pattern is not None and pattern.search(text)):
                items.append(RoutineClue(view.id, weekday, activity, None, view.caption[:120], EvidenceSource.TIMESTAMP))
    used_recurrences: set[int] = set()
    for (weekday, activity), items in grouped.items():
        if len({c.post for c in items}) < 2 and not any(c.recurring for c in items):
            continue  # one "football on Saturday" is a match, not a routine
        members = [by_id[c.post] for c in items]
        said_time = next((c.time for c in items if c.time), None)
        time = said_time or _photo_time(members, weekday)
        for i, rec in enumerate(recurrences):
            if rec.weekday == weekday and set(rec.posts) & {c.post for c in items}:
                used_recurrences.add(i)
                time = said_time or rec.time
                items = items + [RoutineClue(p, weekday, activity, rec.time, "", EvidenceSource.TIMESTAMP)
                                 for p in rec.posts if p not in {c.post for c in items}]
        said = Counter(c.phrase for c in items if c.phrase)
        shown = (_with_kind(as_said(activity, said), activity) if activity in _LISTED
                 else _with_kind(_as_written(activity, items)))
        value = {"weekday": weekday, "time": time, "activity": shown or None, "place": None}
        posts = [by_id[p] for p in dict.fromkeys(c.post for c in items)]
        # its words as anchors, the list's and the parent's ("swimming", "swim"), "pick-up" as "pick": a particle is
        # in every other sentence
        activity_words = [_PARTICLE.sub("", w) for w in fold(activity).split()] if activity else []
        said_words = [w for p in said for w in p.split() if w not in activity_words]
        anchors = [weekday.lower(), weekday.lower()[:3], *activity_words, *dict.fromkeys(said_words)]
        choice = owners.choose("routine", posts, family, anchors, value,
                               lambda posts=posts: [family.about_most(posts)], views, activity_words)
        for subject, c in ((s, c) for s in choice.owners for c in items):
            conf = 0.75 if c.source is not EvidenceSource.TIMESTAMP else 0.4
            why = f"{value['activity']} on {weekday}s" + (f" at {time}" if time else "")
            book.add(FactKind.ROUTINE, subject, value,
                     Evidence(post=c.post, source=c.source, excerpt=c.excerpt or by_id[c.post].caption[:120],
                              explanation=why, span=c.span), conf, key=f"routine:{weekday}:{activity}", advice=ADVICE)
    for i, rec in enumerate(recurrences):
        if i in used_recurrences:
            continue
        members = [by_id[p] for p in rec.posts]
        activity = Counter(a for v in members
                           if (a := activity_in(re.sub(r"#\w+", " ", v.all_folded), v.caption))).most_common(1)
        value = {"weekday": rec.weekday, "time": rec.time, "activity": activity[0][0] if activity else None,
                 "place": None}
        subject = family.about_most(members)
        for v in members:
            book.add(FactKind.ROUTINE, subject, value,
                     Evidence(post=v.id, source=EvidenceSource.TIMESTAMP,
                              excerpt=f"{v.local_time:%a %d %b %Y %H:%M} at the same place",
                              explanation=f"at the same place on {rec.weekday}s around {rec.time}", photo=v.gps_photo),
                     0.45, key=f"routine:{rec.weekday}:place:{i}", advice=ADVICE)
