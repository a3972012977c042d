"""What the safe share changed, per post and per photo, and what its own checks found.

The report written into the ZIP never quotes what was taken out (no names, places or original
file names): it says what kind of thing went and what was written instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kidsafe.kinds import KINDS
from kidsafe.models import FactKind
from kidsafe.report.plain import counted
from kidsafe.share.hashtags import REASONS
from kidsafe.share.outcome import CHECK_WORDS, CHECKS, Remaining
from kidsafe.share.redact import Edit


@dataclass(frozen=True, slots=True)
class PhotoChange:
    """One output photo: what was found in it and what was done."""

    name: str
    source: str  # the photo's path in the input feed (kept out of the ZIP's report)
    faces_found: int
    faces_covered: int
    faces_kept: int = 0
    text_covered: int = 0
    metadata_removed: tuple[str, ...] = ()
    rotated: bool = False
    converted_from: str | None = None
    size: tuple[int, int] = (0, 0)

    def as_dict(self, *, private: bool = False) -> dict[str, Any]:
        """The photo's entry in report.json (``private`` adds the input path)."""
        out: dict[str, Any] = {
            "name": self.name, "faces_found": self.faces_found, "faces_covered": self.faces_covered,
            "faces_kept": self.faces_kept, "text_lines_covered": self.text_covered,
            "metadata_removed": list(self.metadata_removed), "orientation_applied": self.rotated,
            "converted_from": self.converted_from, "width": self.size[0], "height": self.size[1],
        }
        if private:
            out["source"] = self.source
        return out


@dataclass(frozen=True, slots=True)
class PostChange:
    """One output post: its new caption, the edits made to it, and its photos."""

    post: str
    source_post: str  # the post's id in the input feed (kept out of the ZIP's report)
    date: str
    caption: str
    edits: tuple[Edit, ...] = ()
    photos: tuple[PhotoChange, ...] = ()
    left_out: int = 0  # photos that could not be read
    several_children: bool = False

    def as_dict(self, *, private: bool = False) -> dict[str, Any]:
        """The post's entry in report.json."""
        out: dict[str, Any] = {
            "post": self.post, "date": self.date, "caption": self.caption,
            "caption_changes": [{"kind": e.kind, "now": e.replacement} for e in self.edits],
            "photos": [p.as_dict(private=private) for p in self.photos],
            "photos_left_out": self.left_out, "several_children": self.several_children,
        }
        if private:
            out["source_post"] = self.source_post
        return out


@dataclass(frozen=True, slots=True)
class LeftOutPost:
    """A sensitive post of the input: left out of the copy, or put back by the parent."""

    post: str
    source_post: str  # the post's id in the input feed (kept out of the ZIP's report)
    date: str
    reason: str  # in plain words: "a bath picture"
    photos: int
    whole_post: bool
    put_back: bool = False

    def as_dict(self, *, private: bool = False) -> dict[str, Any]:
        """The post's entry in report.json."""
        out: dict[str, Any] = {"post": self.post, "date": self.date, "reason": self.reason, "photos": self.photos,
                               "whole_post": self.whole_post, "put_back": self.put_back}
        if private:
            out["source_post"] = self.source_post
        return out


