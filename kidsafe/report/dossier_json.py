"""The ``kidsafe.dossier/1`` JSON form of a dossier (spec/dossier-json.md)."""

from __future__ import annotations

import json
from typing import Any

from kidsafe.models import Dossier

SCHEMA = "kidsafe.dossier/1"


def to_dict(dossier: Dossier) -> dict[str, Any]:
    """The dossier as the contract's JSON object."""
    return {
        "schema": SCHEMA,
        "audit_date": dossier.audit_date.isoformat(),
        "posts_read": dossier.posts_read,
        "warnings": [w.as_dict() for w in dossier.warnings],
        "skipped_checks": list(dossier.skipped_checks),
        "subjects": [s.as_dict() for s in dossier.subjects],
        "facts": [f.as_dict() for f in dossier.facts],
    }


def to_json(dossier: Dossier, indent: int | None = 2) -> str:
    """The dossier as JSON text (UTF-8, emoji kept as written)."""
    return json.dumps(to_dict(dossier), ensure_ascii=False, indent=indent)
