"""PostView: one post with everything read from it, the engine's only input."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from kidsafe.engine.text import fold
from kidsafe.models import EvidenceSource, GeoPoint, Post

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: HTML left in text by some exports and cross-posting tools: "Ivy &amp; Noor<br>best pals".
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&apos;": "'", "&nbsp;": " ",
             "&#x27;": "'", "&rsquo;": "’", "&lsquo;": "‘"}
_HTML_BITS = re.compile(r"&(?:amp|lt|gt|quot|apos|nbsp|rsquo|lsquo|#39|#x27);|<br\s*/?>|</?p>", re.IGNORECASE)


def plain_text(text: str) -> str:
    """Text with its stray HTML line breaks and the common character entities read as what they stand for."""
    if "&" not in text and "<" not in text:
        return text
    return _HTML_BITS.sub(lambda m: _ENTITIES.get(m[0].lower(), "\n"), text)


@dataclass(frozen=True, slots=True)
class TextPart:
    """One piece of text of a post and where it came from (caption, OCR, a comment)."""

    text: str
    source: EvidenceSource
    photo: str | None = None


@dataclass(frozen=True)
class PostView:
    """A post as the engine sees it: its texts, its local time, its place, its photo findings.

    ``local_time`` is the best local wall-clock time of the moment shown (EXIF date taken,
    else the posting time); ``posted_local`` is when it was posted, for "today"/"yesterday".
    """

    post: Post
    parts: tuple[TextPart, ...] = ()
    local_time: datetime | None = None
    posted_local: datetime | None = None
    gps: GeoPoint | None = None
    gps_source: EvidenceSource | None = None
    gps_photo: str | None = None
    people: tuple[str, ...] = ()
    has_photo: bool = False
    nudity: float | None = None
    face_count: int | None = None
    entities: tuple[tuple[tuple[str, str], ...], ...] = ()  # per part: spaCy's (word, label) pairs, or empty
    folded: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if any(plain_text(p.text) != p.text for p in self.parts):
            object.__setattr__(self, "parts", tuple(replace(p, text=plain_text(p.text)) for p in self.parts))
        object.__setattr__(self, "folded", tuple(fold(p.text) for p in self.parts))

    @property
    def id(self) -> str:
        """The post's id."""
        return self.post.id

    @property
    def caption(self) -> str:
        """The caption as posted."""
        return self.post.caption

    @property
    def all_folded(self) -> str:
        """All the post's text, folded, parts separated by newlines."""
        return "\n".join(self.folded)

    @property
    def weekday(self) -> str | None:
        """Weekday name of the local time, if known."""
        return WEEKDAY_NAMES[self.local_time.weekday()] if self.local_time else None
