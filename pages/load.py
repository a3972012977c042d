"""Load posts: the demo family in one click, or your own photos and captions, or a platform export."""

import dataclasses

import streamlit as st

from kidsafe.report.plain import counted
from ui import loading, render, state

state.init_defaults()
state.through_app("pages/load.py")
st.title("What can a stranger learn about your children?")
st.markdown(
    "Load the posts you share (or are about to share). kidsafe reads them **on this computer** and "
    "tells you what a stranger could piece together: names, birthdays, school, home, routines. "
    "Nothing is uploaded anywhere, and nothing is saved."
)
loading.show_load_error()  # at the top, where it is seen without scrolling

demo_col, _ = st.columns([1, 2])
if demo_col.button("Try the demo family", type="primary", icon=":material/family_restroom:", width="stretch"):
    loading.run_demo()
    st.switch_page("pages/dossier.py")

st.subheader("Or load your own posts")
st.markdown(
    "- a **ZIP**: a folder of photos with a `posts.csv` (columns `id,date,caption,images`), or the "
    "data export of **Instagram**, **Facebook** (JSON format) or **Google Photos** (Takeout);\n"
    "- or **photos** (JPEG, PNG, WebP, HEIC) picked together, with a `posts.csv` of their captions;\n"
    "- an export that came in **several parts** (`takeout-…-001.zip`, `-002.zip`, or `.tgz`): pick every part "
    "together, or choose the folder that holds them."
)
files = st.file_uploader("Your posts: one ZIP, or photos and a posts.csv", type=loading.UPLOAD_TYPES,
                         accept_multiple_files=True, key=state.uploader_key(),
                         help="Files stay in this browser session's memory and are dropped when you "
                              "press Forget everything or close the tab.")
folder = st.file_uploader("Or a whole folder: an unzipped export, or the parts of one",
                          accept_multiple_files="directory", key=state.uploader_key() + "-folder",
                          help="Every file in the folder stays in this browser session's memory, as above.")
files = [*(files or []), *(folder or [])]
with st.expander("Checks to run (all offline)"):
    chosen = state.options()
    ocr = st.checkbox("Read text inside photos (signs, name labels, uniforms)", value=chosen.ocr)
    faces = st.checkbox("Find faces", value=chosen.faces)
    nudity = st.checkbox("Flag photos that may show nudity", value=chosen.nudity)
    state.set_options(dataclasses.replace(chosen, ocr=ocr, faces=faces, nudity=nudity))
if st.button("Audit these posts", icon=":material/search:", disabled=not files):
    if files and loading.run_upload(files) is not None:
        st.switch_page("pages/dossier.py")
    st.rerun()  # the page again, with the error at its top and no progress box left behind

run = state.current_run()
if run is not None:
    st.divider()
    st.success(f"Loaded {render.esc(run.label)}: {counted(run.dossier.posts_read, 'post')}, "
               f"{counted(len(run.dossier.children), 'child', 'children')} named.", icon=":material/check_circle:")
    render.warnings(run)
