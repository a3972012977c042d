"""PostView: one post with everything read from it, the engine's only input."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property

from kidsafe.engine.text import Folded, fold
from kidsafe.models import HASHTAG_RE, EvidenceSource, GeoPoint, Post, Span

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: HTML left in text by some exports and cross-posting tools: "Ivy &amp; Noor<br>best pals".
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&apos;": "'", "&nbsp;": " ",
             "&#x27;": "'", "&rsquo;": "’", "&lsquo;": "‘"}
_HTML_BITS = re.compile(r"&(?:amp|lt|gt|quot|apos|nbsp|rsquo|lsquo|#39|#x27);|<br\s*/?>|</?p>", re.IGNORECASE)
_HTML_ELEMENTS = ("a|b|i|u|s|em|strong|small|big|sub|sup|span|div|font|center|h[1-6]|ul|ol|li|table|tr|td|th|img"
                  "|script|style|iframe|svg|video|audio|source|object|embed|link|meta|form|input|button|code|pre"
                  "|blockquote|noscript|marquee")
_HTML_BITS_AND_TAGS = re.compile(_HTML_BITS.pattern + r"|</?(?:" + _HTML_ELEMENTS + r")\b(?:\s[^<>]{0,300})?/?>",
                                 re.IGNORECASE)
"""Entities, line breaks and, in what people typed, the tags of HTML's own elements ("<b>", "<a href=...>",
"<script>"): markup, never a name. A name in angle brackets ("to our <Oscar>") stays a name; text read in a photo
keeps its brackets."""
_BREAK = re.compile(r"<br\s*/?>|</?p>", re.IGNORECASE)


def _plain(bit: str) -> str:
    """What one of ``_HTML_BITS`` stands for: its character, a line break, or a space for any other tag."""
    if bit.startswith("&"):
        return _ENTITIES[bit.lower()]
    return "\n" if _BREAK.fullmatch(bit) else " "


def plain_text(text: str, *, tags: bool = True) -> str:
    """Text with its stray HTML line breaks, tags (``tags``) and the common character entities read as what they
    stand for."""
    if "&" not in text and "<" not in text:
        return text
    return (_HTML_BITS_AND_TAGS if tags else _HTML_BITS).sub(lambda m: _plain(m[0]), text)


def plain_positions(text: str, *, tags: bool = True) -> list[tuple[int, int]]:
    """For each character of ``plain_text(text, tags=tags)``, the [start, end) of the original characters it stands
    for."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in (_HTML_BITS_AND_TAGS if tags else _HTML_BITS).finditer(text):
        out += [(i, i + 1) for i in range(pos, m.start())]
        out.append((m.start(), m.end()))  # "&amp;" is one "&", "<br>" one newline
        pos = m.end()
    return out + [(i, i + 1) for i in range(pos, len(text))]


@dataclass(frozen=True, slots=True)
class TextPart:
    """One piece of text of a post and where it came from (caption, OCR, a comment).

    ``name`` is the post's text it belongs to in the dossier contract (``caption``, ``extra:N``,
    ``ocr:PHOTO``) and ``base`` where it starts there (an OCR line within its photo's lines);
    ``raw`` is the text as read when HTML clean-up changed it. PostView fills them in.
    """

    text: str
    source: EvidenceSource
    photo: str | None = None
    name: str = ""
    base: int = 0
    raw: str | None = None

    def original(self, start: int, end: int, where: list[tuple[int, int]] | None = None) -> tuple[int, int]:
        """Offsets [start, end) of ``text`` as offsets into the named text as read; ``where``: this part's
        `raw_positions`, when the caller keeps them (a long caption's spans each read them otherwise)."""
        if self.raw is not None and start < end:
            where = where if where is not None else self.raw_positions()
            start, end = where[start][0], where[end - 1][1]
        return self.base + start, self.base + end

    def raw_positions(self) -> list[tuple[int, int]]:
        """For each character of ``text``, the [start, end) of ``raw`` it was read from (`plain_positions`)."""
        return plain_positions(self.raw if self.raw is not None else self.text,
                               tags=self.source is not EvidenceSource.OCR)


def cleaned(part: TextPart) -> TextPart:
    """The part with its HTML clean-up done (``plain_text``), the text as read kept in ``raw``; once only."""
    if part.raw is not None:
        return part
    text = plain_text(part.text, tags=part.source is not EvidenceSource.OCR)
    return part if text == part.text else replace(part, text=text, raw=part.text)


def _named(parts: tuple[TextPart, ...]) -> tuple[TextPart, ...]:
    """The parts with their contract names: the caption, each other text in order (``extra:N``), and
    each photo's OCR lines as one text per photo, the lines joined by newlines."""
    out, extra, ocr_ends = [], 0, {}
    for p in parts:
        if p.source is EvidenceSource.CAPTION:
            name, base = "caption", 0
        elif p.source is EvidenceSource.OCR:
            name = f"ocr:{p.photo}"
            base = ocr_ends.get(name, -1) + 1
            ocr_ends[name] = base + len(p.raw if p.raw is not None else p.text)
        else:
            name, base, extra = f"extra:{extra}", 0, extra + 1
        out.append(replace(p, name=name, base=base))
    return tuple(out)


