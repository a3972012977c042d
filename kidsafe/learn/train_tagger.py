"""Train the place tagger (`kidsafe/engine/tagger.py`): `python -m kidsafe.learn.train_tagger`.

Every word of every caption of the train voices is an example, tagged B-/I- of a SCHOOL, CLUB or
PLACE span (the corpus's TOWN spans read as places), or O. The threshold on B- is the one with the best F1 of found mentions on the
dev voices (a found run matches a labelled span of its kind when they overlap). The test voices are
never read here.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from kidsafe.engine import tagger
from kidsafe.engine.learned import LinearModel, models_in_use
from kidsafe.learn.corpus import CORPUS_DIR, CorpusPost, Voice
from kidsafe.learn.evaluate import as_read
from kidsafe.learn.fitting import overlap_f1, print_meta, train_word_tagger, trainer_parser


def gold_spans(post: CorpusPost) -> list[tuple[int, int, str]]:
    """The caption's labelled spans of the tagger's kinds."""
    return sorted({(s.start, s.end, tagger.LABEL_KIND[s.label]) for s in post.spans
                   if s.label in tagger.LABEL_KIND and s.part == 0})


def examples_of(voices: Sequence[Voice]) -> tuple[list[dict[str, float]], list[str]]:
    rows, labels = [], []
    for voice in voices:
        read = as_read(voice)
        for post in voice.posts:
            spans = gold_spans(post)
            toks, _, feats = tagger.text_features(read(post.caption))
            for (_, start, _), f in zip(toks, feats, strict=True):
                inside = [s for s in spans if s[0] <= start < s[1]]
                if not inside:
                    label = "O"
                else:
                    span = min(inside, key=lambda s: s[1] - s[0])  # a town inside a school's name: the school
                    label = ("B-" if span[0] == start else "I-") + span[2]
                rows.append(f)
                labels.append(label)
    return rows, labels


def span_f1(model: LinearModel, voices: Sequence[Voice]) -> dict:
    """Found mentions against the labelled ones of the same kind, matched by overlap."""
    with models_in_use(tagger=model):
        return overlap_f1((gold_spans(post), [(m.start, m.end, m.kind) for m in tagger.find_mentions(read(post.caption))])
                          for voice in voices for read in (as_read(voice),) for post in voice.posts)


def train(out: Path, c: float = 1.0, root: Path = CORPUS_DIR) -> dict:
    return train_word_tagger(out, examples_of, tagger.CLASSES, span_f1, c, root)


def main(argv: list[str] | None = None) -> int:
    args = trainer_parser(__doc__, "tagger").parse_args(argv)
    print_meta(train(args.out, args.C, args.corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
