"""The only @st.cache_resource factories of the app: the offline models, and the demo family's audit.

Cached resources are shared by every visitor of this server, so nothing a user uploads ever goes
through here (a user's posts and dossier live in their own session: see ui/state.py). The demo
family is no user's data: it ships inside the package, is the same for everyone, and is audited
once per server like a model is loaded once, so "Try the demo family" is instant after the first time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import streamlit as st
from PIL import Image

from kidsafe import nlp
from kidsafe.demo import DEMO_AS_OF, DEMO_FEED
from kidsafe.engine import load_reference_data
from kidsafe.errors import KidsafeError
from kidsafe.media import faces, nudity, ocr
from kidsafe.pipeline import AuditOptions, AuditResult, audit

log = logging.getLogger(__name__)
#: What each optional check does, in words, for the privacy page.
CHECKS = {
    "language": "reads captions for names, places and dates (spaCy, English)",
    "ocr": "reads text inside photos: signs, name labels, uniforms (RapidOCR)",
    "faces": "finds faces in photos (CenterFace)",
    "nudity": "flags photos that may show nudity (open_nsfw)",
}
#: Each check as the Privacy page names it to a parent (the keys above are the code's).
CHECK_LABELS = {"language": "Captions", "ocr": "Text in photos", "faces": "Faces", "nudity": "Nudity"}
_WARM_IMAGE_SIDE = 64


@dataclass(frozen=True, slots=True)
class ModelStatus:
    """Which offline checks are installed and loaded on this server, and why any is missing."""

    available: dict[str, bool]
    problems: dict[str, str]


def _warm(name: str, run: object) -> str | None:
    try:
        run()  # type: ignore[operator]
    except KidsafeError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - a broken model must not take the app down
        log.warning("model %s failed to load: %s", name, type(exc).__name__)
        return f"{type(exc).__name__}: failed to load"
    return None


@st.cache_resource(show_spinner="Loading the offline models (once per server start)…")
def models() -> ModelStatus:
    """Load every offline model once per process (each library module keeps its own), and say which work."""
    blank = Image.new("RGB", (_WARM_IMAGE_SIDE, _WARM_IMAGE_SIDE), (255, 255, 255))
    runs = {
        "language": lambda: (nlp.load(), load_reference_data()),  # the engine's name and place lists too
        "ocr": lambda: ocr.read_text(blank) if ocr.available() else None,
        "faces": lambda: faces.detect_faces(blank) if faces.available() else None,
        "nudity": lambda: nudity.nudity_score(blank) if nudity.available() else None,
    }
    present = {"language": True, "ocr": ocr.available(), "faces": faces.available(), "nudity": nudity.available()}
    problems = {name: problem for name, run in runs.items() if (problem := _warm(name, run))}
    for name, ok in present.items():
        if not ok:
            problems.setdefault(name, "not installed")
    return ModelStatus({name: name not in problems for name in runs}, problems)


@st.cache_resource(show_spinner="Reading the demo family's posts (the first time takes a little while)…")
def demo_result() -> AuditResult:
    """The demo family's audit, built once per server with every check on; shared and read-only."""
    models()
    return audit(DEMO_FEED, as_of=DEMO_AS_OF, options=AuditOptions())
