"""Word lists the stranger engine reads captions with, loaded once from ``locale/en/*.json``.

The words live in data files, one a topic (people, pets, characters, school, places, time, activities,
sensitive, not_names); this module only reads them and gives each list the name and type callers use.
All entries are lower case and accent-folded where that matters (see ``text.fold``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).parent / "locale" / "en"


@cache
def locale_words(topic: str) -> dict[str, Any]:
    """One locale file's lists ("people" reads ``locale/en/people.json``), read once."""
    return json.loads((LOCALE_DIR / f"{topic}.json").read_text(encoding="utf-8"))


def word_set(topic: str, key: str) -> frozenset[str]:
    """A list of a locale file as a set, for membership."""
    return frozenset(locale_words(topic)[key])


def word_tuple(topic: str, key: str) -> tuple[str, ...]:
    """A list of a locale file in its written order (order matters where it is tried first to last)."""
    return tuple(locale_words(topic)[key])


def word_dict(topic: str, key: str) -> dict[str, Any]:
    """A mapping of a locale file (word -> what it means)."""
    return dict(locale_words(topic)[key])


# --- Family words -----------------------------------------------------------------------

#: Titles that make the next name a relative ("Nana Pat"), in several languages.
KIN_TITLES = word_set("people", "kin_titles")
#: Kin titles that, alone, say too little of who is meant: any aunt, a parent in some languages, a word.
VAGUE_KIN_TITLES = word_set("people", "vague_kin_titles")

#: Two-word kin titles that are the whole name ("Ah Ma", "Ah Gong"): first word -> the second words.
KIN_PAIRS = {first: frozenset(seconds) for first, seconds in locale_words("people")["kin_pairs"].items()}

#: Kin titles that are never a first name on their own ("Nana" is a title; "Poppy" may be a girl).
PLAIN_KIN_TITLES = word_set("people", "plain_kin_titles")

#: Second words of two-word kin titles ("Bà Ngoại", "Ông Nội"), folded.
KIN_TITLE_SECOND = word_set("people", "kin_title_second")

#: Words for the poster or the other parent, which are not relatives to report.
PARENT_WORDS = word_set("people", "parent_words")

#: Words that say "this is our child" when they stand next to a name.
CHILD_WORDS = word_set("people", "child_words")

#: Words before "sister" that make it a sibling ("big sister Evie"), not a nun's title ("Sister Agnes").
SIBLING_ADJECTIVES = word_set("people", "sibling_adjectives")

#: Words that say the name next to them is a friend's child ("Ruby's bestie Mae").
FRIEND_WORDS = word_set("people", "friend_words")
#: Cousins, nephews, nieces: in a titled name's sentence ("Aunt Erin and the cousins") a sign the title is kinship.
COUSIN_WORDS = word_set("people", "cousin_words")
#: A couple's days ("Father's Day", "years married"): a name in the same sentence is often the other parent.
PARTNER_OCCASION_WORDS = word_set("people", "partner_occasion_words")


def _not_really_kin() -> set[str]:
    """ "Not really our aunty", "not actually his grandad": every pair of the locale's whose- and kin-words; "not a real
    auntie", "not an actual uncle": every kin word ("not a real Sunday" and "not actually raining" are no courtesy)."""
    pairs = word_dict("people", "not_really_kin")
    return ({f"{lead} {whose} {kin}" for lead in ("not really", "not actually") for whose in pairs["whose"]
             for kin in pairs["kin"]}
            | {f"{lead} {kin}" for lead in ("not a real", "not an actual") for kin in pairs["kin"]})


#: Words near a titled adult that make the title a courtesy ("next door", "not really our aunty").
NOT_KIN_WORDS = word_set("people", "not_kin_words") | _not_really_kin()
#: "Not their uncle", "not a real auntie": the words of a denial that opens the sentence right after a titled name.
#: The kin words are kept apart so that a denial counts only for its own title ("Uncle Sid came round. Not our nan
#: though" denies nothing of Sid), by the group each kin word is in (`KIN_DENIAL_GROUPS`).
KIN_DENIAL_WHOSE = tuple(word_dict("people", "not_really_kin")["whose"])
KIN_DENIAL_KIN = tuple(word_dict("people", "not_really_kin")["kin"])
KIN_DENIAL_GROUPS = {word: group for group, words in word_dict("people", "kin_denial_groups").items() for word in words}
#: Denials that name no kin ("No relation", "Not by blood"): they count for any title.
KIN_DENIAL_BARE = word_set("people", "kin_denials")
KIN_LINK_WORDS = word_set("people", "kin_link_words")

