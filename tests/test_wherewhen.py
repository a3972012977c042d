"""Tests of kidsafe.report.wherewhen: map points from the dossier, and the weekday-by-hour grid."""

from datetime import date, datetime

from kidsafe.engine.views import PostView
from kidsafe.models import FAMILY, Dossier, Evidence, EvidenceSource, Fact, FactKind, Post, Subject
from kidsafe.report.wherewhen import map_points, split_local, week_grid

EV = (Evidence(post="1", source=EvidenceSource.EXIF, excerpt="GPS"),)
KID = Subject(id="child-1", kind="child", name="Zara")


def make(*facts):
    return Dossier(date(2025, 1, 1), 3, subjects=(KID, Subject(FAMILY, "family")),
                   facts=tuple(Fact(k, s, v, 0.9, EV) for k, s, v in facts))


HOME = (FactKind.HOME, FAMILY, {"lat": 51.45, "lon": -2.58, "radius_m": 150})
SCHOOL = (FactKind.PLACE, "child-1", {"name": "Millbrook Academy", "lat": 51.46, "lon": -2.57, "role": "school"})
CLUB = (FactKind.PLACE, "child-1", {"name": None, "lat": 51.44, "lon": -2.60, "role": "activity"})
TRIP = (FactKind.LOCATION_LEAK, FAMILY, {"lat": 50.1, "lon": -5.5})


def test_wherewhen_map_points_roles_and_labels():
    points = map_points(make(HOME, SCHOOL, CLUB, TRIP))
    assert [(p.role, p.label) for p in points] == [
        ("home", "Home (within 150 m)"), ("school", "Millbrook Academy"), ("activity", "Zara's activity place"),
        ("photo", "A photo that carries its position")]
    assert map_points(make(HOME, TRIP), photos=False)[-1].role == "home"


def test_wherewhen_far_places_are_drawn_apart():
    near, far = split_local(map_points(make(HOME, SCHOOL, TRIP)))
    assert [p.role for p in near] == ["home", "school"]
    assert [p.role for p in far] == ["photo"]


def view(pid, when):
    return PostView(post=Post(id=pid), local_time=when)


def test_wherewhen_week_grid_counts_and_marks_routines():
    views = [view("1", datetime(2025, 1, 2, 16, 5)), view("2", datetime(2025, 1, 9, 16, 40)),
             view("3", datetime(2025, 1, 4, 10, 0)), view("4", None)]
    routine = (FactKind.ROUTINE, "child-1", {"weekday": "Thursday", "time": "16:20", "activity": "swimming"})
    cells = week_grid(views, make(routine))
    assert [(c.weekday, c.hour, c.posts, c.routine) for c in cells] == [
        ("Thursday", 16, 2, "Zara: swimming"), ("Saturday", 10, 1, "")]


def test_wherewhen_week_grid_leaves_out_posts_dated_without_a_time():
    """A posts.csv date with no time ("2025-01-04") reads as midnight: no hour is known, so it fills no square;
    a photo's own time of midnight on a post of that day is an hour all the same."""
    midnight = datetime(2025, 1, 4, 0, 0)
    dated = PostView(post=Post(id="1"), local_time=midnight, posted_local=midnight)
    taken = PostView(post=Post(id="2"), local_time=midnight, posted_local=datetime(2025, 1, 4, 9, 30))
    assert [(c.weekday, c.hour, c.posts) for c in week_grid([dated, taken])] == [("Saturday", 0, 1)]


def test_wherewhen_places_gone_back_to_are_labelled_in_words():
    other = (FactKind.PLACE, "child-1", {"name": None, "lat": 51.44, "lon": -2.60, "role": "other"})
    nana = (FactKind.PLACE, FAMILY, {"name": None, "lat": 51.47, "lon": -2.61, "role": "relative"})
    assert [p.label for p in map_points(make(other, nana))] == ["A place you go back to", "A relative's home"]


def test_wherewhen_week_chart_legend_counts_whole_photos():
    """The legend of photos a square counts in whole numbers ("1", never "1.000000")."""
    from kidsafe.report.wherewhen import WeekCell
    from ui.charts import week_chart

    spec = week_chart([WeekCell("Tuesday", 9, 1), WeekCell("Friday", 16, 1)]).to_dict()
    heat = next(layer for layer in spec["layer"] if layer["mark"] == "rect" or layer["mark"].get("type") == "rect")
    assert heat["encoding"]["color"]["legend"]["format"] == "d"
