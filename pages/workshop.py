"""Workshop mode: a projector view that reveals the dossier one fact at a time, each beside the picture that gave
it away, then the five habits that stop it; presenter notes, arrow keys, and a one-page handout.

Each step is laid out to fit a 1366×768 projector without scrolling: the new fact and its picture come first,
what was revealed before is listed under them.
"""

import streamlit as st

from kidsafe.media import thumbnails
from kidsafe.models import Evidence, Fact
from kidsafe.report import leaks, presenter
from kidsafe.report.advice import habits
from kidsafe.report.narrative import RevealStep, reveal_steps
from kidsafe.report.takehome import take_home_html
from ui import loading, render, state

#: Large type for a projector, scoped to the stage container (static CSS: no user text in it).
LARGE_TYPE = f"""<style>
.st-key-{state.STAGE} p, .st-key-{state.STAGE} li {{ font-size: 1.45rem; line-height: 1.35; }}
.st-key-{state.STAGE} h2 {{ font-size: 2.3rem; line-height: 1.2; }}
.st-key-{state.STAGE} .stCaption p {{ font-size: 1.1rem; }}
</style>"""
#: Streamlit draws the buttons' key hints (→, ←) at 60% opacity, below AA contrast on the primary button.
KEY_HINTS = "<style>[data-testid=stMain] button kbd { opacity: 1; }</style>"
#: The picture beside a fact: large enough for the back of a room, small enough to fit 768 px with the controls.
STAGE_PICTURE = 320
SO_FAR_SHOWN = 30


def picture_of(run: state.LoadedRun, step: RevealStep) -> tuple[str | None, Fact | None, Evidence | None]:
    """The photo that gave the step away (one the evidence names first), with the fact and evidence it shows."""
    views = render.views_by_id(run)
    evidence = sorted(((f, ev) for f in step.facts for ev in f.evidence), key=lambda fe: fe[1].photo is None)
    for fact, ev in evidence:
        view = views.get(ev.post)
        photo = ev.photo or (view.post.photos[0].path if view and view.post.photos else None)
        if photo:
            return photo, fact, ev
    return (None, *evidence[0]) if evidence else (None, None, None)


def show_step(run: state.LoadedRun, step: RevealStep, sensitive: frozenset[str]) -> None:
    """The new fact in large type, with the picture and the words that leaked it beside it."""
    words, pic = st.columns([3, 2], gap="large")
    photo, fact, ev = picture_of(run, step)
    view = render.views_by_id(run).get(ev.post) if ev else None
    with words:
        st.markdown(f"## {render.esc(step.text)}")
        more = len(step.posts) - 1
        st.caption(render.esc(f"From {render.read_in(ev, view)}"
                              + (f", and {more} more post{'s' if more != 1 else ''}" if more > 0 else "")))
    with pic:
        render.thumb(run, photo, sensitive, side=STAGE_PICTURE)
        if view is not None and view.caption and fact is not None and ev is not None:
            subject = run.dossier.subject(fact.subject)
            terms = leaks.leak_terms(fact, ev, view.caption, subject.aliases if subject else ())
            st.markdown(render.highlighted(view.caption, terms))


state.init_defaults()
state.through_app("pages/workshop.py")
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
    total = len(steps) + 1  # the last step is the habits
    shown = min(state.reveal(), total)
    with st.sidebar:
        large = st.toggle("Large type for a projector", key=state.WORKSHOP_LARGE)
        notes = st.toggle("Presenter notes", key=state.WORKSHOP_NOTES,
                          help="What to say at each step, under the stage (keep them off the projector "
                               "by showing this page on your own screen).")
        st.download_button("One-page handout to print (A4 or Letter)", take_home_html(d, source=run.label),
                           file_name="kidsafe-handout.html", mime="text/html", icon=":material/print:",
                           width="stretch")
    st.html(KEY_HINTS)
    if large:
        st.html(LARGE_TYPE)
    where, back, nxt, again = st.columns([3, 1, 1, 1], vertical_alignment="center")
    where.progress(shown / total, text=f"Workshop: step {shown} of {total}")
    # no arrow icons: the shortcut hint Streamlit shows beside the label is the arrow ("Back ←", "Next →")
    back.button("Back", disabled=shown == 0, on_click=state.move_reveal,
                args=(-1, total), width="stretch", shortcut="Left")
    nxt.button("Next", type="primary", disabled=shown >= total,
               on_click=state.move_reveal, args=(1, total), width="stretch", shortcut="Right")
    again.button("Start again", icon=":material/restart_alt:", on_click=state.set_reveal, args=(0,),
                 width="stretch")
    sensitive = thumbnails.sensitive_photos(run.result)
    with st.container(key=state.STAGE):
        if shown == 0:
            st.markdown(f"## {render.esc(f'{d.posts_read} posts, shared by a proud parent.')}")
            st.markdown("What can a stranger work out from them? Press **Next** (or the right arrow key).")
        elif shown < total:
            show_step(run, steps[shown - 1], sensitive)
        else:
            st.markdown("## Five habits that stop it")
            st.markdown("\n".join(f"{n}. **{render.esc(h.title)}.** {render.esc(h.text)}"
                                  for n, h in enumerate(habits(d), 1)))
    if notes:
        kind = None if shown == 0 else steps[shown - 1].kind if shown < total else None
        st.info(presenter.CLOSING if shown >= total else presenter.note(kind), icon=":material/record_voice_over:")
    before = steps[:min(shown - 1, len(steps))] if shown > 0 else ()
    if before:
        st.markdown("**What the stranger knows so far**")
        st.markdown("\n".join(f"- {render.esc(s.text)}" for s in before[-SO_FAR_SHOWN:]))
