"""Birthdays, birth years and ages: "turns 4 today", "Happy 6th birthday", "TWO yesterday", "FIVE!!! 🎂"."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kidsafe.engine import lexicon as lx
from kidsafe.engine.facts import FactBook, Family
from kidsafe.engine.gazetteer import name_count
from kidsafe.engine.mentions import NOT_YEARS
from kidsafe.engine.text import NUMBER_WORDS, english_rank, fold, number_value
from kidsafe.engine.views import PostView
from kidsafe.models import FAMILY, Evidence, EvidenceSource, FactKind, Span

_N = r"(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"
_NTH = r"(\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)"
#: Not right after a clock's hour: "3:15 today" is a time, not fifteen today.
NOT_A_CLOCK = r"(?<!\d[:.])"
#: Not right after a word the number counts instead of years ("Year 3 today" is a school year begun, no birthday).
NOT_COUNTED = "".join(rf"(?<!\b{re.escape(word)}\s)" for word in lx.COUNTED_NOT_AGES)
#: (pattern, which group holds the number, day shift when the phrase itself says so)
AGE_PATTERNS = (
    (re.compile(r"\b(?:is|turned|turns|turning|is now|now)\s+" + _N + r"(?:\s+years?\s+old)?\b" + NOT_YEARS), 1),
    (re.compile(r"[a-z]\s+\((\d{1,2})\)"), 1),  # "Mia (6)", never code such as "alert(1)"
    (re.compile(r"\bhappy\s+" + _NTH + r"\s+(?:birthday|bday|b-day)"), 1),
    (re.compile(r"\b" + _NTH + r"\s+(?:birthday|bday|b-day)"), 1),
    (_YEARS_AGO_TODAY := re.compile(r"\b" + NOT_A_CLOCK + _N + r"\s+years?\s+ago\s+today\b"), 1),
    # "six the day": Scots and Irish for today, not "the day we met"
    (_N_TODAY := re.compile(r"\b" + NOT_A_CLOCK + NOT_COUNTED + _N
                + r"\s+(?:today|the\s+day(?!\s+(?:we|you|i|he|she|they|was|were|before|after|of|that|when)\b)"
                r"|years?\s+old\s+today)\b(?!\s*(?:months?|weeks?))"), 1),
    (re.compile(r"\b" + NOT_A_CLOCK + _N + r"\s+years?\s+old\b"), 1),
)
#: Before a bare "N today", words that make N an age: "is 4 today", "you're 5 today", "Kiah's 9 today".
_AGE_LEAD = re.compile(r"(?:\b(?:is|turned|turns|turning|now|are|be|am|ur)|['’](?:s|re))\s+$", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"(?:([^\W\d_][\w'’-]*)\s+)?([^\W\d_][\w'’-]*)\s+$")


#: A capitalised word this common in English ("Top", "Hard") is taken for a name before "N today" only when so many
#: babies have been given it ("Summer", "Will").
COMMON_WORD_RANK = 5000
NAME_BEFORE_AGE_COUNT = 1000


def said_as_an_age(text: str, start: int, end: int) -> bool:
    """Whether a bare "N today" (the number at [start, end) of ``text`` as written) says an age outside a birthday
    post: said first in its sentence ("Three today!"), after an age's verb ("is", "turned", "you're"), a word for a
    child ("our girl 3 today") or a name ("Clemmie 5 today"); not after another word ("kicked 3 today", "Top 3
    today"), nor as "one" after a word that opens the sentence ("Hot one today")."""
    if _AGE_LEAD.search(text, max(0, start - 16), start):
        return True
    word = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if word is None:
        return True
    number, before = text[start:end], word[2]
    if fold(before) in lx.CHILD_WORDS or word[1] and fold(f"{word[1]} {before}") in lx.CHILD_WORDS:
        return True  # "our girl 3 today", "my little man FIVE today"
    if not before[:1].isupper() or not number[:1].isdigit() and number.islower():
        return False
    rank = english_rank(before.lower())  # a word that opens the sentence ("Top 3 today") is no name
    return rank is None or rank >= COMMON_WORD_RANK or name_count(before) >= NAME_BEFORE_AGE_COUNT


#: Words that make "N years ago today" a birth's anniversary.
_A_BIRTH = re.compile(r"\bborn\b|\bbirth|\bb-?day\b|\barrived\b|\bcame (?:along|into)\b|\bmade (?:me|us) a\b|🎂")
#: A number word shouted on its own ("FIVE!!!", "EIGHT 😭") is an age only in a birthday post.
_SHOUTED = re.compile(r"(?<![\w-])(" + "|".join(w.upper() for w in NUMBER_WORDS) + r")(?![\w-])")
#: "7 years of joy", "one year of you": in a birthday post, the years a child has filled (never a marriage's).
_YEARS_OF = re.compile(r"\b" + _N + r"\s+years?\s+of\s+(?:pure\s+|so\s+much\s+|non-?stop\s+)?(?:joy|love|you|chaos|fun|"
                       r"laughter|giggles|cuddles|sunshine|magic|mischief|happiness|adventures?|smiles|sass|noise)\b")
#: A bare number cheered at the start of a birthday post ("13!!! Happy birthday…", "7! 🎉").
_CHEERED = re.compile(r"^\W*?(\d{1,2})\s*!")
#: A post that opens with a number standing alone as its sentence ("Thirteen. Teenager in the house.",
#: "Five. Zaid Ali Siddiqui."): an age when the post is a birthday's or names the child right after.
_OPENING_NUMBER = re.compile(r"^\W*?(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s*(?:[.!]+|\n|\s[🎂🎉🎈🥳])")
BIRTHDAY_CONTEXT = re.compile(
    r"birthday|bday|b-day|🎂|🎈|🥳|🎉|where did the time go|years ago today|years of|candles|birthdaygirl|birthdayboy"
    r"|cumpleanos|cumpleaños|\bcumple\b|anniversaire|bonne f[eê]te|geburtstag|compleanno|verjaardag"
    r"|pen-?blwydd|\bsto lat\b|urodziny|kaarawan")
#: An age said in Spanish or French ("8 años", "cinco años", "six ans"), Welsh ("4 oed"), Polish ("7 lat")
#: or Tagalog ("7 taon"), folded.
_FOREIGN_AGE = re.compile(r"\b(\d{1,2}|" + "|".join(lx.FOREIGN_NUMBER_WORDS) + r")\s+(?:anos|ans|oed|lat|taon)\b")
#: "Today" in the languages the lexicon reads: the day a birthday post is posted is the birthday.
_TODAY = re.compile(r"\btoday\b|\bhoy\b|aujourd'hui|aujourd’hui|\bheute\b|\boggi\b"
                    r"|\bheddiw\b|\bdzisiaj\b|\bdzis\b|\bngayon\b")
#: A child's age in a hashtag ("#LeoAge5", "#mayaturns3"), folded: the name, then the age.
_HASHTAG_AGE = re.compile(r"#([a-z]+?)(age|aged|turns|is)?(\d{1,2})\b")
#: "#5today", "#3today": a tag that says the age is reached today.
_TODAY_TAG = re.compile(r"#\d{1,2}today\b")
_YESTERDAY = re.compile(r"\byesterday\b|\ba day late\b|\bbelated\b|\blast night\b")
_TOMORROW = re.compile(r"\btomorrow\b")
#: Words that put an age said in a post on another day than the post's.
_NOT_NOW = re.compile(r"\blast (?:week|month|year)\b|\bnext (?:week|month|year)\b|\bon \w+day\b")
_AGO = re.compile(r"\bago\b(?! today)")
#: "N years ago": the birth a birthday post looks back on when N is the age ("TEN years ago this morning I held
#: my first mokopuna 💕 Happy 10th birthday"); another N is a throwback ("Leo's 3rd birthday 2 years ago").
_YEARS_AGO = re.compile(r"\b" + _N + r"\s+years?\s+ago\b")
_MONTH = r"(" + "|".join(sorted(lx.MONTH_FORMS, key=len, reverse=True)) + r")\.?"
#: A day the caption states: "on the 3rd of May", "10th February", "March 3rd", "born 10/22" (US or day-first).
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?!\w)")
_MONTH_DAY = re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![:.]\d)")
_NUMERIC_DAY = re.compile(r"\b(?:born|arrived|on)\s+(?:on\s+)?(\d{1,2})/(\d{1,2})\b(?!/\d)")
#: A birth announced: the child is 0 on that day ("Welcome to the world, Juniper", "born at 6:14am").
_WEEKDAY_NAMES = "|".join(sorted((w for w in lx.WEEKDAY_FORMS if len(w) > 3), key=len, reverse=True))
BIRTH = re.compile(r"\bwelcome to the world\b|\b(?:was|were|is|got)\s+born\b|\bborn\s+(?:on|at|this|last|yesterday|"
                   r"today|\d|(?:" + _WEEKDAY_NAMES + r")\b)|\bjust arrived\b"
                   r"|\barrived\s+(?:safely|yesterday|today|this\s+morning|last\s+night)\b"
                   r"|\bbaby\s+(?:(?:girl|boy|brother|sister|[a-z]+)\s+){0,3}?(?:arrived|came)"
                   r"\s+(?:on|at|early|safely)\b")
