"""Charts that need no network: places on a blank projection, and a weekday-by-hour grid (Altair/Vega-Lite)."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from kidsafe.engine.views import WEEKDAY_NAMES
from kidsafe.wherewhen import ROLES, MapPoint, WeekCell

#: Each role has its own shape as well as its own colour (meaning never carried by colour alone).
ROLE_SHAPES = {"home": "square", "school": "triangle-up", "activity": "diamond", "place": "cross",
               "photo": "circle"}
ROLE_COLOURS = {"home": "#d62728", "school": "#1f77b4", "activity": "#9467bd", "place": "#8c564b",
                "photo": "#7f7f7f"}


def points_frame(points: Sequence[MapPoint]) -> pd.DataFrame:
    """The map points as a frame (lat, lon, label, role, who, posts)."""
    return pd.DataFrame([{"lat": p.lat, "lon": p.lon, "label": p.label, "role": p.role, "who": p.who,
                          "posts": ", ".join(p.posts[:8])} for p in points],
                        columns=["lat", "lon", "label", "role", "who", "posts"])


def places_frame(points: Sequence[MapPoint]) -> pd.DataFrame:
    """The named places (photos left out) as a readable table."""
    rows = [{"Place": p.label, "What": p.role, "Whose": p.who, "Position": f"{p.lat:.4f}, {p.lon:.4f}",
             "Posts": ", ".join(p.posts[:8])} for p in points if p.role != "photo"]
    return pd.DataFrame(rows, columns=["Place", "What", "Whose", "Position", "Posts"])


def place_map(points: Sequence[MapPoint]) -> alt.LayerChart:
    """The places on a Mercator projection with no base map: shapes, colours and labels."""
    frame = points_frame(points)
    frame = frame.assign(order=frame["role"].map({r: -i for i, r in enumerate(ROLES)})).sort_values("order")
    roles = [r for r in ROLES if r in set(frame["role"])]
    scale_shape = alt.Scale(domain=roles, range=[ROLE_SHAPES[r] for r in roles])
    scale_colour = alt.Scale(domain=roles, range=[ROLE_COLOURS[r] for r in roles])
    base = alt.Chart(frame).encode(longitude="lon:Q", latitude="lat:Q")
    marks = base.mark_point(size=220, filled=True, opacity=0.85).encode(
        shape=alt.Shape("role:N", scale=scale_shape, title="What"),
        color=alt.Color("role:N", scale=scale_colour, title="What"),
        tooltip=["label:N", "role:N", "who:N", "posts:N"])
    named = alt.Chart(frame[frame["role"] != "photo"]).encode(longitude="lon:Q", latitude="lat:Q")
    labels = named.mark_text(align="left", dx=12, dy=-8, fontSize=13, fontWeight="bold").encode(text="label:N")
    return (marks + labels).project(type="mercator").properties(height=420)


def week_frame(cells: Sequence[WeekCell]) -> pd.DataFrame:
    """The week grid as a frame (weekday, hour, posts, routine)."""
    return pd.DataFrame([{"weekday": c.weekday, "hour": c.hour, "posts": c.posts, "routine": c.routine}
                         for c in cells], columns=["weekday", "hour", "posts", "routine"])


def week_chart(cells: Sequence[WeekCell]) -> alt.LayerChart:
    """Weekday by hour: darker squares hold more photos; routines outlined and labelled."""
    frame = week_frame(cells)
    x = alt.X("hour:O", title="Hour of the day", scale=alt.Scale(domain=list(range(24))))
    y = alt.Y("weekday:N", title=None, sort=list(WEEKDAY_NAMES), scale=alt.Scale(domain=list(WEEKDAY_NAMES)))
    heat = alt.Chart(frame).mark_rect().encode(
        x=x, y=y, color=alt.Color("posts:Q", title="Photos", scale=alt.Scale(scheme="oranges")),
        tooltip=["weekday:N", "hour:O", "posts:Q", "routine:N"])
    routine = frame[frame["routine"] != ""]
    outline = alt.Chart(routine).mark_rect(fillOpacity=0, stroke="#1f4e99", strokeWidth=3).encode(x=x, y=y)
    count = alt.Chart(frame).mark_text(fontSize=11).encode(x=x, y=y, text="posts:Q")
    return (heat + outline + count).properties(height=280)
