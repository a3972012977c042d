"""Share safely: a copy of the posts with faces covered, captions made vague, hidden data and sensitive pictures out."""

import pandas as pd
import streamlit as st

from kidsafe.media import thumbnails
from kidsafe.share.export import CAPTION_MODES, FACE_STYLES, copy_numbers
from kidsafe.share.leftout import sensitive_posts
from ui import loading, render, state

FACE_WORDS = {"blur": "Blur them", "fill": "Cover them with a solid patch", "emoji": "Cover them with an emoji"}
CAPTION_WORDS = {"redact": "Make them vague (names, ages, places taken out)", "keep": "Keep them as they are"}
NOBODY = "nobody"

state.init_defaults()
state.through_app("pages/safe_share.py")
st.title("Share safely")
run = render.need_run()
if run is not None:
    st.markdown("kidsafe makes a **copy** of these posts that gives less away: every photo rebuilt from its "
                "pixels alone (no GPS, dates or camera data), faces and telling text covered, captions made "
                "vague, sensitive pictures left out. Then it checks the copy three ways. Your own files are "
                "not changed.")
    faces = st.radio("Faces", FACE_STYLES, format_func=lambda s: FACE_WORDS.get(s, s), horizontal=True)
    captions = st.radio("Captions", CAPTION_MODES, format_func=lambda s: CAPTION_WORDS.get(s, s), horizontal=True)
    names = [c.name for c in run.dossier.children if c.name]  # selectbox options are plain text: no escaping
    keep = st.selectbox("Leave one face uncovered (for example, your own child in a post only of them)",
                        [NOBODY, *names], format_func=lambda s: "Nobody" if s == NOBODY else s)
    sensitive = sensitive_posts(run.result)
    put_back: list[str] = []
    if sensitive:
        st.subheader("Sensitive pictures: left out of the copy")
        st.caption("Bath, nudity, potty or toilet, a child upset, swimwear. They stay out of the copy unless "
                   "you put one back.")
        numbers, views = copy_numbers(run.result), render.views_by_id(run)  # as the copy and its report number them
        blurred = thumbnails.sensitive_photos(run.result)
        for post_id, item in sensitive.items():
            with st.container(border=True):
                pic, body = st.columns([1, 4])
                with pic:
                    render.thumb(run, item.photos[0] if item.photos else None, blurred)
                with body:
                    st.markdown(f"**Post {numbers[post_id]}** · {render.esc(render.when(views.get(post_id)))}"
                                f" · {render.esc(item.words)}")
                    if st.checkbox("Put it back in the copy", key=state.put_back_key(run.id, post_id)):
                        put_back.append(str(numbers[post_id]))
    kept = st.text_input("Words to keep as written (separated by commas)", key=state.KEEP_WORDS,
                         help="kidsafe takes out every name it reads. If it takes out a word you want to keep, "
                              "write it here.")
    if st.button("Make the safe copy", type="primary", icon=":material/shield:"):
        loading.run_share(run, faces=faces, captions=captions, keep_face_of=None if keep == NOBODY else keep,
                          put_back=put_back, keep_words=[w.strip() for w in kept.split(",") if w.strip()])
    made = state.shared_copy(run.id)
    if made is not None:
        data, report = made
        if report.safe and not report.chosen_by_hand:
            st.success(report.verdict, icon=":material/verified_user:")
        elif report.safe:  # safe but for what the parent put back: no green tick on a bath picture kept
            st.warning(report.verdict, icon=":material/warning:")
        else:
            st.warning(report.verdict + " See below before you share the copy.", icon=":material/warning:")
            st.dataframe(pd.DataFrame([{"Post": r.post or "", "What is left": r.what, "What to do": r.todo}
                                       for r in report.remaining]), hide_index=True)
        render.metrics(report.counts())
        st.download_button("Download the safe copy (ZIP)", data, file_name=loading.SHARE_NAME,
                           mime="application/zip", type="primary", icon=":material/download:")
        if report.left_out:
            st.dataframe(pd.DataFrame([{"Post": p.post, "Date": p.date, "Why": p.reason,
                                        "In the copy": "yes, put back by you" if p.put_back else "no"}
                                       for p in report.left_out]), hide_index=True)
        rows = [{"Post": p.post, "Date": p.date, "New caption": p.caption, "Photos": len(p.photos),
                 "Faces covered": sum(ph.faces_covered for ph in p.photos),
                 "Text covered": sum(ph.text_covered for ph in p.photos)} for p in report.posts]
        st.dataframe(pd.DataFrame(rows), hide_index=True)
