"""Ages and days made vague: "is THREE today" -> "is a year older this month", "Happy 5th birthday" ->
"Happy birthday", "on the 3rd of May" -> "in May".

The patterns are the stranger engine's own (``kidsafe.engine.ages``), read on the caption as written
so the spans line up; a birthday post's "today" goes with the age, since with the post's date it
gives the day away.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kidsafe.engine import lexicon as lx
from kidsafe.engine.ages import AGE_PATTERNS, BIRTHDAY_CONTEXT, NOT_A_CLOCK, NOT_COUNTED, said_as_an_age
from kidsafe.engine.mentions import NOT_YEARS
from kidsafe.engine.text import NUMBER_WORDS

_N = r"(?:1[0-8]|[1-9]|" + "|".join(NUMBER_WORDS) + r")(?!\d)"  # a child's age: 1 to 18, as the engine reads
_NTH = (r"(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
        r"|twelfth)")
_WHEN = r"(?:\s+(?:today|yesterday))?"
_NAMES = "|".join(sorted((m for m in lx.MONTH_FORMS if len(m) > 3 or m == "may"), key=len, reverse=True))
_MON3 = r"(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
"""A month in three letters with its capital: only beside a day ("Nov 3rd", "3rd Nov") or after "born", since alone
"Mar" or "Sat" may be a word."""
_MONTH = r"(" + _NAMES + r")"
_MONTH_WITH_DAY = r"(" + _NAMES + r"|" + _MON3 + r")\b"
_FRACTION = r"(?:\s+and\s+(?:a\s+)?(?:half|bit|quarter|three\s+quarters|\d{1,2}\s+months?))?"
"""What a parent adds to an age ("five and a half", "three and a bit"): it goes with the age."""
VERB_MONTHS = frozenset({"may", "march"})
OLDER = "a year older"
BIG = "so big"

# (pattern, words said instead): the group named "age" is replaced, else the whole match. Case is ignored,
# as the engine folds.
PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)\b(?:is|turned|turns|turning|now)\s+(?P<age>" + _N + _FRACTION + r"(?:\s+years?\s+old)?"
                + NOT_YEARS + r"\b" + _WHEN + ")"), OLDER),
    (re.compile(r"(?i)\b" + NOT_A_CLOCK + _N + r"\s+years?\s+ago\s+today\b"), "some years ago"),
    (re.compile(r"(?i)\b(?:my|our|a|the|your|his|her)\s+(?P<age>" + _N + r"[\s-]+years?[\s-]+old)\b"), "little one"),
    (_N_TODAY := re.compile(r"(?i)\b" + NOT_A_CLOCK + NOT_COUNTED + _N + r"\s+(?:years?\s+old\s+)?today\b"
                            r"(?!\s*(?:months?|weeks?))"), OLDER),
    (re.compile(r"(?i)\b" + NOT_A_CLOCK + _N + r"[\s-]+years?[\s-]+old\b"), OLDER),
    (re.compile(r"(?i)\b" + _NTH + r"(?=\s+(?:birthday|bday|b-day)\b)"), ""),
    (re.compile(r"(?<=[a-z])\s*\(\s*\d{1,2}\s*\)"), ""),
    (re.compile(r"(?i),?\s*\baged?\s+" + _N + r"\b" + NOT_YEARS), ""),
    (re.compile(r"(?i)\b" + NOT_A_CLOCK + _N + r"\s+and\s+(?:a\s+)?(?:half|quarter|three\s+quarters)\b"
                r"(?=\s*(?:[.!?,;:)]|$|now\b|today\b|already\b|\())"), BIG),  # "only five and a half!", no measure
    (re.compile(r"(?i)\b" + NOT_A_CLOCK + _N + r"\s+going\s+on\s+(?:\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\b"),
     "growing up fast"),  # "7 going on 17": the first is the age
)

SHOUTED_NUMBER = re.compile(r"(?<![\w-])(?:" + "|".join(w.upper() for w in NUMBER_WORDS) + r")(?![\w-])")
"""A number shouted in words ("FIVE!!!"): an age in a birthday post."""
IN_BIRTHDAY_POSTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)\b" + _N + r"(?:\s+(?!of\b)[a-z]+)?\s+years?(?=\s+of\b)"), "years"),  # "Seven whole years of"
    (SHOUTED_NUMBER, BIG),
    (re.compile(r"(?<![\w-])(?:" + "|".join(NUMBER_WORDS) + r")(?=\s*[?!])"), BIG),
    (re.compile(r"^\W*?(?:1[0-8]|[1-9])(?=\s*!)"), BIG),
)
DAYS = (
    re.compile(r"(?i)\b(?:on\s+)?(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_WITH_DAY),
    re.compile(r"(?i)\b(?:on\s+)?" + _MONTH_WITH_DAY + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?![:.]\d)"),
)

BIRTH_DATE = re.compile(r"(?i)\bborn\s+((?:on\s+|in\s+)?(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
                        + _MONTH_WITH_DAY + r"|" + _MONTH_WITH_DAY.replace("(", "(?:", 1)
                        + r"\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?"
                        r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|(?=(?:in\s+)?(?:19|20)\d\d\b))"
                        r"(?:,?\s*(?:in\s+)?((?:19|20)\d\d))?)\b(?![:.]\d)")
"""The day, month or year a child was born ("born on April 14 2015", "Born 12 April 2017", "born in March 2017",
"born 14/12/2017"): each gives the birthday or the age away, so the date goes and "born" stays."""
NUMERIC_DAY = re.compile(r"(?i)\b(?:born|arrived|on)\s+(?:on\s+)?(\d{1,2}/\d{1,2})\b(?!/\d)")
"""A day written in numbers after "born", "arrived" or "on" ("born 10/22"): it goes, the verb stays."""


def age_spans(caption: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, "age" or "date", vaguer words) of every age and every stated day in the caption."""
    birthday = bool(BIRTHDAY_CONTEXT.search(caption.lower()))
    for rx, words in PATTERNS + (IN_BIRTHDAY_POSTS if birthday else ()):
        for m in rx.finditer(caption):
            if rx is _N_TODAY and not birthday and "old" not in m[0].lower() and not said_as_an_age(
                    caption, m.start(), m.start() + len(m[0].split()[0])):  # the match opens with the number
                continue  # "kicked 3 today": no age to make vague
            group = "age" if "age" in rx.groupindex else 0
            dated = words == OLDER and _dated(m[group])
            yield m.start(group), m.end(group), "age", words + (" this month" if dated else "")
    for rx in DAYS:
        for m in rx.finditer(caption):
            if m[1][0].isupper() or m[1].lower() not in VERB_MONTHS:  # "we may 2…", "march 3 miles": no month
                yield m.start(), m.end(), "date", f"in {m[1].capitalize()}"
    for m in BIRTH_DATE.finditer(caption):
        yield m.start(1), m.end(1), "date", ""
    for m in NUMERIC_DAY.finditer(caption):
        yield m.start(1), m.end(1), "date", ""


def _dated(text: str) -> bool:
    return bool(re.search(r"(?i)\b(?:today|yesterday)$", text))


_CASELESS_AGES = tuple(re.compile(rx.pattern, re.IGNORECASE) for rx, _ in AGE_PATTERNS)
_BIRTHDAY_WORDS = re.compile(r"\b(?:birthday|bday|b-day)\b", re.IGNORECASE)


def age_phrases(text: str) -> list[str]:
    """Age phrases of a text as the engine reads them ("turns 5", "5th birthday", "FIVE" in a birthday post,
    "birthday"), for the report to highlight."""
    terms = [m[0] for rx in _CASELESS_AGES for m in rx.finditer(text)]
    if BIRTHDAY_CONTEXT.search(text.lower()):
        terms += SHOUTED_NUMBER.findall(text)
    terms += _BIRTHDAY_WORDS.findall(text)
    return terms
