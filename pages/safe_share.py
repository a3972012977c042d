"""Share safely: a copy of the posts with faces covered, captions made vague and hidden data removed."""

import pandas as pd
import streamlit as st

from kidsafe.safe_share import CAPTION_MODES, FACE_STYLES
from ui import loading, render, state

FACE_WORDS = {"blur": "Blur them", "fill": "Cover them with a solid patch", "emoji": "Cover them with an emoji"}
CAPTION_WORDS = {"redact": "Make them vague (names, ages, places taken out)", "keep": "Keep them as they are"}
NOBODY = "nobody"

state.init_defaults()
st.title("Share safely")
run = render.need_run()
if run is not None:
    st.markdown("kidsafe makes a **copy** of these posts that gives less away: every photo rebuilt from its "
                "pixels alone (no GPS, dates or camera data), faces and telling text covered, captions made "
                "vague. Then it checks the copy as a stranger would. Your own files are not changed.")
    faces = st.radio("Faces", FACE_STYLES, format_func=lambda s: FACE_WORDS.get(s, s), horizontal=True)
    captions = st.radio("Captions", CAPTION_MODES, format_func=lambda s: CAPTION_WORDS.get(s, s), horizontal=True)
    names = [c.name for c in run.dossier.children if c.name]  # selectbox options are plain text: no escaping
    keep = st.selectbox("Leave one face uncovered (for example, your own child in a post only of them)",
                        [NOBODY, *names], format_func=lambda s: "Nobody" if s == NOBODY else s)
    if st.button("Make the safe copy", type="primary", icon=":material/shield:"):
        loading.run_share(run, faces=faces, captions=captions, keep_face_of=None if keep == NOBODY else keep)
    made = state.shared_copy(run.id)
    if made is not None:
        data, report = made
        if report.ok:
            st.success("Every check of the copy passed.", icon=":material/verified_user:")
        else:
            st.warning("The checks of the copy still found something; see below before you share it.",
                       icon=":material/warning:")
            st.dataframe(pd.DataFrame({"Still found": list(report.failures)}), hide_index=True)
        cols = st.columns(3)
        cols[0].metric("Photos", report.photos)
        cols[1].metric("Faces covered", report.faces_covered)
        cols[2].metric("Facts a stranger still finds", sum(report.facts_left.values()),
                       delta=sum(report.facts_left.values()) - sum(report.facts_before.values()),
                       delta_color="inverse")
        st.download_button("Download the safe copy (ZIP)", data, file_name=loading.SHARE_NAME,
                           mime="application/zip", type="primary", icon=":material/download:")
        rows = [{"Post": p.source_post, "New caption": p.caption, "Photos": len(p.photos),
                 "Faces covered": sum(ph.faces_covered for ph in p.photos),
                 "Text covered": sum(ph.text_covered for ph in p.photos)} for p in report.posts]
        st.dataframe(pd.DataFrame(rows), hide_index=True)