#: Before "was born", words that look back on a birth rather than announce one ("since Idi was born").
_LOOKS_BACK = re.compile(r"\b(?:since|when|until|till|the day)\s+(?:[\w'’]+\s+){0,2}$")
ADVICE = "Birthdays and ages help a stranger prove they 'know' your child: post the party, not the date."


@dataclass(frozen=True, slots=True)
class AgeClaim:
    """An age stated in a post, the day it was reached (when the post says), and for which child."""

    subject: str
    age: int
    day: date | None
    post: str
    excerpt: str
    confidence: float
    span: Span | None = None  # the words that say the age ("turns 5", "6th birthday", "FIVE")


def _claims(view: PostView, family: Family) -> Iterator[AgeClaim]:
    if view.posted_local is None:
        return
    for index, part in enumerate(view.parts):
        if part.source is EvidenceSource.OCR:
            continue
        low = view.folded[index]
        context = bool(BIRTHDAY_CONTEXT.search(low) or BIRTHDAY_CONTEXT.search(part.text))
        # (age, where the number is, confidence, the words that say it)
        hits: list[tuple[int, int, float, Span]] = []
        for rx, group in AGE_PATTERNS:
            if rx is _YEARS_AGO_TODAY and not _A_BIRTH.search(low):
                continue  # "One year ago today, a judge said forever. Happy Adoption Day": another day's anniversary
            for m in rx.finditer(low):
                if rx is _N_TODAY and not context and "old" not in m[0]:
                    said = view.span_folded(index, m.start(group), m.end(group))
                    if not said_as_an_age(view.texts[said.part], said.start, said.end):
                        continue
                n = number_value(m[group])
                if n is not None:
                    hits.append((n, m.start(group), 0.8 if context else 0.55,
                                 view.span_folded(index, _phrase_start(low, m, group), m.end())))
        for m in _FOREIGN_AGE.finditer(low):
            n = number_value(m[1]) if m[1].isdigit() else lx.FOREIGN_NUMBER_WORDS[m[1]]
            hits.append((n, m.start(1), 0.8 if context else 0.55, view.span_folded(index, m.start(), m.end())))
        if context:
            for m in _SHOUTED.finditer(part.text):
                n = number_value(m[1])
                if n is not None:
                    hits.append((n, m.start(), 0.6, view.span(index, m.start(1), m.end(1))))
            if m := _CHEERED.match(low):
                hits.append((int(m[1]), m.start(1), 0.6, view.span_folded(index, m.start(1), m.end(1))))
            for m in _YEARS_OF.finditer(low):
                n = number_value(m[1])
                if n is not None:
                    hits.append((n, m.start(1), 0.7, view.span_folded(index, m.start(), m.end())))
        if (m := _OPENING_NUMBER.match(low)) and not any(h[1] == m.start(1) for h in hits):
            n = number_value(m[1])
            named_next = any(mention.part == index and 0 <= mention.start - m.end() <= 4
                             for child in family.children_in(view) for mention in child.in_post(view.id))
            if n is not None and (context or named_next):
                hits.append((n, m.start(1), 0.6 if context else 0.5, view.span_folded(index, m.start(1), m.end(1))))
        hits = [h for h in hits if 0 < h[0] <= 18]
        birth = next((m for m in BIRTH.finditer(low) if not _LOOKS_BACK.search(low, 0, m.start())), None)
        if birth and not hits:
            hits.append((0, birth.start(), 0.8, view.span_folded(index, birth.start(), birth.end())))
        stated = stated_day(low, view.posted_local.date())
        shift = -1 if _YESTERDAY.search(low) else 1 if _TOMORROW.search(low) else 0
        said_today = bool(_TODAY.search(low))
        not_now = bool(_NOT_NOW.search(low))
        agos = [m.end() for m in _AGO.finditer(low)]
        years_ago = [(number_value(m[1]), m.end()) for m in _YEARS_AGO.finditer(low)]
        for n, pos, conf, span in hits:
            subjects = _subjects(view, family, index, pos)
            if not subjects:
                continue
            sure_day = context or said_today or shift or n == 0
            births = {end for years, end in years_ago if years == n}
            # "today" wins over another day said ("Leo turned 5 today 🎂 party on Sunday")
            elsewhen = not said_today and (not_now or any(end not in births for end in agos))
            day = stated or (None if elsewhen or not sure_day
                             else view.posted_local.date() + timedelta(days=shift))
            text = part.text
            for subject in subjects:
                yield AgeClaim(subject=subject, age=n, day=day, post=view.id,
                               excerpt=text[max(0, pos - 40): pos + 50].strip(), confidence=conf, span=span)
        yield from _hashtag_claims(view, family, index, low, stated if context else None)