#: Phrases that make the name in them a friend's child ("playdate with Noor", "sleepover at Ada's").
FRIEND_CUE_PATTERNS = word_tuple("people", "friend_cue_patterns")

#: Adult honorifics: the next name is an adult (teacher, coach), not a child.
ADULT_HONORIFICS = word_set("people", "adult_honorifics")

#: Phrases that name the other parent ("Tomasz drove the kids to school", "made by Kwame and the kids").
PARENT_CUE_PATTERNS = word_tuple("people", "parent_cue_patterns")

#: Words of a grown-up's day: a name seen only among them is the poster's friend, not a child.
ADULT_CONTEXT = word_tuple("people", "adult_context")

# --- Pets ---------------------------------------------------------------------------------

#: Words of a post about a pet: a name seen among them is the pet's.
PET_WORDS = word_set("pets", "pet_words")

#: Animals a pet is ("the dog", "our kitten"): a post that names one this way has its pet apart from the names.
PET_ANIMALS = word_set("pets", "pet_animals")

#: Emoji of pets, one character each.
PET_EMOJI = word_set("pets", "pet_emoji")

#: Hashtags and hashtag parts of pet posts.
PET_HASHTAG_PARTS = word_set("pets", "pet_hashtag_parts")

#: Phrases that introduce a pet ("Meet Clover 🐰", "Biscuit the spaniel").
PET_INTRO_PATTERNS = word_tuple("pets", "pet_intro_patterns")

# --- Characters, celebrities, brands: never children -----------------------------------------

#: Franchise or character names (folded) that are never a child of the family. Multi-word
#: entries are matched as phrases. Characters that are also common first names are listed
#: in CHARACTER_FIRST_NAMES and count only with their franchise or a fan phrase.
CHARACTERS = word_set("characters", "characters")

#: Character names that are also real first names: a character only near its franchise or a fan phrase.
CHARACTER_FIRST_NAMES = word_set("characters", "character_first_names")

#: The franchise that makes a first-name character a character ("Chase" with "Paw Patrol").
CHARACTER_FRANCHISE = word_dict("characters", "character_franchise")

#: Phrases in which a name is a hero or costume, not a person met ("dressed as Elsa").
FAN_PATTERNS = word_tuple("characters", "fan_patterns")

#: Phrases that make a character or thing a child's favourite ("obsessed with dinosaurs").
FAVOURITE_PATTERNS = word_tuple("characters", "favourite_patterns")

#: Characters that are seasonal visitors or platforms, not a child's favourite worth reporting.
NOT_FAVOURITES = word_set("characters", "not_favourites")

#: Words that mark a post as about a favourite thing ("favourite", "obsessed").
FAVOURITE_CUES = word_tuple("characters", "favourite_cues")

# --- Schools --------------------------------------------------------------------------------

#: Words that end a school or nursery name ("Oakfield Primary", "Little Acorns Montessori").
SCHOOL_TYPE_WORDS = word_dict("school", "school_type_words")

#: Type words that alone ("at Larkfield Primary") make a school name without more context.
STRONG_SCHOOL_TYPES = word_set("school", "strong_school_types")

#: Type words that come before a school's name ("Gaelscoil na Coille", "École Jules Ferry", "Kita Sonnenschein").
PREFIX_SCHOOL_TYPES = word_set("school", "prefix_school_types")

#: Small words that may join the words of a school's name ("Gaelscoil na Móna", "École de la Paix").
SCHOOL_NAME_CONNECTORS = word_set("school", "school_name_connectors")

#: Words and phrases that put a post in a school context.
SCHOOL_CONTEXT = word_tuple("school", "school_context")

# --- Places ---------------------------------------------------------------------------------

