"""Tests of kidsafe.timezones: a feed's UTC timestamps become local wall-clock times, summer time included."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from kidsafe import timezones
from kidsafe.models import FactKind, GeoPoint, Photo, Post
from kidsafe.pipeline import build_views

UTC = timezone.utc


@pytest.mark.parametrize(("lat", "lon", "zone"), [
    (53.99, -1.54, "Europe/London"),
    (40.71, -74.01, "America/New_York"),
    (34.05, -118.24, "America/Los_Angeles"),
    (33.45, -112.07, "America/Phoenix"),  # Arizona keeps standard time all year
    (-33.87, 151.21, "Australia/Sydney"),
    (6.45, 3.39, "Africa/Lagos"),
    (48.86, 2.35, "Europe/Paris"),
])
def test_timezones_zone_at_a_place(lat, lon, zone):
    assert str(timezones.zone_at(GeoPoint(lat, lon))) == zone


def test_timezones_hanoi_is_seven_hours_ahead_all_year():
    zone = timezones.zone_at(GeoPoint(21.03, 105.85))
    for month in (1, 7):
        assert datetime(2024, month, 1, tzinfo=zone).utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize(("utc", "local"), [
    (datetime(2024, 7, 2, 15, 0, tzinfo=UTC), datetime(2024, 7, 2, 16, 0)),  # British Summer Time
    (datetime(2024, 1, 9, 15, 0, tzinfo=UTC), datetime(2024, 1, 9, 15, 0)),
    (datetime(2024, 3, 31, 0, 30, tzinfo=UTC), datetime(2024, 3, 31, 0, 30)),  # half an hour before the change
    (datetime(2024, 3, 31, 1, 30, tzinfo=UTC), datetime(2024, 3, 31, 2, 30)),
])
def test_timezones_to_local_follows_summer_time(utc, local):
    assert timezones.to_local(utc, timezones.zone_at(GeoPoint(51.5, -0.12))) == local


def test_timezones_naive_times_are_already_local():
    moment = datetime(2024, 7, 2, 9, 30)
    assert timezones.to_local(moment, timezones.zone_at(GeoPoint(40.71, -74.01))) == moment
    assert timezones.to_local(None, None) is None
    assert timezones.to_local(datetime(2024, 7, 2, 9, 30, tzinfo=UTC), None) == moment  # no position: UTC


def test_timezones_feed_zone_is_where_most_photos_were_taken():
    home = [GeoPoint(53.99 + i / 1000, -1.54) for i in range(5)]
    holiday = [GeoPoint(39.57, 2.65)] * 2  # Majorca
    assert str(timezones.feed_zone(home + holiday)) == "Europe/London"
    assert timezones.feed_zone([]) is None


@pytest.mark.parametrize(("lat", "lon", "zone"), [
    (30.27, -97.74, "America/Chicago"),  # Austin: nearer Denver's principal city than Chicago's
    (29.76, -95.37, "America/Chicago"),  # Houston
    (41.88, -87.63, "America/Chicago"),
    (-31.95, 115.86, "Australia/Perth"),
    (-27.56, 151.95, "Australia/Brisbane"),  # Queensland keeps standard time, New South Wales does not
    (-28.81, 153.28, "Australia/Sydney"),  # Lismore, NSW, near that border
    (43.55, -80.25, "America/Toronto"),
])
def test_timezones_zone_boundaries_decide_near_borders(lat, lon, zone):
    assert str(timezones.zone_at(GeoPoint(lat, lon))) == zone


@pytest.mark.parametrize(("lat", "lon", "zone"), [
    (53.99, -1.54, "Europe/London"), (40.71, -74.01, "America/New_York"), (-33.87, 151.21, "Australia/Sydney"),
])
def test_timezones_without_boundaries_the_nearest_zone_of_the_country(monkeypatch, lat, lon, zone):
    monkeypatch.setattr(timezones, "_boundary_zone", lambda point: None)
    assert str(timezones.zone_at(GeoPoint(lat, lon))) == zone


def test_timezones_without_the_zone_table_the_longitude_decides(monkeypatch):
    monkeypatch.setattr(timezones, "_boundary_zone", lambda point: None)
    monkeypatch.setattr(timezones, "_zones", lambda: ())
    assert timezones.feed_zone([GeoPoint(40.71, -74.01)]) == timezone(timedelta(hours=-5))


def test_timezones_an_exported_summer_post_gets_its_local_hour():
    """A Facebook-like post stamped 15:00 UTC in July, with a photo placed in Leeds: 16:00 locally."""
    post = Post("1", "Swimming!", datetime(2024, 7, 2, 15, 0, tzinfo=UTC),
                photos=(Photo("a.jpg", gps=GeoPoint(53.80, -1.55)),))
    (view,) = build_views([post], {}, {})
    assert view.local_time == datetime(2024, 7, 2, 16, 0)


def test_timezones_check_ins_place_a_feed_without_photo_positions():
    """Facebook strips EXIF: a check-in's coordinates alone put a 21:30 UTC post at 17:30 in Toronto."""
    post = Post("1", "Swim night", datetime(2024, 10, 8, 21, 30, tzinfo=UTC), photos=(Photo("a.jpg"),),
                place_gps=GeoPoint(43.65, -79.38))
    (view,) = build_views([post], {}, {})
    assert view.local_time == datetime(2024, 10, 8, 17, 30)


def test_timezones_a_feed_without_positions_is_placed_by_the_town_it_names(town_placed_feed):
    """An Instagram feed (no GPS) naming its Australian town: a breakfast-time birthday post stamped
    the evening before in UTC is dated the day it was posted there."""
    from kidsafe.pipeline import AuditOptions, audit

    result = audit(town_placed_feed, as_of=date(2025, 1, 1), options=AuditOptions(ocr=False, faces=False, nudity=False))
    assert result.views[0].local_time == datetime(2024, 3, 10, 8, 30)  # 21:30 UTC on the 9th
    birthdays = result.dossier.facts_of_kind(FactKind.BIRTHDAY)
    assert [f.value for f in birthdays] == ["03-10"]
