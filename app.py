"""kidsafe's app: what a stranger can learn about your children from your own posts. Runs offline.

Start it with `streamlit run app.py` (or `make run`). This file only sets up the page and routes:
st.navigation below lists every page explicitly, which switches off Streamlit's automatic
discovery of the pages/ folder, so pages/ is just where the page scripts live. Only once this script has
run, though: a freshly started server serves pages/ on its own until then, so each page first makes sure it
runs through here (`state.through_app`).
"""

from pathlib import Path

import streamlit as st

from ui import render, state

# A local file: a material-icon favicon would be fetched from Google's font servers by the browser.
ICON = Path(__file__).parent / "ui" / "icon.png"
st.set_page_config(page_title="kidsafe: the stranger's dossier", page_icon=str(ICON),
                   layout="wide", initial_sidebar_state="auto")  # folded on a phone
state.init_defaults()
PAGES = {
    "Your posts": [
        st.Page("pages/load.py", title="Load posts", icon=":material/upload:", default=True),
        st.Page("pages/dossier.py", title="The stranger's dossier", icon=":material/person_search:"),
        st.Page("pages/where_when.py", title="Where and when", icon=":material/map:"),
        st.Page("pages/fix.py", title="Fix it", icon=":material/build:"),
        st.Page("pages/safe_share.py", title="Share safely", icon=":material/shield:"),
    ],
    "Workshop": [
        st.Page("pages/workshop.py", title="Workshop mode", icon=":material/co_present:"),
    ],
    "About": [
        st.Page("pages/privacy.py", title="Privacy", icon=":material/lock:"),
    ],
}
page = st.navigation(PAGES)
wanted = state.mark_routed()
if wanted:  # a first visit straight to a page, before this script had run (state.through_app)
    st.switch_page(wanted)
render.sidebar()
page.run()
