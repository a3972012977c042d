"""Privacy: what runs where, what is kept, and how to forget it all."""

import streamlit as st

from ui import render, resources, state

state.init_defaults()
state.through_app("pages/privacy.py")
st.title("Privacy: what runs where")
st.markdown("""
- **Everything runs on this computer.** Reading captions, dates, GPS positions, text in photos, faces:
  all of it is done by models installed with kidsafe. Nothing is sent to any service, and the app works
  with the network unplugged.
- **Your posts live only in this browser session.** Uploaded files are held in memory, never written to
  disk (the safe copy passes through a temporary file that is deleted at once), never shared with other
  visitors of this app and never logged. Press **Forget everything** (in the sidebar, or below) and they
  are gone; close the tab and they are dropped within a minute.
- **Nothing leaves unless you switch it on.** The only online feature is the street map under
  *Where and when*, off by default; turning it on lets the map server see which area you look at.
- **Usage statistics are off.** Streamlit's telemetry is switched off in this app's settings.
- **kidsafe can miss things.** A short dossier is not proof of safety: a stranger may know more from
  other sources, or from what kidsafe cannot read (videos, stories, comments not in the export).
""")
st.subheader("Checks installed on this computer")
status = resources.models()
for name, words in resources.CHECKS.items():
    ok = status.available.get(name, False)
    problem = status.problems.get(name, "")
    mark = ":material/check_circle: on" if ok else f":material/block: off ({render.esc(problem)})"
    st.markdown(f"- **{resources.CHECK_LABELS[name]}**: {words}. {mark}")
st.subheader("Forget everything")
if st.button("Forget everything now", icon=":material/delete_forever:"):
    state.forget()
    st.success("Done: this session holds nothing of yours any more.", icon=":material/check_circle:")
