"""The stranger engine: from posts (PostView) to the dossier a careful stranger would write."""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date

from kidsafe import geo
from kidsafe.engine import gazetteer as gazetteer_module
from kidsafe.engine import learned
from kidsafe.engine import mentions as mentions_module
from kidsafe.engine import tagger
from kidsafe.engine import text as text_module
from kidsafe.engine import towns as towns_module
from kidsafe.engine.ages import add_age_facts
from kidsafe.engine.appearance import add_appearance_facts
from kidsafe.engine.facts import FactBook, Family
from kidsafe.engine.holder import add_holder_facts
from kidsafe.engine.people import build_cast
from kidsafe.engine.people_facts import add_people_facts
from kidsafe.engine.pictures import add_picture_facts
from kidsafe.engine.places import (add_home_fact, add_location_leaks, add_place_facts, add_return_facts, find_home,
                                   find_recurrences, find_returns, spots_away_from_home)
from kidsafe.engine.roles import text_posts
from kidsafe.engine.routines import add_routine_facts
from kidsafe.engine.schools import add_school_facts, school_posts
from kidsafe.engine.sensitive import add_sensitive_facts
from kidsafe.engine.signs import add_sign_facts
from kidsafe.engine.text import fold
from kidsafe.engine.towns import add_town_facts, is_holiday
from kidsafe.engine.views import PostView
from kidsafe.models import Dossier, FactKind, FeedWarning

log = logging.getLogger(__name__)
#: Facts below this confidence are dropped; between it and 0.5 the app shows them as "possible".
MIN_CONFIDENCE = 0.3


def entity_labels(views: Sequence[PostView]) -> dict[str, set[str]]:
    """Folded word -> spaCy entity labels it was given anywhere in the feed."""
    labels: dict[str, set[str]] = defaultdict(set)
    for view in views:
        for part in view.entities:
            for word, label in part:
                if word[:1].isupper():
                    labels[fold(word)].add(label)
    return labels


def build_dossier(views: Sequence[PostView], *, as_of: date, warnings: tuple[FeedWarning, ...] = (),
                  skipped_checks: tuple[str, ...] = (),
                  clock_from_town: Callable[[str], None] | None = None, holder: str = "") -> Dossier:
    """Everything a stranger learns from these posts, as facts with evidence; ``holder`` is the account
    holder's name when the export gives it (see holder.py).

    ``clock_from_town``, when given, is called with the family's town (the one the dossier is surest
    of) before anything reads the posts' times, so that it may set them (``PostView.set_times``): a
    feed whose UTC stamps no position places in time is placed by the town its captions name. It is
    called only when no post has a position, since the home, which the town weighs, reads the times
    of fixes.
    """
    try:
        return _build(views, as_of, warnings, skipped_checks, clock_from_town, holder)
    finally:
        forget_user_text()


def load_reference_data() -> None:
    """Read the engine's offline reference data now: the first-name list, the word list that splits
    run-together hashtags, and the place gazetteer.

    Each is read once per process on first use (about two seconds in all). An audit calls this on
    its language thread, so the reading overlaps the photos instead of delaying the dossier.
    """
    gazetteer_module._name_counts()
    text_module._word_ranks()
    geo.load()


def forget_user_text() -> None:
    """Empty the engine's caches keyed by caption words, so no audit's words outlive it in memory.

    They are process-wide (the app serves many sessions from one process); emptying them at the
    end of every audit costs a little speed and keeps one family's words from the next.
    """
    for cache in (mentions_module._phrase_cues, text_module.split_words, towns_module._is_place,
                  towns_module._neighbours, tagger._tagged, tagger.word_class):
        cache.cache_clear()
    learned.forget_feature_names()
    re.purge()  # re's own cache of compiled patterns holds names a few regexes were built from


def _surest_town(book: FactBook) -> str | None:
    """The town the dossier will be surest of: highest confidence, then most posts."""
    towns = sorted(book.facts(keep=lambda kind, conf: kind is FactKind.TOWN and conf >= MIN_CONFIDENCE),
                   key=lambda f: (-f.confidence, -len(f.posts)))
    return str(towns[0].value) if towns else None


def _build(views: Sequence[PostView], as_of: date, warnings: tuple[FeedWarning, ...],
           skipped_checks: tuple[str, ...], clock_from_town: Callable[[str], None] | None,
           holder: str = "") -> Dossier:
    cast = build_cast(views, entity_labels(views))
    family = Family.from_cast(cast)
    family.text_posts = text_posts(views)
    # Who is who, the home and the town read no time of a post without a position: they come first,
    # so that the town can set a clock for the kinds that do (ages, routines). The town's facts join
    # the book in their usual place.
    provisional = find_home(views, holiday=set())
    holiday = {v.id for v in views if is_holiday(v, provisional.point if provisional else None)}
    home = find_home(views, holiday)
    town_book = FactBook()
    towns = add_town_facts(town_book, family, views, home.point if home else None,
                           home.posts if home else (), school_words=set())
    if clock_from_town is not None and not any(v.gps for v in views) and (town := _surest_town(town_book)):
        clock_from_town(town)
    book = FactBook()
    add_people_facts(book, family, views)
    add_holder_facts(book, family, views, holder)
    add_picture_facts(book, family, views)
    add_age_facts(book, family, views, as_of)
    birth_years = {f.subject: int(f.value) for f in book.facts() if f.kind is FactKind.BIRTH_YEAR}
    family.birth_years = birth_years
    add_location_leaks(book, views)
    add_home_fact(book, views, home)
    book.take(town_book)
    schools = add_school_facts(book, family, views, towns, birth_years)
    spots = spots_away_from_home(views, home)
    recurrences = find_recurrences(spots, holiday)
    told = add_place_facts(book, family, views, home, school_posts(schools), recurrences, holiday)
    add_return_facts(book, family, find_returns(spots, home, holiday, told))
    add_routine_facts(book, family, views, recurrences)
    add_sensitive_facts(book, family, views)
    add_sign_facts(book, views)
    add_appearance_facts(book, family, views)
    facts = book.facts(keep=lambda kind, conf: conf >= MIN_CONFIDENCE)
    log.info("engine: %d children, %d facts", len(cast.children), len(facts))
    return Dossier(audit_date=as_of, posts_read=len(views), subjects=family.subjects(), facts=tuple(facts),
                   warnings=warnings, skipped_checks=skipped_checks, towns_weighed=tuple(book.towns_weighed))
