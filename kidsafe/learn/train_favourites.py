"""Train the favourites tagger (`kidsafe/engine/favourites.py`): `python -m kidsafe.learn.train_favourites`.

Every word of every caption of the train voices is an example, tagged B (first word of a FAVOURITE
span), I (a later word of one) or O. The threshold on B is the one with the best F1 of found
favourites on the dev voices (a found run matches a labelled span when they overlap). The test
voices are never read here.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from kidsafe.engine import favourites
from kidsafe.engine.learned import LinearModel, models_in_use
from kidsafe.learn.corpus import CORPUS_DIR, Voice
from kidsafe.learn.evaluate import as_read
from kidsafe.learn.fitting import overlap_f1, print_meta, train_word_tagger, trainer_parser

CLASSES = ("O", "B", "I")


def examples_of(voices: Sequence[Voice]) -> tuple[list[dict[str, float]], list[str]]:
    rows, labels = [], []
    for voice in voices:
        read = as_read(voice)
        for post in voice.posts:
            spans = [(s.start, s.end) for s in post.spans if s.label == "FAVOURITE" and s.part == 0]
            toks = favourites.tokens(read(post.caption))
            folded = [favourites.fold(t[0]) for t in toks]
            for i, (_, start, end) in enumerate(toks):
                inside = [s for s in spans if s[0] <= start < s[1]]
                label = "O" if not inside else ("B" if any(s[0] == start for s in inside) else "I")
                rows.append(favourites.token_features(toks, i, folded))
                labels.append(label)
    return rows, labels


def span_f1(model: LinearModel, voices: Sequence[Voice]) -> dict:
    """Found favourites against the labelled ones, matched by overlap."""
    with models_in_use(favourites=model):
        return overlap_f1(
            (sorted({(s.start, s.end, "") for s in post.spans if s.label == "FAVOURITE" and s.part == 0}),
             [(f.start, f.end, "") for f in favourites.find_favourites(read(post.caption))])
            for voice in voices for read in (as_read(voice),) for post in voice.posts)


def train(out: Path, c: float = 1.0, root: Path = CORPUS_DIR) -> dict:
    return train_word_tagger(out, examples_of, CLASSES, span_f1, c, root)


def main(argv: list[str] | None = None) -> int:
    args = trainer_parser(__doc__, "favourites").parse_args(argv)
    print_meta(train(args.out, args.C, args.corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
