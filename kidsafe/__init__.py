"""kidsafe: what a stranger can learn about your children from your own posts."""

import logging
import os

# onnxruntime (OCR, faces, nudity) phones home with usage events unless told not to; kidsafe
# promises no network, so switch that off before any detector imports it.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

from kidsafe.models import Dossier, Evidence, Fact, FactKind, Post, Subject

__all__ = ["Dossier", "Evidence", "Fact", "FactKind", "Post", "Subject"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