def _hashtag_claims(view: PostView, family: Family, index: int, low: str, day: date | None) -> Iterator[AgeClaim]:
    """ "#LeoAge6", "#Kai5": the age of the child whose name the hashtag starts with (no other child's)."""
    for m in _HASHTAG_AGE.finditer(low):
        n = int(m[3])
        if not 0 < n <= 18 or not m[2] and not BIRTHDAY_CONTEXT.search(low):
            continue  # "#Leo7" is an age in a birthday post, a shirt number in a match report
        for child in family.cast.children:
            if m[1] in {fold(child.name), *(fold(a) for a in child.aliases)}:
                today = BIRTHDAY_CONTEXT.search(low) and (_TODAY.search(low) or _TODAY_TAG.search(low))
                when = day or (view.posted_local.date() if today else None)
                yield AgeClaim(subject=family.ids[child.key], age=n, day=when, post=view.id,
                               excerpt=view.parts[index].text[max(0, m.start() - 40): m.end() + 10].strip(),
                               confidence=0.6, span=view.span_folded(index, m.start(), m.end()))
                break


def _phrase_start(low: str, m: re.Match[str], group: int) -> int:
    """Where an age phrase's words start: the match, or the "(" of "Leo (4)" (the letter before is context)."""
    return m.start(group) - 1 if low[m.start(group) - 1:m.start(group)] == "(" else m.start()


