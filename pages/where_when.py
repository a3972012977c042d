"""Where and when: home, school and activity places on an offline map, and the week's routine by day and hour."""

import streamlit as st

from kidsafe.report import narrative, wherewhen
from kidsafe.report.plain import Places, posts_count
from ui import charts, render, state

state.init_defaults()
state.through_app("pages/where_when.py")
st.title("Where and when")
run = render.need_run()
if run is not None:
    d = run.dossier
    points = wherewhen.map_points(d)
    st.subheader("Where")
    if not points:
        st.info("No place can be put on a map from these posts.", icon=":material/location_off:")
    else:
        st.markdown("Every place a stranger can put on a map from these posts. This map is drawn on this "
                    "computer from the positions alone: no map is fetched from the internet.")
        near, far = wherewhen.split_local(points)
        st.altair_chart(charts.place_map(near, charts.theme()), width="stretch")
        if far:
            posts = len(set(p for point in far for p in point.posts))
            st.caption(f"Not drawn: {len(far)} place{'s' if len(far) != 1 else ''} more than "
                       f"{wherewhen.LOCAL_RADIUS_M // 1000} km away (trips, holidays), from "
                       f"{posts_count(posts)}.")
        st.dataframe(charts.places_frame(points, Places(d)), hide_index=True)
        if st.toggle("Details: the map positions (latitude, longitude)", key=state.PREFIX + "where_details"):
            st.dataframe(charts.points_frame(points)[["label", "lat", "lon"]].rename(
                columns={"label": "Place", "lat": "Latitude", "lon": "Longitude"}), hide_index=True)
        online = st.toggle("Show a street map behind the places (downloads map tiles from the internet)",
                           key=state.ONLINE_MAPS,
                           help="Off by default: fetching tiles tells the map server which area you look at.")
        if online:
            st.warning("The map server can now see which area you are looking at.", icon=":material/public:")
            st.map(charts.points_frame(points), latitude="lat", longitude="lon")
    st.subheader("When")
    grid = wherewhen.week_grid(run.result.views, d)
    sentences = narrative.routine_sentences(d)
    for sentence in sentences:
        st.markdown(f":material/schedule: **{render.esc(sentence)}**")
    if grid:
        st.markdown("When the photos were taken, by day of the week and hour. A square outline marks a "
                    "routine a stranger can count on.")
        st.altair_chart(charts.week_chart(grid, charts.theme()), width="stretch")
    else:
        st.info("These posts carry no times.", icon=":material/schedule:")
    if not sentences:
        st.caption("No weekly routine stands out in these posts.")
