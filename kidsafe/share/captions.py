"""Every caption of a feed redacted, then checked by the stranger engine itself.

After a first pass with the dossier's vocabulary, the redacted captions are audited again as a
text-only feed. Whatever the engine still finds (a second town, a name it had not linked to a
child, a routine) is added to the vocabulary and the captions are redacted again, a few rounds
at most.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from kidsafe.engine.net.lower_case import written_in_lower_case
from kidsafe.engine.net.names import tagged_people
from kidsafe.engine.text import fold
from kidsafe.engine.views import PostView
from kidsafe.kinds import kinds_where
from kidsafe.share.names import feed_names, feed_places
from kidsafe.share.redact import Redacted, redact
from kidsafe.share.terms import Vocabulary, vocabulary
from kidsafe.share.writer import CSV_NAME, Row, posts_csv

log = logging.getLogger(__name__)

MAX_ROUNDS = 3
CHECKED_KINDS = kinds_where("checked")
"""Kinds of fact the text-only check turns into more words to redact: those the shared copy must not
give away. (Other kinds found only after redaction are the engine misreading the new text: "Meet our bunny 🐰"
reads as a pet named "Meet".)"""


@dataclass(frozen=True)
class CaptionPlan:
    """The redacted caption of every post (by input id), the vocabulary used and the rounds run."""

    captions: Mapping[str, Redacted]
    vocab: Vocabulary
    rounds: int


def redact_all(views: Sequence[PostView], vocab: Vocabulary) -> dict[str, Redacted]:
    """Each post's caption redacted with the vocabulary (the words its dossier evidence cites, where it cites
    them; routine posts lose their weekdays too, and every word the caption model tagged as a person goes as a name;
    in a feed written in lower case, lower-case words that can only be names go too; a word of no list that one
    caption uses as a name goes from every caption)."""
    lower_case = written_in_lower_case(v.caption for v in views)
    named = feed_names((v.caption for v in views), vocab, lower_case=lower_case)  # a name in one caption is in all
    return {v.id: redact(v.caption, vocab, routine=v.id in vocab.routine_posts, people=frozenset(tagged_people(v)),
                         cited=vocab.cited.get(v.id, ()), lower_case=lower_case, named=named) for v in views}


def plan_captions(views: Sequence[PostView], vocab: Vocabulary, rows: Callable[[Mapping[str, Redacted]], list[Row]],
                  *, as_of: date, rounds: int = MAX_ROUNDS) -> CaptionPlan:
    """Redact, audit the redacted text alone, add what it still finds, and redact again. A rare word that one
    caption puts where a place stands, or a school's own name it gives, goes from every caption (``feed_places``).

    ``rows`` builds the output's posts.csv rows from the redacted captions (so the check reads
    exactly what will be written); their ids map back to the input posts in order.
    """
    done = 0
    lower_case = written_in_lower_case(v.caption for v in views)
    vocab = replace(vocab, common=frozenset() if lower_case else common_words(v.caption for v in views))
    vocab = vocab.adding(feed_places((v.caption for v in views), vocab, lower_case=lower_case))
    captions = redact_all(views, vocab)
    for done in range(1, rounds + 1):
        found = _still_found(rows(captions), [v.id for v in views], as_of)
        merged = vocab.merged(found)
        if len(merged.terms) == len(vocab.terms) and merged.routine_posts == vocab.routine_posts:
            break
        log.info("captions: round %d adds %d terms", done, len(merged.terms) - len(vocab.terms))
        vocab = merged
        captions = redact_all(views, vocab)
    return CaptionPlan(captions=captions, vocab=vocab, rounds=done)


#: A word in lower case after a lower-case word or a comma: inside a sentence, where a capital would be the word's own.
_INNER_LOWER_WORD = re.compile(r"(?<=[a-z,] )[a-z][a-z'’\-]*[a-z]")


def common_words(captions: Iterable[str]) -> frozenset[str]:
    """Folded words the feed writes in lower case inside a sentence ("the cricket club"): common nouns to it, so
    the same word with a capital at a sentence's start is no place ("Cricket bat and a shirt"). Read only in a feed
    that writes capitals, where a place would have one."""
    return frozenset(fold(m[0]) for caption in captions for m in _INNER_LOWER_WORD.finditer(caption))


def _still_found(rows: list[Row], source_ids: list[str], as_of: date) -> Vocabulary:
    """The vocabulary of what a text-only audit of the rows still finds (ids mapped back to the input's)."""
    from kidsafe.pipeline import AuditOptions, audit

    text_only = [Row(r.id, r.date, r.caption) for r in rows]
    result = audit({CSV_NAME: posts_csv(text_only)}, as_of=as_of,
                   options=AuditOptions(ocr=False, faces=False, nudity=False))
    try:
        dossier = result.dossier
        back = {r.id: src for r, src in zip(rows, source_ids, strict=True)}
        facts = tuple(f for f in dossier.facts if f.kind in CHECKED_KINDS)
        trimmed = type(dossier)(audit_date=dossier.audit_date, posts_read=dossier.posts_read,
                                subjects=dossier.subjects, facts=facts)
        # only its terms are kept: the feed's unread words were read from the captions themselves (0.35 s a round)
        found = vocabulary(trimmed, result.views, town_kind="defuse", read_unread=False)
        return Vocabulary(found.terms, frozenset(back.get(p, p) for p in found.routine_posts))
    finally:
        result.close()