@dataclass(frozen=True)
class ShareReport:
    """Everything the safe share did, and what its three checks of the copy still found.

    ``remaining`` lists what the checks still find (a fact the fresh audit reads, a family word,
    metadata or a face), each with its post and what to do; the copy is ``safe`` only when all
    three checks ran and nothing remains. ``facts_before`` and ``facts_left`` count the facts of
    the input's dossier and of the fresh audit's, by kind. ``counts`` is the one source of every
    number the app and the command line show.
    """

    out: str
    faces: str
    captions: str
    posts: tuple[PostChange, ...] = ()
    remaining: tuple[Remaining, ...] = ()
    notes: tuple[str, ...] = ()
    facts_left: Mapping[str, int] = field(default_factory=dict)
    facts_before: Mapping[str, int] = field(default_factory=dict)
    seconds: Mapping[str, float] = field(default_factory=dict)
    keep_face_of: str | None = None
    left_out: tuple[LeftOutPost, ...] = ()
    kept_words: int = 0
    checks_run: tuple[str, ...] = CHECKS

    @property
    def safe(self) -> bool:
        """True only when all three checks ran and none of them found anything."""
        return not self.remaining and set(CHECKS) <= set(self.checks_run)

    @property
    def ok(self) -> bool:
        """The same as ``safe`` (the name older callers use)."""
        return self.safe

    @property
    def failures(self) -> tuple[str, ...]:
        """Every remaining item as one line."""
        return tuple(r.line for r in self.remaining)

    def counts(self) -> tuple[tuple[str, int], ...]:
        """(label, number) of everything the app and the command line count, in the order they show it."""
        return (
            ("Posts in the copy", len(self.posts)),
            ("Photos in the copy", self.photos),
            ("Faces covered", self.faces_covered),
            ("Caption changes", sum(len(p.edits) for p in self.posts)),
            ("Sensitive posts left out", sum(1 for p in self.left_out if not p.put_back)),
            ("Facts a stranger finds in your posts", sum(self.facts_before.values())),
            ("Facts a stranger still finds in the copy", sum(self.facts_left.values())),
            ("Things still to fix", len(self.remaining)),
        )

    @property
    def verdict(self) -> str:
        """One sentence: safe, or how many things remain."""
        if self.safe:
            chosen = self.chosen_by_hand
            found = ("found nothing else" if chosen else "found nothing")
            kept = f", apart from what you chose to keep ({chosen})" if chosen else ""
            return (f"Safe to share{kept}: the fresh audit, the word check and the metadata check {found}. "
                    "kidsafe can still miss things: read the captions once more before you post them.")
        if not self.remaining:
            return "Not checked in full: " + ", ".join(CHECK_WORDS[c] for c in CHECKS if c not in self.checks_run) \
                + " could not run."
        n = len(self.remaining)
        return f"Not safe yet: {n} thing{'s' if n != 1 else ''} still to fix before sharing."

    @property
    def chosen_by_hand(self) -> str:
        """What the parent chose to keep in the copy, in words ("1 sensitive picture you put back"); "" if nothing."""
        back = sum(1 for p in self.left_out if p.put_back)
        parts = [f"{counted(n, what)} you {how}" for n, what, how in (
            (back, "sensitive picture", "put back"), (self.kept_words, "word", "kept"), ) if n]
        return " and ".join(parts)

    @property
    def photos(self) -> int:
        """Number of photos written."""
        return sum(len(p.photos) for p in self.posts)

    @property
    def faces_covered(self) -> int:
        """Number of faces covered in all photos."""
        return sum(ph.faces_covered for p in self.posts for ph in p.photos)

    def as_dict(self, *, private: bool = False) -> dict[str, Any]:
        """The report as JSON-ready data; ``private`` adds input paths and ids (never written to the ZIP)."""
        return {
            "format": "kidsafe.share/1",
            "faces": self.faces,
            "captions": self.captions,
            "keep_face_of": bool(self.keep_face_of),
            "safe": self.safe,
            "ok": self.ok,
            "verdict": self.verdict,
            "checks_run": list(self.checks_run),
            "remaining": [r.as_dict() for r in self.remaining],
            "failures": list(self.failures),
            "counts": dict(self.counts()),
            "left_out": [p.as_dict(private=private) for p in self.left_out],
            "words_kept_by_you": self.kept_words,
            "notes": list(self.notes),
            "photos": self.photos,
            "faces_covered": self.faces_covered,
            "facts_before_share": dict(sorted(self.facts_before.items())),
            "facts_left_after_share": dict(sorted(self.facts_left.items())),
            "seconds": {k: round(v, 2) for k, v in self.seconds.items()},
            "posts": [p.as_dict(private=private) for p in self.posts],
        }


