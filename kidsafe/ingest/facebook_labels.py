"""Facebook's 2024-on ``label_values`` records (check-ins, places you were tagged in, posts on other pages).

These files hold ``[{"timestamp", "media": [...], "label_values": [{"label", "value"} | {"label", "dict": [...]}
| {"label", "vec": [...]}], "fbid"}]`` instead of a post's ``data``/``attachments``. The labels are English
words chosen by Meta ("Message", "Place", "Coordinates"); this module turns one record into the same
fields a post gives, so the reader builds the post the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kidsafe.ingest.common import as_dict, as_list, as_text, point
from kidsafe.models import GeoPoint

#: Labels whose value is words the owner wrote.
TEXT_LABELS = frozenset({"message", "text", "caption", "description", "post", "status", "title"})
#: Labels of the people a record tags.
PEOPLE_LABELS = frozenset({"tags", "tagged", "tagged people", "people", "with", "friends tagged"})
PLACE_LABELS = frozenset({"place", "location", "place tags", "places", "check-in"})
COORDINATES_RE = re.compile(r"\(?\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*\)?")


@dataclass
class LabelRecord:
    """What one ``label_values`` record says: words, a place, people, and the media it shows."""

    texts: list[str] = field(default_factory=list)
    place_name: str | None = None
    place_gps: GeoPoint | None = None
    address: str = ""
    people: list[str] = field(default_factory=list)
    media: list[dict[str, Any]] = field(default_factory=list)


def is_label_record(item: Any) -> bool:
    """True for a record in the ``label_values`` shape."""
    return isinstance(as_dict(item).get("label_values"), list)


def coordinates(text: str) -> GeoPoint | None:
    """``"(38.5758 , -121.4804)"`` (latitude first) as a GeoPoint."""
    match = COORDINATES_RE.fullmatch(text.strip())
    return point(match.group(1), match.group(2)) if match else None


def _pairs(entries: Any) -> dict[str, str]:
    """``[{"label": "Name", "value": "X"}, …]`` as ``{"name": "X"}``."""
    out: dict[str, str] = {}
    for entry in as_list(entries):
        entry = as_dict(entry)
        label, value = as_text(entry.get("label")).casefold(), as_text(entry.get("value"))
        if label and value:
            out.setdefault(label, value)
    return out


def _place(record: LabelRecord, details: dict[str, str]) -> None:
    record.place_name = details.get("name") or details.get("place") or record.place_name
    record.address = details.get("address") or record.address
    record.place_gps = coordinates(details.get("coordinates", details.get("coordinate", ""))) or record.place_gps


def _names(entry: dict[str, Any]) -> list[str]:
    """The names a tags entry lists (``vec`` of values or of name dicts, or one value)."""
    names = [as_text(entry.get("value"))]
    for item in as_list(entry.get("vec")):
        item = as_dict(item)
        names.append(as_text(item.get("value")) or _pairs(item.get("dict")).get("name", ""))
    return [n for n in names if n]


def read_record(item: dict[str, Any]) -> LabelRecord:
    """The words, place, people and media of one ``label_values`` record."""
    record = LabelRecord(media=[as_dict(m) for m in as_list(item.get("media")) if isinstance(m, dict)])
    for entry in as_list(item.get("label_values")):
        entry = as_dict(entry)
        label = as_text(entry.get("label")).casefold()
        details = _pairs(entry.get("dict"))
        if label in PEOPLE_LABELS:
            record.people += _names(entry)
        elif label in PLACE_LABELS or "coordinates" in details:
            _place(record, details or {"name": as_text(entry.get("value"))})
        elif label == "coordinates":
            record.place_gps = coordinates(as_text(entry.get("value"))) or record.place_gps
        elif label == "address":
            record.address = as_text(entry.get("value")) or record.address
        elif label in TEXT_LABELS:
            record.texts.append(as_text(entry.get("value")))
    record.texts = [t for t in record.texts if t]
    return record
