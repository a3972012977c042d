"""Grade the engine on corpus voices (text only) and on graded feeds, with the stranger test's scorer."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kidsafe.engine.people import FACE_LABEL_PLATFORM
from kidsafe.learn import stranger_score
from kidsafe.learn.corpus import Voice
from kidsafe.engine.views import PostView
from kidsafe.models import Photo, Post


#: The corpus platforms whose exports keep the comments under a photo (each "Author: text") and the people
#: tagged on it: Facebook's. Instagram's export keeps neither, a folder of photos has none, and Google Photos
#: keeps the owner's face labels (``people``) but no comments (docs/EXPORTS.md).
_WITH_COMMENTS_AND_TAGS = frozenset({"facebook"})


def corpus_posts(voice: Voice, exported: bool = True) -> list[Post]:
    """A voice's posts as its platform's reader would give them (``exported``): the caption; on Facebook the
    comments as extra text and the tags as people; on Google Photos the tags as face labels; elsewhere the
    caption alone. The voices are graded so, on what a real export of their platform holds.

    Not ``exported``: every comment and tag the writer gave, on any platform. The models learn from these
    (`voice_views`): more examples of how names are used, and what comments show only ever adds features
    a caption-only feed leaves at zero. Leave-voices-out on the 126 train voices, graded as exported:
    trained so, F1 0.734 with 79 stranger errors; trained as exported, 0.735 with 90.

    Takeout voices' tags are face labels either way. Each post stands for a photo post (the corpus keeps
    the words, not the pictures), so each has a photo with no file behind it: nothing reads it, but the
    engine knows a picture was shared.
    """
    platform_name = voice.meta.get("platform")
    platform = FACE_LABEL_PLATFORM if platform_name == "takeout" else "plain"
    keeps_comments = not exported or platform_name in _WITH_COMMENTS_AND_TAGS
    keeps_people = keeps_comments or platform_name == "takeout"
    return [Post(id=p.id, caption=p.caption, posted_at=p.date, platform=platform,
                 extra_text=tuple(p.comments) if keeps_comments else (),
                 people=tuple(p.tagged) if keeps_people else (),
                 photos=(Photo(f"corpus/{voice.id}/{p.id}.jpg"),)) for p in voice.posts]


def as_read(voice: Voice) -> Callable[[str], str]:
    """A voice's text as an audit reads it: with capitals when the voice writes in lower case
    (`engine.recase`), else as written. Offsets do not move, so the labels' spans still hold."""
    from kidsafe.pipeline import feed_recasing

    return feed_recasing(corpus_posts(voice, exported=False)) or str


def post_views(posts: Sequence[Post]) -> list[PostView]:
    """Posts without photo files as the engine sees them, spaCy's entities included."""
    from kidsafe.pipeline import build_views, with_docs

    return with_docs(build_views(posts, {}, {}), [])


_VIEWS: dict[tuple[str, bool], list[PostView]] = {}


def voice_views(voice: Voice, exported: bool = False) -> list[PostView]:
    """A voice's views, made once per process (training reads each voice several times): to learn from,
    with every comment and tag, or as exported (`corpus_posts`), to grade."""
    key = (str(voice.path), exported)
    if key not in _VIEWS:
        _VIEWS[key] = post_views(corpus_posts(voice, exported))
    return _VIEWS[key]


def recorded_audit(voice: Voice, module: Any) -> list:
    """Audit one voice with ``module.RECORDER`` (owners, schools, aliases) collecting every decision the
    engine weighs, and return what it collected; the recorder is off again afterwards, whatever happens."""
    from kidsafe.engine import build_dossier

    module.RECORDER = []
    try:
        build_dossier(voice_views(voice), as_of=date.fromisoformat(voice.truth["audit_date"]))
        return module.RECORDER
    finally:
        module.RECORDER = None


@dataclass
class Graded:
    """One feed's grading."""

    name: str
    result: stranger_score.Result


@dataclass
class Report:
    """Many feeds graded: micro-averaged as the bench's run.sh averages them."""

    graded: list[Graded] = field(default_factory=list)

    def add(self, name: str, dossier: dict[str, Any], truth: dict[str, Any]) -> Graded:
        graded = Graded(name, stranger_score.score(dossier, truth))
        self.graded.append(graded)
        return graded

    @property
    def totals(self) -> dict[str, float]:
        truth_n = sum(g.result.truth_n for g in self.graded)
        found = sum(g.result.found for g in self.graded)
        out_n = sum(g.result.precision_output_n for g in self.graded)
        tp = sum(g.result.tp for g in self.graded)
        recall = found / truth_n if truth_n else 0.0
        precision = tp / out_n if out_n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"f1": f1, "recall": recall, "precision": precision,
                "stranger_errors": sum(g.result.must_not_claim_hits for g in self.graded), "feeds": len(self.graded)}

    def per_kind(self) -> dict[str, dict[str, float]]:
        """Per fact kind: truth facts, found, output facts, correct outputs, and the three ratios."""
        sums: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for g in self.graded:
            for kind, counts in g.result.per_kind.items():
                for key, value in counts.items():
                    sums[kind][key] += value
        table = {}
        for kind, c in sorted(sums.items()):
            recall = c["found"] / c["truth_n"] if c.get("truth_n") else None
            precision = c["output_ok"] / c["output_n"] if c.get("output_n") else None
            f1 = (2 * precision * recall / (precision + recall)
                  if recall is not None and precision is not None and precision + recall else None)
            table[kind] = {**c, "recall": recall, "precision": precision, "f1": f1}
        return table

    def as_dict(self) -> dict[str, Any]:
        return {"totals": self.totals, "per_kind": self.per_kind(),
                "feeds": {g.name: {"f1": g.result.f1, "recall": g.result.recall, "precision": g.result.precision,
                                   "stranger_errors": g.result.stranger_errors, "missed": g.result.missed,
                                   "false_claims": g.result.false_claims} for g in self.graded}}


def grade_voices(voices: Sequence[Voice]) -> Report:
    """Audit each voice's posts and grade the dossier against its truth file."""
    report = Report()
    from kidsafe.engine import build_dossier
    from kidsafe.report.dossier_json import to_dict

    for voice in voices:
        as_of = date.fromisoformat(voice.truth["audit_date"])
        dossier = build_dossier(voice_views(voice, exported=True), as_of=as_of)
        report.add(voice.id, to_dict(dossier), voice.truth)
    return report


def graded_feeds(folder: Path) -> list[tuple[Path, Path]]:
    """(feed, truth file) pairs in a folder laid out as the bench's run.sh expects."""
    pairs = [(d, d / "truth.json") for d in sorted(folder.iterdir()) if d.is_dir() and (d / "truth.json").exists()]
    pairs += [(z, z.with_name(z.stem + ".truth.json")) for z in sorted(folder.glob("*.zip"))
              if z.with_name(z.stem + ".truth.json").exists()]
    return pairs


def grade_feeds(folder: Path, photo_checks: bool = False) -> Report:
    """Audit every graded feed in ``folder`` (photo checks off unless asked: EXIF and text only) and grade it."""
    from kidsafe.pipeline import AuditOptions, audit
    from kidsafe.report.dossier_json import to_dict

    report = Report()
    options = AuditOptions() if photo_checks else AuditOptions(ocr=False, faces=False, nudity=False)
    for feed, truth_path in graded_feeds(folder):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        result = audit(feed, as_of=date.fromisoformat(truth["audit_date"]), options=options)
        try:
            report.add(feed.name, to_dict(result.dossier), truth)
        finally:
            result.close()
    return report
