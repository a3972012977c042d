"""The dossier page lists the posts whose photos show faces, and flags photos with several children."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import kidsafe.report.pictures as pictures
from kidsafe.report.pictures import PostFaces
from ui import render, resources

pytestmark = [pytest.mark.slow, pytest.mark.load]
APP = str(Path(__file__).resolve().parents[1] / "app.py")


def _demo_app():
    at = AppTest.from_file(APP, default_timeout=60).run()
    next(b for b in at.button if b.label == "Try the demo family").click().run(timeout=900)
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_app_faces_section_lists_posts_with_faces_and_flags_groups(monkeypatch):
    report = [PostFaces(post="7", faces=3, tagged_people=(), several_children=True, children=("A", "B")),
              PostFaces(post="8", faces=1, tagged_people=(), several_children=False, children=("A",)),
              PostFaces(post="9", faces=0, tagged_people=(), several_children=False)]
    monkeypatch.setattr(pictures, "face_report", lambda result: report)
    at = _demo_app()
    assert "Faces in the photos" in [h.value for h in at.header]
    table = next(df.value for df in at.dataframe if "several children" in df.value.columns)
    views = {v.id: v for v in resources.demo_result().views}
    assert list(table["post"]) == [render.post_label(views["7"]), render.post_label(views["8"])]  # by date and words
    assert list(table["several children"]) == ["yes", ""]
    assert any("2 photos" in m.value and "1" in m.value for m in at.markdown)


def test_app_faces_section_absent_without_faces(monkeypatch):
    monkeypatch.setattr(pictures, "face_report", lambda result: [])
    at = _demo_app()
    assert "Faces in the photos" not in [h.value for h in at.header]
