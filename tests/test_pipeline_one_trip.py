"""Tests of a post's one trip through the audit: one view per post, annotated in place, one dossier."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import pytest

from kidsafe import pipeline
from kidsafe.engine.views import PostView
from kidsafe.models import Post
from kidsafe.pipeline import AuditOptions, audit

NO_PHOTO_CHECKS = AuditOptions(ocr=False, faces=False, nudity=False)


@pytest.fixture
def made(monkeypatch):
    """Counts of views and dossiers made from here on: views by post id, dossiers under "dossier"."""
    counts: Counter[str] = Counter()
    real_init, real_build = PostView.__post_init__, pipeline.build_dossier

    def counting_init(view: PostView) -> None:
        counts[view.post.id] += 1
        real_init(view)

    def counting_build(*args, **kwargs):
        counts["dossier"] += 1
        return real_build(*args, **kwargs)

    monkeypatch.setattr(PostView, "__post_init__", counting_init)
    monkeypatch.setattr(pipeline, "build_dossier", counting_build)
    return counts


def test_one_trip_a_feed_placed_in_time_by_its_town_makes_each_view_and_the_dossier_once(town_placed_feed, made):
    """The hardest trip: UTC stamps, no position, so the town the captions name sets the clock."""
    result = audit(town_placed_feed, as_of=date(2025, 1, 1), options=NO_PHOTO_CHECKS)
    assert result.views[0].local_time == datetime(2024, 3, 10, 8, 30)  # the town's clock was applied
    assert made.pop("dossier") == 1
    assert made == {view.id: 1 for view in result.views}


def test_one_trip_a_feed_with_positions_makes_each_view_and_the_dossier_once(app_feed, made):
    result = audit(app_feed(), as_of=date(2025, 1, 1), options=NO_PHOTO_CHECKS)
    assert len(result.views) == 4 and result.views[0].gps is not None
    assert made.pop("dossier") == 1
    assert made == {view.id: 1 for view in result.views}


def test_one_trip_the_views_returned_carry_the_entities_read_for_them(town_placed_feed):
    result = audit(town_placed_feed, as_of=date(2025, 1, 1), options=NO_PHOTO_CHECKS)
    words = {word for view in result.views for part in view.entities for word, _ in part}
    assert "Matilda" in words or "Ballarat" in words
    assert all(len(view.entities) == len(view.parts) for view in result.views)


def test_one_trip_entities_are_attached_to_the_same_views():
    post = Post("1", "Lily at Hillcrest Primary in Leeds", datetime(2024, 5, 1, 9))
    views = pipeline.build_views([post], {}, {})
    assert pipeline.with_docs(views, [])[0] is views[0]
    with pytest.raises(ValueError):
        views[0].set_entities([(), ()])  # one list of entities per part