@dataclass(frozen=True)
class PostView:
    """A post as the engine sees it: its texts, its local time, its place, its photo findings.

    ``local_time`` is the best local wall-clock time of the moment shown (EXIF date taken,
    else the posting time); ``posted_local`` is when it was posted, for "today"/"yesterday".

    An audit makes one view per post and annotates it in place, as a spaCy Doc is: the entities
    (``set_entities``) and, when the feed's clock is found late, the times (``set_times``). What is
    derived from the texts (folded, joined, the folding maps) is worked out once per view.
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
        if any(not p.name for p in self.parts):
            object.__setattr__(self, "parts", _named(self.parts))
        parts = tuple(cleaned(p) for p in self.parts)  # not twice: a part cleaned before keeps its raw
        if parts != self.parts:
            object.__setattr__(self, "parts", parts)
        object.__setattr__(self, "folded", tuple(fold(p.text) for p in self.parts))

    def set_entities(self, entities: Sequence[tuple[tuple[str, str], ...]]) -> None:
        """Attach spaCy's (word, label) pairs, one tuple per part, to this view (not to a copy)."""
        if len(entities) != len(self.parts):
            raise ValueError(f"{len(entities)} entity lists for {len(self.parts)} parts")
        object.__setattr__(self, "entities", tuple(entities))

    def set_times(self, local_time: datetime | None, posted_local: datetime | None) -> None:
        """Place this view in time again: an export's UTC stamps read in a zone found after it was made."""
        object.__setattr__(self, "local_time", local_time)
        object.__setattr__(self, "posted_local", posted_local)

    @property
    def id(self) -> str:
        """The post's id."""
        return self.post.id

    @property
    def caption(self) -> str:
        """The caption as posted."""
        return self.post.caption

    @cached_property
    def texts(self) -> dict[str, str]:
        """The post's texts as read, by contract name: what every evidence span's offsets refer to.

        Worked out once per view (every span reads it): callers must not change it."""
        pieces: dict[str, list[str]] = {}
        for p in self.parts:
            pieces.setdefault(p.name, []).append(p.raw if p.raw is not None else p.text)
        texts = {name: "\n".join(lines) for name, lines in pieces.items()}
        if self.post.caption.startswith(texts.get("caption", "")):
            texts["caption"] = self.post.caption  # whole, past the length the engine reads: hashtags are read from it
        return texts

    def hashtag_spans(self) -> list[tuple[str, Span]]:
        """The caption's hashtags (without '#', as ``post.hashtags``), each with its span ("#TeamParker")."""
        return [(m[1], Span("caption", m.start(), m.end(), m[0])) for m in HASHTAG_RE.finditer(self.post.caption)]

    def span(self, part: int, start: int, end: int) -> Span:
        """The span of characters [start, end) of ``parts[part].text``, in the named text as read."""
        p = self.parts[part]
        where = None
        if p.raw is not None:
            where = self._raw_positions.get(part)
            if where is None:
                where = self._raw_positions[part] = p.raw_positions()
        a, b = p.original(start, end, where)
        return Span(p.name, a, b, self.texts[p.name][a:b])

    def span_folded(self, part: int, start: int, end: int) -> Span:
        """The span of characters [start, end) of ``folded[part]`` (folding may change lengths)."""
        maps = self._folding_maps
        if part not in maps:
            maps[part] = Folded(self.parts[part].text)
        folded = maps[part]
        if folded.text == self.folded[part]:
            start, end = folded.span(start, end)
        return self.span(part, start, end)

    def span_joined(self, parts: list[int], sep: str, start: int, end: int, *, folded: bool = False) -> Span:
        """The span of [start, end) of the given parts' texts (folded, or as cleaned) joined by ``sep``.

        When the words run from one part into the next (a school's name on two lines of a sign) the
        span runs across them, which only parts of one named text allow; otherwise it ends with the first.
        """
        texts = [self.folded[i] if folded else self.parts[i].text for i in parts]
        offset = 0
        located = []
        for i, text in zip(parts, texts, strict=True):
            located.append((i, offset, offset + len(text)))
            offset += len(text) + len(sep)
        first = next((x for x in located if x[1] <= start <= x[2]), located[-1])
        last = next((x for x in located if x[1] <= max(start, end - 1) < x[2] + len(sep)), first)
        one = self.span_folded if folded else self.span
        a = one(first[0], start - first[1], min(end, first[2]) - first[1])
        if last[0] == first[0] or self.parts[last[0]].name != a.part:
            return a
        b = one(last[0], 0, min(end, last[2]) - last[1])
        return Span(a.part, a.start, b.end, self.texts[a.part][a.start:b.end])

    def all_span(self, start: int, end: int) -> Span:
        """The span of [start, end) of ``all_folded``."""
        return self.span_joined(list(range(len(self.parts))), "\n", start, end, folded=True)

    @cached_property
    def all_folded(self) -> str:
        """All the post's text, folded, parts separated by newlines."""
        return "\n".join(self.folded)

    @cached_property
    def _raw_positions(self) -> dict[int, list[tuple[int, int]]]:
        """Each cleaned part's `TextPart.raw_positions`, made when a span first asks for it: per span, a caption
        of 50,000 characters with HTML in it took 25 s to audit."""
        return {}

    @cached_property
    def _folding_maps(self) -> dict[int, Folded]:
        """Each part's map from folded back to cleaned characters, made when a span first asks for it."""
        return {}

    @property
    def weekday(self) -> str | None:
        """Weekday name of the local time, if known."""
        return WEEKDAY_NAMES[self.local_time.weekday()] if self.local_time else None
