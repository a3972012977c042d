"""The dossier of real camera photos: a location_leak for every photo exiftool finds GPS in, none for the rest."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

from kidsafe.geo import distance_m
from kidsafe.models import FactKind, GeoPoint
from kidsafe.pipeline import AuditOptions, audit

REAL = Path(__file__).parent / "data" / "real-gps"


def _exiftool_readings() -> dict[str, GeoPoint | None]:
    out: dict[str, GeoPoint | None] = {}
    with open(REAL / "real-gps.exiftool.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name = row["SourceFile"].removeprefix("./")
            lat, lon = row["GPSLatitude"], row["GPSLongitude"]
            if not lat or not lon or (float(lat) == 0 and float(lon) == 0):
                out[name] = None
                continue
            sign_lat = -1 if row["GPSLatitudeRef"] == "S" and float(lat) > 0 else 1
            sign_lon = -1 if row["GPSLongitudeRef"] == "W" and float(lon) > 0 else 1
            out[name] = GeoPoint(sign_lat * float(lat), sign_lon * float(lon))
    return out


def test_real_photos_dossier_leaks_match_exiftool_within_50_m(tmp_path):
    feed = tmp_path / "feed"
    feed.mkdir()
    for photo in REAL.iterdir():
        if photo.suffix.lower() in (".jpg", ".heic"):
            shutil.copy(photo, feed / photo.name)
    result = audit(feed, as_of=date(2025, 6, 1), options=AuditOptions(ocr=False, faces=False, nudity=False))
    try:
        leaks = {f.evidence[0].post: f.value for f in result.dossier.facts_of_kind(FactKind.LOCATION_LEAK)}
    finally:
        result.close()
    expected = _exiftool_readings()
    assert set(leaks) == {name for name, point in expected.items() if point is not None}
    for name, value in leaks.items():
        truth = expected[name]
        assert truth is not None
        assert distance_m(GeoPoint(value["lat"], value["lon"]), truth) < 50, name
