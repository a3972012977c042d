"""Tests of faces per post (kidsafe.report.pictures) and face evidence in the engine (kidsafe.engine.pictures)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image
from skimage import data as skimage_data  # test-only dependency (requirements-dev.txt)

from kidsafe.engine.facts import FactBook, Family
from kidsafe.engine.people import build_cast
from kidsafe.engine.pictures import add_picture_facts
from kidsafe.engine.views import PostView, TextPart
from kidsafe.models import Dossier, Evidence, EvidenceSource, Fact, FactKind, Photo, Post, Subject
from kidsafe.pipeline import AuditOptions, audit
from kidsafe.report.pictures import face_report, post_faces, several_children_posts


def _ev(post: str) -> Evidence:
    return Evidence(post=post, source=EvidenceSource.CAPTION, excerpt="")


DOSSIER = Dossier(
    audit_date=date(2025, 6, 1), posts_read=1,
    subjects=(Subject("child-1", "child", "Maisie", (), "girl"), Subject("child-2", "child", "Theo", (), "boy"),
              Subject("family", "family")),
    facts=(Fact(FactKind.CHILD_NAME, "child-1", "Maisie", 0.8, (_ev("both"), _ev("maisie"))),
           Fact(FactKind.CHILD_NAME, "child-2", "Theo", 0.8, (_ev("both"),)),
           Fact(FactKind.OTHER_CHILD, "family", "Priya", 0.6, (_ev("friend"),))),
)


@pytest.mark.parametrize(("post", "tags", "faces", "several", "children"), [
    ("maisie", (), 1, False, ("Maisie",)),
    ("maisie", (), 2, False, ("Maisie",)),  # a child and a grown-up
    ("maisie", (), 3, True, ("Maisie",)),  # a group shot
    ("both", (), 2, True, ("Maisie", "Theo")),
    ("both", (), None, True, ("Maisie", "Theo")),  # faces not checked: the names say it
    ("both", (), 1, False, ("Maisie", "Theo")),  # only one face shows
    ("friend", ("Maisie Whitfield",), 2, True, ("Maisie",)),  # ours (tagged) and a friend's child
    ("other", ("Theo Whitfield",), 1, False, ("Theo",)),
    ("other", (), 0, False, ()),
])
def test_pictures_post_faces(post, tags, faces, several, children):
    result = post_faces(Post(post, photos=(Photo("a.jpg", people=tags),)), faces, DOSSIER)
    assert (result.faces, result.several_children, result.children, result.tagged_people) == (
        faces, several, children, tags)


def test_pictures_face_report_counts_faces_per_post(tmp_path, make_scene):
    root = tmp_path / "feed"
    root.mkdir()
    astro = io.BytesIO()
    Image.fromarray(skimage_data.astronaut()).save(astro, "JPEG")
    (root / "a.jpg").write_bytes(astro.getvalue())
    make_scene((320, 240)).save(root / "b.jpg")
    (root / "posts.csv").write_text("id,date,caption,images\n1,2024-05-01,a face,a.jpg\n2,2024-05-02,a house,b.jpg\n"
                                    "3,2024-05-03,words only,\n", encoding="utf-8")
    result = audit(root, as_of=date(2025, 6, 1), options=AuditOptions(ocr=False, nudity=False))
    try:
        report = face_report(result)
    finally:
        result.close()
    assert [(p.post, p.faces) for p in report] == [("1", 1), ("2", 0)]
    assert several_children_posts(report) == []


def _view(post_id: str, caption: str, tags: tuple[str, ...], faces: int | None) -> PostView:
    post = Post(post_id, caption, photos=(Photo(f"{post_id}.jpg", people=tags),))
    return PostView(post=post, parts=(TextPart(caption, EvidenceSource.CAPTION),), people=tags, has_photo=True,
                    face_count=faces)


def test_engine_pictures_face_evidence_joins_the_tagged_childs_name():
    views = [
        _view("1", "Maisie is 5 today 🎂", ("Maisie Whitfield",), 1),
        _view("2", "Maisie and the cake", ("Maisie Whitfield",), 0),  # no face shows: no face evidence
        _view("3", "at the park", ("Priya Shah",), 2),  # not one of the family's children
        _view("4", "a walk", ("Maisie Whitfield",), None),  # faces not checked
    ]
    family = Family.from_cast(build_cast(views))
    book = FactBook()
    add_picture_facts(book, family, views)
    (fact,) = book.facts()
    assert (fact.kind, fact.value) == (FactKind.CHILD_NAME, "Maisie")
    assert fact.subject == family.ids["maisie"]
    assert [(e.post, e.source, e.photo) for e in fact.evidence] == [("1", EvidenceSource.FACE, "1.jpg")]


def test_engine_pictures_face_evidence_adds_to_the_existing_fact():
    views = [_view("1", "Maisie is 5 today 🎂", ("Maisie Whitfield",), 1)]
    family = Family.from_cast(build_cast(views))
    book = FactBook()
    book.add(FactKind.CHILD_NAME, family.ids["maisie"], "Maisie", _ev("1"), 0.8)
    add_picture_facts(book, family, views)
    (fact,) = book.facts()
    assert [e.source for e in fact.evidence] == [EvidenceSource.CAPTION, EvidenceSource.FACE]


@pytest.mark.parametrize(("face_width", "found"), [(48, 1), (96, 1)])
def test_pictures_audit_sees_faces_down_to_its_documented_size(tmp_path, make_scene, face_width, found):
    """The audit's cheaper face input still finds a face 3% of a 1600x1200 photo's width (48 px)."""
    root = tmp_path / "feed"
    root.mkdir()
    head = Image.fromarray(skimage_data.astronaut())  # its face is 88 px wide at 512 px
    head = head.resize((round(512 * face_width / 88),) * 2, Image.Resampling.LANCZOS)
    photo = make_scene((1600, 1200), seed=3)
    photo.paste(head, (900, 500))
    photo.save(root / "a.jpg", quality=90)
    (root / "posts.csv").write_text("id,date,caption,images\n1,2024-05-01,park,a.jpg\n", encoding="utf-8")
    result = audit(root, as_of=date(2025, 6, 1), options=AuditOptions(ocr=False, nudity=False))
    try:
        assert [(p.post, p.faces) for p in face_report(result)] == [("1", found)]
    finally:
        result.close()
