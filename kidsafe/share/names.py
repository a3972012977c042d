"""Names the dossier did not claim, as spans for the redactor: the engine's name net
(``kidsafe.engine.net.names``) finds them; a word the parent kept stays."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kidsafe.engine.net.names import initial_names, unclaimed_names
from kidsafe.engine.net.places import PLACE_WORDS_SAID
from kidsafe.engine.text import fold
from kidsafe.share.spans import Span
from kidsafe.share.terms import Vocabulary


def person_spans(caption: str, tagged: Iterable[str], vocab: Vocabulary, *, lower_case: bool = False
                 ) -> Iterator[Span]:
    """One span per unclaimed name (the redactor joins "Firstname Middlename" into one run); in a feed written in
    lower case (``lower_case``), lower-case words that can only be names or places too."""
    for start, end, kind in unclaimed_names(caption, tagged, vocab.known(), lower_case=lower_case):
        yield Span(start, end, kind, PLACE_WORDS_SAID if kind == "place" else "")
    for start, end in initial_names(caption):  # "baby Z", "T scored his first goal": a child called by an initial
        if fold(caption[start:end]) not in vocab.kept:
            yield Span(start, end, "person")
