"""Small previews of a feed's photos for the app, blurred beyond recognition for sensitive pictures."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from PIL import ImageFilter

from kidsafe.media import photos
from kidsafe.models import Dossier, FactKind

if TYPE_CHECKING:  # media sits below the pipeline: only the type is needed here
    from kidsafe.pipeline import AuditResult

THUMB_SIDE = 240
#: A sensitive picture is never shown larger than this, and only blurred.
BLURRED_SIDE = 120
#: Blurring first shrinks the picture to this many pixels across: no detail survives.
BLUR_GRID = 10
#: Photos the nudity detector scores at least this high are blurred (below the engine's fact threshold: caution).
DISPLAY_NUDITY = 0.5
JPEG_QUALITY = 80


def thumbnail(data: bytes, path: str, *, blur: bool = False, max_side: int = THUMB_SIDE) -> bytes:
    """A JPEG preview of a photo (no metadata kept); ``blur`` makes it a small unrecognisable blur.

    Raises IngestError when the photo cannot be decoded.
    """
    side = min(max_side, BLURRED_SIDE) if blur else max_side
    image = photos.open_image(data, path, max_side=side)
    try:
        if blur:
            w, h = image.size
            grid = (max(1, BLUR_GRID), max(1, round(BLUR_GRID * h / max(w, 1))))
            image = image.resize(grid).resize((w, h)).filter(ImageFilter.GaussianBlur(max(w, h) / 20))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=JPEG_QUALITY)
        return out.getvalue()
    finally:
        image.close()


def sensitive_posts(dossier: Dossier) -> frozenset[str]:
    """Ids of the posts behind any sensitive_image fact."""
    return frozenset(p for f in dossier.facts_of_kind(FactKind.SENSITIVE_IMAGE) for p in f.posts)


def sensitive_photos(result: AuditResult) -> frozenset[str]:
    """Paths of photos never to show unblurred: every photo of a sensitive post, and nudity-flagged photos."""
    posts = sensitive_posts(result.dossier)
    paths = {ph.path for post in result.posts if post.id in posts for ph in post.photos}
    paths |= {path for path, found in result.findings.items()
              if found.nudity is not None and found.nudity >= DISPLAY_NUDITY}
    return frozenset(paths)