#: The weekday of a birth or a birthday said in the days after it: "born Sunday night", "was born two nights ago,
#: on Tuesday", "turned 9 on Saturday".
_BORN_ON_WEEKDAY = re.compile(r"\b(?:born|turned\s+" + _N + r")\b[^.!?\n]{0,30}?\bon\s+(?:last\s+)?(" + _WEEKDAY_NAMES
                              + r")\b|\bborn\s+(?:last\s+)?(" + _WEEKDAY_NAMES + r")\b")


def stated_day(low: str, posted: date) -> date | None:
    """The day a folded caption names ("on the 3rd of May", "born 10/22"), in the year that puts it
    on or before the posting date, or the last such weekday on or before it ("born Tuesday night" posted
    on Thursday); None when it names none."""
    options: list[tuple[int, int]] = []
    if m := _DAY_MONTH.search(low):
        options.append((lx.MONTH_FORMS[m[2]], int(m[1])))
    elif m := _MONTH_DAY.search(low):
        options.append((lx.MONTH_FORMS[m[1]], int(m[2])))
    elif m := _NUMERIC_DAY.search(low):
        a, b = int(m[1]), int(m[2])
        options += [(a, b), (b, a)]  # month first (US) or day first: the nearer past day wins
    elif (m := _BORN_ON_WEEKDAY.search(low)) and not _TODAY.search(low) and (number_value(m[1] or "0") or 0) <= 18:
        # a weekday this week, the posting day included ("turned 9 on Saturday" posted that Saturday); not when
        # the post says today ("Leo is 6 today, Grandad turned 70 on Saturday")
        weekday = lx.WEEKDAY_FORMS[m[2] or m[3]]
        return posted - timedelta(days=(posted.weekday() - weekday) % 7)
    days = []
    for month, dom in options:
        for year in (posted.year, posted.year - 1):
            day = _safe_date(year, month, dom) if 1 <= month <= 12 and 1 <= dom <= 31 else None
            if day is not None and day <= posted + timedelta(days=2):
                days.append(day)
                break
    return max(days, default=None)


