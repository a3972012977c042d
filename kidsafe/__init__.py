"""kidsafe: what a stranger can learn about your children from your own posts."""

import logging

from kidsafe.models import Dossier, Evidence, Fact, FactKind, Post, Subject

__all__ = ["Dossier", "Evidence", "Fact", "FactKind", "Post", "Subject"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
