"""The stranger's dossier: a card per child told as a stranger would, the facts, and the posts behind each."""

import streamlit as st

from kidsafe.media import thumbnails
from kidsafe.models import FAMILY
from kidsafe.report import dossier_json, narrative, plain, risk
from kidsafe.report.handout import handout_html
from kidsafe.report.pictures import face_report
from kidsafe.report.takehome import take_home_html
from ui import render, state

state.init_defaults()
state.through_app("pages/dossier.py")
st.title("The stranger's dossier")
run = render.need_run()
if run is not None:
    d = run.dossier
    st.markdown(f"What anyone who sees {'these' if d.posts_read != 1 else 'this'} "
                f"**{plain.posts_count(d.posts_read)}** can piece together: "
                f"**{render.facts_count(d)}** "
                f"(ages as of {plain.long_date(d.audit_date)}). Open **Why?** under a fact to see the posts that gave it away.")
    render.reading_note(run)
    render.warnings(run)  # at the top: what could not be read changes how far the dossier goes
    sensitive = thumbnails.sensitive_photos(run.result)
    if not d.children:
        st.info("No child is named in these posts. kidsafe can miss things: an empty dossier is not proof "
                "of safety.", icon=":material/info:")
    for child in d.children:
        with st.container(border=True):
            st.header(render.esc(child.name or child.id))
            render.risk_badge(risk.assess(d, child.id))
            render.story(narrative.child_story(d, child.id))
            facts = d.facts_about(child.id)
            render.fact_table(d, facts)
            render.fact_expanders(run, facts, sensitive)
    family = d.facts_about(FAMILY)
    with st.container(border=True):
        st.header("The family")
        render.story(narrative.family_story(d) or ("Nothing found about the family as a whole.",))
        render.fact_table(d, family)
        render.fact_expanders(run, family, sensitive)
    faces = [p for p in face_report(run.result) if p.faces or p.several_children]
    views = render.views_by_id(run)
    if faces:
        with st.container(border=True):
            st.header("Faces in the photos")
            st.markdown(f"**{sum(1 for p in faces if p.faces)} photos** show a face a stranger could recognise; "
                        f"**{sum(1 for p in faces if p.several_children)}** show several children (other "
                        "families' children need their parents' consent). Cover faces with a strong blur or an "
                        "emoji: **Share safely** does it for the whole batch.")
            st.dataframe(
                [{"post": render.post_label(views.get(p.post)), "faces": p.faces,
                  "children named or tagged": ", ".join(p.children),
                  "several children": "yes" if p.several_children else ""} for p in faces],
                hide_index=True, width="stretch")
    left, middle, right = st.columns(3)
    left.download_button("Download the dossier (JSON)", dossier_json.to_json(d), file_name="dossier.json",
                         mime="application/json", icon=":material/download:")
    middle.download_button("Printable dossier (HTML)", handout_html(d), file_name="kidsafe-dossier.html",
                           mime="text/html", icon=":material/print:")
    right.download_button("One-page handout (HTML)", take_home_html(d, source=run.label),
                          file_name="kidsafe-handout.html", mime="text/html", icon=":material/description:")
    st.caption("kidsafe can miss things: what is not listed here may still be out there.")
