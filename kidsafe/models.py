"""The core types: posts as read from a feed, evidence, facts and the dossier. No I/O here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from kidsafe.kinds import FactKind  # declared with the rest of each kind's metadata; imported from here too

HASHTAG_RE = re.compile(r"#(\w+)", re.UNICODE)


class EvidenceSource(StrEnum):
    """Where a piece of evidence came from."""

    CAPTION = "caption"
    HASHTAG = "hashtag"
    EXIF = "exif"
    OCR = "ocr"
    FACE = "face"
    IMAGE = "image"
    TIMESTAMP = "timestamp"
    SIDECAR = "sidecar"
    INFERENCE = "inference"


@dataclass(frozen=True, slots=True)
class GeoPoint:
    """A latitude/longitude pair in degrees (WGS84)."""

    lat: float
    lon: float

    def as_dict(self) -> dict[str, float]:
        """The contract's ``{"lat": …, "lon": …}`` form, rounded to about 1 m."""
        return {"lat": round(self.lat, 5), "lon": round(self.lon, 5)}


@dataclass(frozen=True, slots=True)
class Photo:
    """One photo of a post, as the feed's platform describes it (before EXIF is read).

    ``path`` is the photo's path inside the feed (POSIX, relative). Platform metadata
    (Takeout sidecars, Facebook places) goes in ``taken_at``, ``gps`` and ``people``.
    """

    path: str
    taken_at: datetime | None = None
    gps: GeoPoint | None = None
    people: tuple[str, ...] = ()
    description: str = ""

    @property
    def name(self) -> str:
        """The photo's base file name."""
        return self.path.rsplit("/", 1)[-1]


#: The platform of a Google Photos Takeout: its people are the owner's names for faces, not accounts tagged.
GOOGLE_PHOTOS = "google_photos"


@dataclass(frozen=True, slots=True)
class Post:
    """One post: its id, when it was posted, its caption and its photos.

    ``posted_at`` is naive local time when the feed gives local time (posts.csv), or
    timezone-aware UTC when it gives a Unix timestamp (platform exports).
    ``extra_text`` holds other text attached to the post that a stranger also reads
    (comments, album descriptions, photo descriptions), without the caption.
    """

    id: str
    caption: str = ""
    posted_at: datetime | None = None
    photos: tuple[Photo, ...] = ()
    platform: str = "plain"
    extra_text: tuple[str, ...] = ()
    place_name: str | None = None
    place_gps: GeoPoint | None = None
    people: tuple[str, ...] = ()  # tagged in the post itself (a Facebook post without photos)

    @property
    def hashtags(self) -> tuple[str, ...]:
        """Hashtags of the caption, without '#', in order."""
        return tuple(HASHTAG_RE.findall(self.caption))


@dataclass(frozen=True, slots=True)
class PhotoInfo:
    """What was read from one photo file: EXIF date and GPS, size, camera."""

    path: str
    width: int | None = None
    height: int | None = None
    format: str | None = None
    taken_at: datetime | None = None
    gps: GeoPoint | None = None
    camera: str | None = None
    orientation: int | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """The words that leak a fact, where they are: ``text == texts[part][start:end]``.

    ``part`` names one of the post's texts as read (``caption``; ``extra:N``, its N-th other text;
    ``ocr:PHOTO``, the lines read in that photo joined by newlines); offsets are Python string
    offsets into that text, before any folding or HTML clean-up.
    """

    part: str
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        """The contract's span object."""
        return {"part": self.part, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence: the post that leaks a fact, where in it, and the leaking words.

    ``span`` is set by the detector that read the words. It takes no part in equality: the same
    excerpt cited twice for a claim stays one piece of evidence, as it was before spans.
    """

    post: str
    source: EvidenceSource
    excerpt: str = ""
    explanation: str = ""
    photo: str | None = None
    span: Span | None = field(default=None, compare=False)

    def as_dict(self) -> dict[str, Any]:
        """The contract's evidence object."""
        # null: evidence from the export's own files (the account holder's name) belongs to no post
        out: dict[str, Any] = {"post": self.post or None, "source": str(self.source), "excerpt": self.excerpt}
        if self.explanation:
            out["explanation"] = self.explanation
        if self.photo:
            out["photo"] = self.photo
        if self.span is not None:
            out["span"] = self.span.as_dict()
        return out


@dataclass(frozen=True, slots=True)
class Fact:
    """One claim of the dossier about a subject, with every piece of evidence for it."""

    kind: FactKind
    subject: str
    value: Any
    confidence: float
    evidence: tuple[Evidence, ...]
    advice: str = ""

    @property
    def posts(self) -> tuple[str, ...]:
        """Ids of the posts that leak this fact, in first-seen order (evidence from the export's own
        files, such as the account holder's name, cites no post)."""
        return tuple(dict.fromkeys(e.post for e in self.evidence if e.post))

    def as_dict(self) -> dict[str, Any]:
        """The contract's fact object."""
        out: dict[str, Any] = {
            "kind": str(self.kind),
            "subject": self.subject,
            "value": self.value,
            "confidence": round(self.confidence, 3),
            "evidence": [e.as_dict() for e in self.evidence],
        }
        if self.advice:
            out["advice"] = self.advice
        return out


@dataclass(frozen=True, slots=True)
class Subject:
    """Someone the dossier is about: a child of the family, or the family itself."""

    id: str
    kind: str  # "child" | "family"
    name: str | None = None
    aliases: tuple[str, ...] = ()
    gender: str | None = None  # "boy" | "girl" | None, as the feed says it

    def as_dict(self) -> dict[str, Any]:
        """The contract's subject object."""
        out: dict[str, Any] = {"id": self.id, "kind": self.kind}
        if self.kind == "child":
            out["name"] = self.name
            out["aliases"] = list(self.aliases)
            if self.gender:
                out["gender"] = self.gender
        return out


FAMILY = "family"


@dataclass(frozen=True, slots=True)
class FeedWarning:
    """A problem with one file of the feed; the rest of the feed is still audited."""

    file: str
    message: str

    def as_dict(self) -> dict[str, str]:
        """The contract's warning object."""
        return {"file": self.file, "message": self.message}


@dataclass(frozen=True, slots=True)
class Dossier:
    """The stranger's dossier: subjects and facts, with the feed's warnings."""

    audit_date: date
    posts_read: int
    subjects: tuple[Subject, ...] = ()
    facts: tuple[Fact, ...] = ()
    warnings: tuple[FeedWarning, ...] = ()
    skipped_checks: tuple[str, ...] = field(default=())
    towns_weighed: tuple[str, ...] = field(default=(), compare=False)
    """Places the town model weighed as the family's town but did not claim (too unsure to tell a parent). Not
    in the dossier's JSON: the safe share, erring on the side of removing, takes them out of the copy too."""

    @property
    def children(self) -> tuple[Subject, ...]:
        """The family's children, in order of first mention."""
        return tuple(s for s in self.subjects if s.kind == "child")

    def facts_about(self, subject_id: str) -> tuple[Fact, ...]:
        """Facts whose subject is the given subject id."""
        return tuple(f for f in self.facts if f.subject == subject_id)

    def facts_of_kind(self, kind: FactKind) -> tuple[Fact, ...]:
        """Facts of one kind."""
        return tuple(f for f in self.facts if f.kind == kind)

    def subject(self, subject_id: str) -> Subject | None:
        """The subject with the given id, if any."""
        return next((s for s in self.subjects if s.id == subject_id), None)
