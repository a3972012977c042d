"""Plain words for parents: times, places, lists and posts said as people say them, never as data."""

import re
from datetime import datetime, date

import pytest

from kidsafe.models import FAMILY, Dossier, Evidence, EvidenceSource, Fact, FactKind, GeoPoint, Subject
from kidsafe.report import plain
from kidsafe.report.narrative import child_story, family_story, reveal_steps

COORDINATES = re.compile(r"-?\d{1,3}\.\d{3,}")
HOME = {"lat": 53.983, "lon": -1.529, "radius_m": 150}


@pytest.mark.parametrize(("day", "time", "said"), [
    ("Tuesday", "09:39", "Tuesday mornings around 9:30"),
    ("Thursday", "16:00", "Thursday afternoons around 4 o'clock"),
    ("Saturday", "18:50", "Saturday evenings around 7 o'clock"),
    ("Monday", None, "Mondays"),
])
def test_plain_weekly_time(day, time, said):
    assert plain.weekly_time(day, time) == said


@pytest.mark.parametrize(("items", "said"), [
    (["Bluey", "dinosaur"], "Bluey and dinosaurs"),
    (["football"], "football"),
    (["puppy", "bus", "trains", "swimming"], "puppies, buses, trains and swimming"),
    (["Peppa Pig", "dinosaur", "dinosaur"], "Peppa Pig and dinosaurs"),
])
def test_plain_favourites_read_as_english(items, said):
    assert plain.favourites(items) == said


def test_plain_compass_and_distance():
    home = GeoPoint(53.983, -1.529)
    assert plain.compass(home, GeoPoint(54.0037, -1.5585)) == "north-west"
    assert plain.compass(home, GeoPoint(53.983, -1.50)) == "east"
    assert plain.distance(420) == "400 m"
    assert plain.distance(2567) == "2.6 km"
    assert plain.distance(61_800) == "62 km"


def test_plain_post_label_is_date_and_first_words_never_a_file_name():
    label = plain.post_label(datetime(2024, 9, 4, 8, 40), "First day at big school 🎒😭 she didnt even look back")
    assert label == "4 Sep 2024, “First day at big school 🎒😭…”"
    assert plain.post_label(None, "") == "undated post, a photo without a caption"


def _fact(kind, subject, value, post="1"):
    return Fact(kind, subject, value, 0.9, (Evidence(post, EvidenceSource.EXIF, "GPS"),))


def _dossier():
    subjects = (Subject("child-1", "child", "Jack", (), "boy"), Subject(FAMILY, "family"))
    facts = (
        _fact(FactKind.CHILD_NAME, "child-1", "Jack"),
        _fact(FactKind.HOME, FAMILY, HOME),
        _fact(FactKind.TOWN, FAMILY, "Harrogate"),
        _fact(FactKind.PLACE, "child-1", {"name": None, "lat": 54.0037, "lon": -1.5585, "role": "activity"}),
        _fact(FactKind.PLACE, "child-1", {"name": "Oatlands Infant School", "lat": 53.98235, "lon": -1.5217,
                                          "role": "school"}),
        _fact(FactKind.LOCATION_LEAK, FAMILY, {"lat": 53.9831, "lon": -1.5291}, "2"),
        _fact(FactKind.LOCATION_LEAK, FAMILY, {"lat": 53.98236, "lon": -1.52171}, "3"),
        _fact(FactKind.ROUTINE, "child-1", {"weekday": "Tuesday", "time": "09:39", "activity": None}),
        _fact(FactKind.FAVOURITE, "child-1", "Bluey"),
        _fact(FactKind.FAVOURITE, "child-1", "dinosaur"),
    )
    return Dossier(subjects=subjects, facts=facts, posts_read=3, audit_date=date(2025, 6, 1))


def test_plain_places_said_from_home_never_as_coordinates():
    d = _dossier()
    words = {f.kind: plain.fact_words(d, f) for f in d.facts if f.kind is not FactKind.LOCATION_LEAK}
    assert words[FactKind.HOME] == "a spot in Harrogate, to within about 150 m"
    leaks = [plain.fact_words(d, f) for f in d.facts_of_kind(FactKind.LOCATION_LEAK)]
    assert leaks == ["taken at home", "taken at Oatlands Infant School"]
    activity = plain.fact_words(d, d.facts[3])
    assert activity == "an activity place, 3 km north-west of home, in Harrogate"
    for text in (*words.values(), *leaks, activity):
        assert not COORDINATES.search(text), text


def test_plain_stories_and_reveal_have_no_coordinates_and_plural_favourites():
    d = _dossier()
    told = [*child_story(d, "child-1"), *family_story(d), *(s.text for s in reveal_steps(d))]
    assert not [t for t in told if COORDINATES.search(t)]
    assert "He loves Bluey and dinosaurs." in told
    assert "Jack loves Bluey and dinosaurs." in told  # one reveal step for a child's favourites
    assert any("Tuesday mornings around 9:30" in t for t in told)


def test_plain_a_named_place_is_told_by_its_distance_from_home():
    step = next(s for s in reveal_steps(_dossier()) if s.kind is FactKind.PLACE and "Oatlands" in s.text)
    assert step.text == "The photos show where Oatlands Infant School is: 500 m east of home, in Harrogate."


def test_plain_relatives_are_named_in_one_sentence():
    d = _dossier()
    d = Dossier(subjects=d.subjects, facts=(*d.facts, _fact(FactKind.RELATIVE, FAMILY, "Nana Sue"),
                                            _fact(FactKind.RELATIVE, FAMILY, "Grandad Mick")),
                posts_read=3, audit_date=d.audit_date)
    assert "Relatives are named: Nana Sue and Grandad Mick." in family_story(d)


