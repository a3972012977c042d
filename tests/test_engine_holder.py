"""The account holder's name (an Instagram or Facebook profile) as a parent's name."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kidsafe.engine import build_dossier
from kidsafe.engine.holder import given_name
from kidsafe.engine.views import PostView, TextPart
from kidsafe.models import EvidenceSource, FactKind, Post


def said(pid: str, caption: str) -> PostView:
    moment = datetime(2024, 5, int(pid) % 27 + 1, 10, 0)
    post = Post(id=pid, caption=caption, posted_at=moment)
    return PostView(post=post, parts=(TextPart(caption, EvidenceSource.CAPTION),), local_time=moment,
                    posted_local=moment)


def parents(captions: list[str], holder: str) -> list[str]:
    views = [said(str(i), c) for i, c in enumerate(captions, 1)]
    return [f.value for f in build_dossier(views, as_of=date(2025, 1, 1), holder=holder).facts_of_kind(FactKind.PARENT_NAME)]


@pytest.mark.parametrize("display, expected", [
    ("Thủy 🌸", "Thủy"), ("Aoife Ní Bhriain", "Aoife"), ("Mama Bear", ""), ("The Smiths", ""),
    ("", ""), ("🌸✨", ""), ("jo.and.kids", ""),
])
def test_the_given_name_opens_the_display_name(display, expected):
    assert given_name(display) == expected


def test_the_holder_of_a_parents_account_is_a_parent_with_no_post_cited():
    captions = ["My daughter lost her first tooth", "Our boys at the beach", "Rainy day crafts with my kids"]
    views = [said(str(i), c) for i, c in enumerate(captions, 1)]
    (fact,) = build_dossier(views, as_of=date(2025, 1, 1), holder="Thủy 🌸").facts_of_kind(FactKind.PARENT_NAME)
    assert fact.value == "Thủy" and fact.posts == ()
    assert fact.evidence[0].as_dict()["post"] is None


def test_a_grandparents_account_names_no_parent():
    captions = ["My grandson is walking!", "Our granddaughter's first swim", "Sunday lunch with my son and the grandkids"]
    assert parents(captions, "Margaret Hughes") == []


def test_a_grandparents_account_that_never_says_my_grandson_names_no_parent():
    """"The grandkids", "Nana's grandbabies" and "my daughter's boys": the children are called the poster's own
    (my daughter) more often than "my grandson", but the feed's share of words for grandchildren says Nana."""
    captions = ["The grandkids at the beach", "Nana's grandbabies made scones", "Grandkids asleep by eight",
                "My daughter dropped the boys off", "My daughter's boys in the garden", "My son came for tea",
                *(f"Walk in the park, day {i}" for i in range(14))]
    assert parents(captions, "Margaret Hughes") == []


def test_a_parent_who_once_mentions_a_niece_is_still_a_parent():
    """One "my niece" in twenty posts, or a grandmother's comments, make no grandparent of the poster."""
    captions = ["My daughter at the beach", "My son's first tooth", "Happy birthday to my gorgeous niece Lily!",
                *(f"Walk in the park, day {i}" for i in range(17))]
    assert parents(captions, "Sarah Jones") == ["Sarah"]


def test_no_holder_no_parent_from_the_account():
    assert parents(["My daughter lost her first tooth"], "") == []
