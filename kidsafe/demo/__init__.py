"""The demo family that ships with kidsafe: a made-up family's posts (photos + posts.csv) to try the tool on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

#: The demo feed folder, in kidsafe's plain format (photos and posts.csv), inside the package.
DEMO_FEED = Path(__file__).resolve().parent / "parker-plain"
#: The demo's posts end in spring 2025: ages are computed on this date so the demo always tells
#: the same story ("she is 5"), whatever the day the app is shown.
DEMO_AS_OF = date(2025, 6, 1)
#: How the demo is named on screen.
DEMO_LABEL = "the demo family"

__all__ = ["DEMO_AS_OF", "DEMO_FEED", "DEMO_LABEL"]