_SENTENCE_END = re.compile(r"[.!?\n]")
_TWINS_ARE = re.compile(r"\b(?:twins|jumelles|jumeaux|gemelos|gemelas|mellizos)\s+"
                        r"(?:are|were|turn|turns|turned|just\s+turned|"
                        r"will\s+be|cumplen|ont)\s+$")


def _subjects(view: PostView, family: Family, part: int, pos: int) -> list[str]:
    """The child nearest the number (both twins of "Alfie & Teddy"); none when a friend, relative
    or adult is nearer."""
    people = family.cast.by_post.get(view.id, [])
    text = view.parts[part].text
    if any(p.role == "other_child" and any(m.part == part and not _SENTENCE_END.search(text, min(m.start, pos),
                                                                                      max(m.start, pos))
                                           for m in p.in_post(view.id))
           for p in people):
        return []  # "Happy 5th birthday to Ruby's bestie Mae": not our child's age (a friend at the party,
        # said in another sentence, is no sign of that)
    if _TWINS_ARE.search(fold(text[max(0, pos - 30):pos])):
        named = list(dict.fromkeys(family.ids[c.key] for c in family.children_in(view)))
        if len(named) == 2:
            return named  # "The twins are six today! Ama wanted ..., Kofi wanted ...": both of them
    best, best_mention, dist = None, None, 10**6
    kids_end = {m.end for c in family.children_in(view) for m in c.in_post(view.id) if m.part == part}
    for person in (p for p in people if p.role not in ("unknown", "place", "character")):  # "Welcome" is nobody
        for m in person.in_post(view.id):
            if m.part != part or abs(m.start - pos) >= dist:
                continue
            if person.role != "child" and any(text[e:m.start].isspace() for e in kids_end if e < m.start):
                continue  # a middle name ("Zawadi Rehema is SIX today", named after Bibi Rehema): the child's
            best, best_mention, dist = person, m, abs(m.start - pos)
    if best is not None and best.role in ("other_child", "relative", "adult", "parent", "pet"):
        return []
    if best is not None and best.role == "child" and best_mention is not None:
        if _SOMEONE_ELSES.match(fold(text[best_mention.end:best_mention.end + 40])):
            return []  # "Happy 5th birthday to Olivia's bestie!!": the friend's birthday, named or not
        out = [family.ids[best.key]]
        for other in family.children_in(view):
            for m in other.in_post(view.id):
                gap = text[min(m.end, best_mention.end):max(m.start, best_mention.start)]
                if other is not best and m.part == part and re.fullmatch(r"\s*(?:&|and|\+)\s*", gap):
                    out.append(family.ids[other.key])  # "our twins Alfie & Teddy are 2 today"
        return out
    subject = family.about(view)
    return [] if subject == FAMILY else [subject]


