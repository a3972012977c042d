"""Workshop mode: a presenter view that reveals the dossier one fact at a time, then the advice."""

import streamlit as st

from kidsafe.advice import ADVICE
from kidsafe.handout import handout_html
from kidsafe.narrative import reveal_steps
from ui import loading, render, state

#: Large type for a projector, scoped to the stage container (static CSS: no user text in it).
LARGE_TYPE = f"""<style>
.st-key-{state.STAGE} p, .st-key-{state.STAGE} li {{ font-size: 1.7rem; line-height: 1.35; }}
.st-key-{state.STAGE} h2 {{ font-size: 2.8rem; line-height: 1.2; }}
.st-key-{state.STAGE} h3 {{ font-size: 2.1rem; }}
</style>"""

state.init_defaults()
st.title("Workshop mode")
if state.current_run() is None:
    st.info("Show a room what a stranger learns from one family's posts, one fact at a time. "
            "The demo family is made up; nobody's real posts are shown.", icon=":material/co_present:")
    if st.button("Start with the demo family", type="primary", icon=":material/family_restroom:"):
        loading.run_demo()
        st.rerun()
run = state.current_run()
if run is not None:
    d = run.dossier
    steps = reveal_steps(d)
    total = len(steps) + 1  # the last step is the advice
    shown = min(state.reveal(), total)
    large = st.toggle("Large type for a projector", key=state.WORKSHOP_LARGE)
    if large:
        st.html(LARGE_TYPE)
    back, nxt, again, where = st.columns([1, 1, 1, 3], vertical_alignment="center")
    back.button("Back", icon=":material/arrow_back:", disabled=shown == 0, on_click=state.set_reveal,
                args=(shown - 1,), width="stretch")
    nxt.button("Next", type="primary", icon=":material/arrow_forward:", disabled=shown >= total,
               on_click=state.set_reveal, args=(shown + 1,), width="stretch")
    again.button("Start again", icon=":material/restart_alt:", on_click=state.set_reveal, args=(0,),
                 width="stretch")
    where.progress(shown / total, text=f"Step {shown} of {total}")
    with st.container(key=state.STAGE):
        if shown == 0:
            st.markdown(f"## {render.esc(f'{d.posts_read} posts, shared by a proud parent.')}")
            st.markdown("What can a stranger work out from them? Press **Next**.")
        for i, step in enumerate(steps[:shown]):
            current = i == shown - 1
            posts = ", ".join(step.posts[:6]) + ("…" if len(step.posts) > 6 else "")
            if current:
                st.markdown(f"## {render.esc(step.text)}")
                st.caption(f"From post{'s' if len(step.posts) != 1 else ''} {render.esc(posts)}")
            else:
                st.markdown(f"- {render.esc(step.text)}")
        if shown >= total:
            st.markdown("## What to do")
            for n, tip in enumerate(ADVICE, 1):
                st.markdown(f"### {n}. {render.esc(tip.title)}")
                st.markdown(render.esc(tip.text))
    st.divider()
    st.download_button("Printable handout (HTML: open it and print)", handout_html(d, source=run.label),
                       file_name="kidsafe-handout.html", mime="text/html", icon=":material/print:")