def to_json(report: ShareReport) -> str:
    """report.json: the report without anything taken out of the feed."""
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=1) + "\n"


def _edit_line(edit: Edit) -> str:
    """One caption edit for people ('child name: "my daughter"', 'hashtag dropped (gives the town)')."""
    if edit.kind.startswith("hashtag:"):
        reason = edit.kind.split(":", 1)[1]
        return f"hashtag dropped ({REASONS.get(reason, reason)})"
    if edit.kind == "lower_case":
        return f'written in lower case so it no longer reads as a place: "{edit.replacement}"'
    said = f'"{edit.replacement}"' if edit.replacement else "removed"
    return f"{edit.kind.replace('_', ' ')}: {said}"


#: How the report names the parent's choices (the code's option names are "blur", "redact"...).
FACE_WORDS = {"blur": "blurred", "fill": "covered with a solid fill", "emoji": "covered with an emoji"}
CAPTION_WORDS = {"redact": "names, places, times and ages made vague", "keep": "kept as written"}


def _fenced(caption: str) -> str:
    """A caption in a fenced block: shown as typed by a Markdown viewer (never a link, bold or HTML) and read
    plainly in a text editor, with no escapes. The fence is longer than any run of backticks in the caption."""
    if not caption:
        return "(no caption)"
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", caption)), default=0))
    return f"{fence}text\n{caption}\n{fence}"


def _kind_label(kind: str) -> str:
    """A kind as a parent reads it ("sensitive picture", not "sensitive_image")."""
    try:
        return KINDS[FactKind(kind)].label
    except (KeyError, ValueError):
        return kind.replace("_", " ")


def to_markdown(report: ShareReport) -> str:
    """report.md: the same report for people."""
    lines = ["# What kidsafe changed before sharing", "", f"**{report.verdict}**", ""]
    lines += [f"- {r.line}" for r in report.remaining] + ([""] if report.remaining else [])
    lines += [f"Faces: {FACE_WORDS.get(report.faces, report.faces)}. Captions: "
              f"{CAPTION_WORDS.get(report.captions, report.captions)}.", ""]
    lines += [f"- {label}: {n}" for label, n in report.counts()]
    if report.left_out:
        lines += ["", "## Sensitive pictures", ""]
        lines += [f"- post {p.post} ({p.date or 'no date'}): {p.reason}, "
                  + ("put back by you" if p.put_back else "left out of the copy") for p in report.left_out]
    if report.notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in report.notes]
    if report.facts_left:
        left = ", ".join(f"{v} {_kind_label(k)}" for k, v in sorted(report.facts_left.items()))
        lines += ["", f"What kidsafe still reads in the shared copy: {left}.", ""]
    for post in report.posts:
        lines += ["", f"## Post {post.post} ({post.date or 'no date'})", "", _fenced(post.caption), ""]
        for edit in post.edits:
            lines.append("- " + _edit_line(edit))
        for photo in post.photos:
            parts = [counted(photo.faces_covered, "face") + " covered"]
            if photo.faces_kept:
                parts.append(f"{photo.faces_kept} kept as asked")
            if photo.text_covered:
                parts.append(counted(photo.text_covered, "line") + " of text covered")
            if photo.metadata_removed:
                parts.append("removed: " + ", ".join(photo.metadata_removed))
            if photo.rotated:
                parts.append("turned upright")
            if photo.converted_from and photo.converted_from != "JPEG":
                parts.append(f"{photo.converted_from} converted to JPEG")
            lines.append(f"- {photo.name}: " + "; ".join(parts))
        if post.left_out:
            lines.append(f"- {counted(post.left_out, 'photo')} could not be read and "
                         + ("was" if post.left_out == 1 else "were") + " left out")
        if post.several_children:
            lines.append("- several children show: ask their parents before sharing")
    return "\n".join(lines).rstrip() + "\n"