#: After a child's name, words that make the age someone else's: "Olivia's bestie", "Jack's little friend".
_SOMEONE_ELSES = re.compile(r"(?:'s|’s)\s+(?:(?:little|big|best|new|old)\s+)?(?:"
                            + "|".join(sorted((re.escape(w) for w in lx.FRIEND_WORDS), key=len, reverse=True))
                            + r"|cousins?)\b")


def add_age_facts(book: FactBook, family: Family, views: Sequence[PostView], as_of: date) -> None:
    """Birthday (MM-DD), birth year and age on ``as_of`` for each child, from every age claim."""
    by_child: dict[str, list[AgeClaim]] = defaultdict(list)
    for view in views:
        by_child_claims = {}
        for claim in _claims(view, family):
            key = (claim.subject, claim.age)
            if key not in by_child_claims or claim.confidence > by_child_claims[key].confidence:
                by_child_claims[key] = claim
        for claim in by_child_claims.values():
            by_child[claim.subject].append(claim)
    for subject, claims in by_child.items():
        dated = [c for c in claims if c.day]
        birth: date | None = None
        if dated:
            votes: dict[str, float] = defaultdict(float)
            for c in dated:
                votes[c.day.strftime("%m-%d")] += c.confidence
            # the day most claims put within a day of it: "starting school tomorrow" in one post, "born six years
            # ago today" in the next, outvote a sibling's birthday post that names this child too
            mmdd = max(votes, key=lambda k: (sum(c.confidence for c in dated
                                                 if _days_apart(c.day, int(k[:2]), int(k[3:])) <= 1), votes[k]))
            month, day = int(mmdd[:2]), int(mmdd[3:])
            for c in dated:
                if _days_apart(c.day, month, day) <= 2:
                    ev = Evidence(post=c.post, source=EvidenceSource.CAPTION, excerpt=c.excerpt,
                                  explanation=f"birthday on {c.day.day} {c.day:%B} ({c.age} that day)", span=c.span)
                    book.add(FactKind.BIRTHDAY, subject, mmdd, ev, c.confidence, key="birthday", advice=ADVICE)
            years = defaultdict(float)
            for c in dated:
                if _days_apart(c.day, month, day) <= 2:
                    years[c.day.year - c.age] += c.confidence
            year = max(years, key=lambda y: years[y])
            for c in dated:
                if c.day.year - c.age == year and _days_apart(c.day, month, day) <= 2:
                    ev = Evidence(post=c.post, source=EvidenceSource.INFERENCE, excerpt=c.excerpt,
                                  explanation=f"{c.age} on {c.day.day} {c.day:%B %Y}, so born in {year}", span=c.span)
                    book.add(FactKind.BIRTH_YEAR, subject, year, ev, c.confidence, key="birth_year", advice=ADVICE)
                    book.add(FactKind.AGE, subject, _age_on(year, month, day, as_of), ev, c.confidence,
                             key="age", advice=ADVICE)
            birth = _safe_date(year, month, day)
        if birth is None:
            best = max(claims, key=lambda c: c.confidence)
            view_date = next((v.posted_local for v in views if v.id == best.post), None)
            if view_date:
                age_now = best.age + max(0, int((as_of - view_date.date()).days // 365.25))
                ev = Evidence(post=best.post, source=EvidenceSource.INFERENCE, excerpt=best.excerpt,
                              explanation=f"{best.age} when posted on {view_date.day} {view_date:%B %Y}", span=best.span)
                book.add(FactKind.AGE, subject, age_now, ev, best.confidence * 0.7, key="age", advice=ADVICE)


def _days_apart(day: date, month: int, dom: int) -> int:
    target = _safe_date(day.year, month, dom) or day
    return min(abs((day - target).days), 366 - abs((day - target).days))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, month, 28) if month == 2 else None


def _age_on(year: int, month: int, day: int, as_of: date) -> int:
    return as_of.year - year - ((as_of.month, as_of.day) < (month, day))
