"""Charts that need no network: places on a blank projection, and a weekday-by-hour grid (Altair/Vega-Lite)."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd
import streamlit as st

from kidsafe.engine.views import WEEKDAY_NAMES
from kidsafe.report.plain import Places
from kidsafe.report.wherewhen import ROLES, MapPoint, WeekCell

#: Each role has its own shape as well as its own colour (meaning never carried by colour alone).
ROLE_SHAPES = {"home": "square", "school": "triangle-up", "activity": "diamond", "place": "cross",
               "photo": "circle"}
ROLE_COLOURS = {"home": "#d62728", "school": "#1f77b4", "activity": "#9467bd", "place": "#8c564b",
                "photo": "#7f7f7f"}
#: Label and outline colours per theme; None (theme not known yet) gets a grey readable on both.
INK = {"light": "#111111", "dark": "#f2f2f2", None: "#8a8a8a"}
OUTLINE = {"light": "#1f4e99", "dark": "#7fb0ff", None: "#4f86d9"}


def theme() -> str | None:
    """The browser's theme type ("light" or "dark"), or None before the browser has said."""
    kind = st.context.theme.type
    return kind if kind in ("light", "dark") else None


def readable(chart: alt.LayerChart, theme: str | None) -> alt.LayerChart:
    """Legend and axis words in the theme's ink (the default grey is below AA contrast on white)."""
    ink = INK[theme]
    return chart.configure_legend(labelColor=ink, titleColor=ink).configure_axis(labelColor=ink, titleColor=ink)


def points_frame(points: Sequence[MapPoint]) -> pd.DataFrame:
    """The map points as a frame (lat, lon, label, role, who, posts)."""
    return pd.DataFrame([{"lat": p.lat, "lon": p.lon, "label": p.label, "role": p.role, "who": p.who,
                          "posts": len(p.posts)} for p in points],
                        columns=["lat", "lon", "label", "role", "who", "posts"])


def places_frame(points: Sequence[MapPoint], places: Places) -> pd.DataFrame:
    """The named places (photos left out) as a readable table: where each is said from home, never as numbers."""
    rows = [{"Place": p.label, "What": p.role, "Whose": p.who,
             "Where": "home" if p.role == "home" else places.where({"lat": p.lat, "lon": p.lon}, by_name=False),
             "Posts": len(p.posts)} for p in points if p.role != "photo"]
    return pd.DataFrame(rows, columns=["Place", "What", "Whose", "Where", "Posts"])


def place_map(points: Sequence[MapPoint], theme: str | None = None) -> alt.LayerChart:
    """The places on a Mercator projection with no base map: shapes, colours and labels."""
    frame = points_frame(points)
    roles = [r for r in ROLES if r in set(frame["role"])]
    scale_shape = alt.Scale(domain=roles, range=[ROLE_SHAPES[r] for r in roles])
    scale_colour = alt.Scale(domain=roles, range=[ROLE_COLOURS[r] for r in roles])
    tooltip = ["label:N", "role:N", "who:N", "posts:N"]

    def layer(rows: pd.DataFrame, size: int) -> alt.Chart:
        return alt.Chart(rows).encode(longitude="lon:Q", latitude="lat:Q").mark_point(
            size=size, filled=True, opacity=0.9, stroke=INK[theme], strokeWidth=1).encode(
            shape=alt.Shape("role:N", scale=scale_shape, title="What"),
            color=alt.Color("role:N", scale=scale_colour, title="What"), tooltip=tooltip)

    # Photos first, small, underneath; the named places on top, large.
    marks = layer(frame[frame["role"] == "photo"], 90) + layer(frame[frame["role"] != "photo"], 360)
    named = frame[frame["role"] != "photo"].reset_index(drop=True)
    # Neighbouring places (home and school are often close) get their labels on alternate sides.
    layers = [marks]
    for side, rows in (("left", named.iloc[::2]), ("right", named.iloc[1::2])):
        if len(rows):
            layers.append(alt.Chart(rows).encode(longitude="lon:Q", latitude="lat:Q", text="label:N").mark_text(
                align=side, dx=14 if side == "left" else -14, dy=-9 if side == "left" else 12, fontSize=14,
                fontWeight="bold", color=INK[theme]))
    return readable(alt.layer(*layers).project(type="mercator").properties(height=420), theme)


def week_frame(cells: Sequence[WeekCell]) -> pd.DataFrame:
    """The week grid as a frame (weekday, hour, posts, routine)."""
    return pd.DataFrame([{"weekday": c.weekday, "hour": c.hour, "posts": c.posts, "routine": c.routine}
                         for c in cells], columns=["weekday", "hour", "posts", "routine"])


def week_chart(cells: Sequence[WeekCell], theme: str | None = None) -> alt.LayerChart:
    """Weekday by hour: darker squares hold more photos, each with its count; routines outlined."""
    frame = week_frame(cells)
    x = alt.X("hour:O", title="Hour of the day", scale=alt.Scale(domain=list(range(24))))
    y = alt.Y("weekday:N", title=None, sort=list(WEEKDAY_NAMES), scale=alt.Scale(domain=list(WEEKDAY_NAMES)))
    heat = alt.Chart(frame).mark_rect().encode(
        # whole numbers on the legend: with one photo a square, Vega's default format showed "1.000000"
        x=x, y=y, color=alt.Color("posts:Q", title="Photos", scale=alt.Scale(scheme="oranges"),
                                  legend=alt.Legend(format="d", tickMinStep=1)),
        tooltip=["weekday:N", "hour:O", "posts:Q", "routine:N"])
    routine = frame[frame["routine"] != ""]
    outline = alt.Chart(routine).mark_rect(fillOpacity=0, stroke=OUTLINE[theme], strokeWidth=3).encode(x=x, y=y)
    dark_cell = alt.datum.posts > max(1, int(frame["posts"].max())) / 2  # white figures on the darker squares
    count = alt.Chart(frame).mark_text(fontSize=11).encode(
        x=x, y=y, text="posts:Q", color=alt.condition(dark_cell, alt.value("#ffffff"), alt.value("#111111")))
    return readable((heat + outline + count).properties(height=280), theme)