def test_plain_the_command_line_summary_has_no_coordinates():
    from kidsafe.report.summary import to_text

    text = to_text(_dossier())
    assert "home: a spot in Harrogate, to within about 150 m" in text
    assert not COORDINATES.search(text), text


def test_plain_places_the_family_returns_to_read_as_english():
    d = _dossier()
    relative = _fact(FactKind.PLACE, FAMILY, {"name": None, "lat": 54.0123, "lon": -1.459, "role": "relative"})
    other = _fact(FactKind.PLACE, FAMILY, {"name": None, "lat": 54.0037, "lon": -1.5585, "role": "other"})
    assert plain.fact_words(d, relative).startswith("a relative's home, ")
    assert plain.fact_words(d, other) == "a place you go back to, 3 km north-west of home, in Harrogate"


def _with_account_parent(d, *posts):
    """The dossier with a parent's name read from the account's profile (evidence of no post), and from ``posts``."""
    evidence = (Evidence("", EvidenceSource.SIDECAR, "Thủy"), *(Evidence(p, EvidenceSource.CAPTION, "Thủy") for p in posts))
    parent = Fact(FactKind.PARENT_NAME, FAMILY, "Thủy", 0.9, evidence)
    return Dossier(subjects=d.subjects, facts=(*d.facts, parent), posts_read=3, audit_date=d.audit_date), parent


def test_plain_a_fact_from_the_accounts_profile_cites_it_not_an_empty_list_of_posts():
    from kidsafe.report.summary import to_text

    d, parent = _with_account_parent(_dossier())
    assert plain.given_away_by(parent) == "your account's profile"
    assert "parent: Thủy  [your account's profile]" in to_text(d)
    d, parent = _with_account_parent(_dossier(), "4", "7")
    assert plain.given_away_by(parent) == "2 posts and your account's profile"
    assert "parent: Thủy  [posts 4, 7; your account's profile]" in to_text(d)
    assert plain.given_away_by(_dossier().facts[0]) == "1 post"


def test_plain_the_handout_counts_no_post_for_the_accounts_name():
    from kidsafe.report.handout import handout_html

    html = handout_html(_with_account_parent(_dossier())[0])
    assert "<td>your account&#x27;s profile</td>" in html and "<td>0</td>" not in html


def test_plain_evidence_cited_counts_posts_once_and_never_the_account_as_a_post():
    account, caption = Evidence("", EvidenceSource.SIDECAR, "Thủy"), Evidence("4", EvidenceSource.CAPTION, "Thủy")
    assert plain.cited_by([caption, Evidence("4", EvidenceSource.HASHTAG, "#x")]) == "1 post"
    assert plain.cited_by([account]) == "your account's profile"  # the "…and N more" line said "1 post"
    assert plain.cited_by([caption, account]) == "1 post and your account's profile"


def test_plain_evidence_is_shown_once_per_post():
    """A fact "given away by 2 posts" shows two: a post cited for its caption, hashtag and photo text is one."""
    cap, tag, sign = (Evidence("5", s, "x")
                      for s in (EvidenceSource.CAPTION, EvidenceSource.HASHTAG, EvidenceSource.OCR))
    other, account = Evidence("9", EvidenceSource.CAPTION, "y"), Evidence("", EvidenceSource.SIDECAR, "z")
    assert plain.one_per_post([cap, tag, sign, other, account]) == [cap, other, account]


def test_plain_counts_say_their_noun_in_the_right_number():
    assert [plain.counted(n, "child", "children") for n in (0, 1, 2)] == ["0 children", "1 child", "2 children"]
    assert plain.counted(1, "photo") == "1 photo" and plain.counted(3, "photo") == "3 photos"


def test_plain_dates_and_counts_read_as_a_person_writes_them():
    from datetime import date

    from kidsafe.report.plain import long_date, photos_carry_place

    assert long_date(date(2025, 6, 1)) == "1 June 2025"
    assert photos_carry_place(1) == "1 photo carries the exact place it was taken"
    assert photos_carry_place(19) == "19 photos carry the exact place they were taken"


def test_plain_distances_and_post_labels_read_cleanly():
    from datetime import datetime

    assert plain.distance(3000) == "3 km" and plain.distance(3400) == "3.4 km" and plain.distance(400) == "400 m"
    label = plain.post_label(datetime(2024, 3, 10, 10, 55), "Mother's Day breakfast in bed (well... toast crumbs in bed")
    assert "...…" not in label and label.endswith("…”"), label


def test_plain_markdown_summary_shows_text_from_the_posts_literally():
    """`--markdown` printed a post id "<b id='x'>p1</b>" and a warning's file name as they came: a Markdown viewer
    would have read them as HTML or a link. A family with nothing of its own says so under its heading."""
    from kidsafe.models import FeedWarning
    from kidsafe.report.summary import to_text

    subjects = (Subject("child-1", "child", "Jack", (), "boy"), Subject(FAMILY, "family"))
    facts = (_fact(FactKind.CHILD_NAME, "child-1", "Jack"), _fact(FactKind.AGE, "child-1", 6, "<b id='x'>p1</b>"))
    d = Dossier(subjects=subjects, facts=facts, posts_read=1, audit_date=date(2025, 6, 1),
                warnings=(FeedWarning("[pic](javascript:alert(1)).jpg", "not an image"),))
    text = to_text(d, markdown=True)
    assert not re.search(r"(?<!\\)[<\[]", text.replace("[posts", "")), text  # every bracket escaped
    assert "Nothing about the family as a whole." in text
