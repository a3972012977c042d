"""Sensitive pictures (bath, nudity, potty, distress, swimwear) are left out of the safe copy by default.

A post the dossier flags as a sensitive picture is left out whole (its caption says what the
picture shows); so is a post whose caption's words say so by the word list alone ("bath", "crying"), even where
the caption model judged them ordinary: the copy must not hang on the model being right. A photo the nudity
detector flags in another post is left out alone. The parent
can put a post back by hand; the report lists every one either way.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from kidsafe.engine.sensitive import caption_reasons
from kidsafe.media.thumbnails import DISPLAY_NUDITY
from kidsafe.models import FactKind
from kidsafe.pipeline import AuditResult

REASON_WORDS = {"bath": "a bath picture", "nudity": "a picture with nudity", "potty": "a potty or toilet picture",
                "toilet": "a potty or toilet picture", "distress": "a child upset", "swimwear": "a swimwear picture",
                "nappy": "a nappy picture"}
"""How each reason is said to the parent."""


@dataclass(frozen=True, slots=True)
class Sensitive:
    """A sensitive post of the input: why, which photos, whether the whole post goes, and if put back."""

    post: str  # the post's id in the input feed
    reason: str
    photos: tuple[str, ...]  # input paths of the photos concerned
    whole_post: bool
    put_back: bool = False

    @property
    def words(self) -> str:
        """The reason in plain words ("a bath picture")."""
        return REASON_WORDS.get(self.reason, f"a {self.reason} picture")


def sensitive_posts(result: AuditResult, put_back: Collection[str] = ()) -> dict[str, Sensitive]:
    """Every sensitive post of the audit by input id; those in ``put_back`` are marked so and stay in the copy."""
    out: dict[str, Sensitive] = {}
    for fact in result.dossier.facts_of_kind(FactKind.SENSITIVE_IMAGE):
        for post_id in fact.posts:
            post = next((p for p in result.posts if p.id == post_id), None)
            if post is not None and post_id not in out:
                out[post_id] = Sensitive(post_id, str(fact.value), tuple(ph.path for ph in post.photos), True,
                                         post_id in put_back)
    for view in result.views:
        reasons = caption_reasons(view) if view.has_photo and view.id not in out else ()
        if reasons:
            out[view.id] = Sensitive(view.id, min(reasons), tuple(ph.path for ph in view.post.photos), True,
                                     view.id in put_back)
    for post in result.posts:
        flagged = tuple(ph.path for ph in post.photos if _nude(result, ph.path))
        if flagged and post.id not in out:
            out[post.id] = Sensitive(post.id, "nudity", flagged, False, post.id in put_back)
    return out


def _nude(result: AuditResult, path: str) -> bool:
    found = result.findings.get(path)
    return found is not None and found.nudity is not None and found.nudity >= DISPLAY_NUDITY