#: Words of a holiday post: the places in it are visited, not home.
HOLIDAY_CUES = word_tuple("places", "holiday_cues")

#: Hashtag endings that make the front part a local place ("#harrogatemums", "#leedssnow").
LOCAL_HASHTAG_SUFFIXES = word_tuple("places", "local_hashtag_suffixes")

#: Well-known holiday destinations and resorts, folded: never the family's home town.
RESORTS = word_set("places", "resorts")

#: Words that make a capitalised word a place of the family's daily life ("Valley Gardens").
PLACE_WORDS = word_set("places", "place_words")

#: Words that end a venue's name ("Northfield Aquatic Centre", "Lakeview Community Rink"): a town
#: name inside such a name is the venue's, not the family's town.
VENUE_WORDS = PLACE_WORDS | word_set("places", "venue_words_extra")
#: Capitalised words that end a street's name ("Westfield Rd"): a town name before one is the street's.
STREET_NAME_WORDS = word_set("places", "street_name_words")
#: Words after a place name that keep it the town ("Leeds Town Hall", "Perth City Centre").
TOWN_PART_WORDS = word_set("places", "town_part_words")

# --- Time and activities ---------------------------------------------------------------------

#: Weekday names as the dossier writes them, Monday first.
WEEKDAYS = word_tuple("time", "weekdays")

#: Folded forms of weekday names and abbreviations -> index (Monday = 0).
WEEKDAY_FORMS = word_dict("time", "weekday_forms")
#: Weekday forms that say "every" by themselves (plurals: "Dinsdae is netball").
WEEKDAY_PLURALS = word_set("time", "weekday_plurals")

#: Spanish and French number words (folded) for ages said in those languages ("cinco años", "six ans").
FOREIGN_NUMBER_WORDS = word_dict("time", "foreign_number_words")

#: Words that put a small hour in the morning ("7.15 before school" is 07:15, not 19:15).
MORNING_WORDS = word_tuple("time", "morning_words")
#: Words that put an hour before noon said without am/pm in the evening ("every Sunday night at 8").
EVENING_WORDS = word_tuple("time", "evening_words")
#: Words that, right before a number, make it a count of something else than an age ("Year 3 today", "week 3 today").
COUNTED_NOT_AGES = word_tuple("time", "counted_not_ages")

#: Folded month names and abbreviations -> month number.
MONTH_FORMS = word_dict("time", "month_forms")

#: Activities a child goes to every week: the lexicon word -> the activity's name.
ACTIVITIES = word_dict("activities", "activities")
#: The days at nursery, daycare or a childminder's are routines too ("Mon-Wed nursery"); only the routine finder
#: reads them as activities: to the school finder they are a school's words.
CARE_DAYS = word_dict("activities", "care_days")
ROUTINE_ACTIVITIES = {**ACTIVITIES, **CARE_DAYS}
#: Activities that are first a place ("Brownies at the church hall"): another activity said with them wins.
VENUE_ACTIVITIES = word_set("activities", "venue_activities")

#: Emoji that name an activity.
ACTIVITY_EMOJI = word_dict("activities", "activity_emoji")
#: An activity's name -> the wider kind it is ("ballet" -> "dance"), said beside it.
ACTIVITY_KINDS = word_dict("activities", "activity_kinds")
ACTIVITY_HEADS = word_tuple("activities", "activity_heads")
NOT_ACTIVITY_MODIFIERS = word_set("activities", "not_activity_modifiers")

# --- Sensitive pictures -------------------------------------------------------------------------

#: Words, hashtag parts and emoji of pictures that should never be public, by reason.
SENSITIVE_CUES = {reason: tuple(cues) for reason, cues in locale_words("sensitive")["sensitive_cues"].items()}

# --- Calendar and other capitalised non-names ------------------------------------------------------

#: Capitalised words that are never a first name in a caption, folded.
NOT_NAMES = word_set("not_names", "not_names")
#: The names of languages ("top of her class for English and Ana"): no person a caption speaks of, though a family
#: name ("the Welsh family"), a teacher's ("Mrs French") or a town may be one; only the people finder reads them.
LANGUAGE_NAMES = word_set("not_names", "language_names")
