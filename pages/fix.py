"""Fix it: for each leaking post, the changes that stop its leaks, the biggest first; then re-audit."""

import streamlit as st

from kidsafe import fixes, narrative, thumbnails
from ui import render, state

#: The posts listed at first (the ones whose fixes remove most); the rest behind a toggle, still ticked.
FIRST_SHOWN = 25

state.init_defaults()
st.title("Fix it")
run = render.need_run()
if run is not None:
    plans = fixes.plan_fixes(run.result)
    if not plans:
        st.success("Nothing in these posts needs fixing. kidsafe can miss things: stay careful.",
                   icon=":material/check_circle:")
    else:
        st.markdown("Each post that leaks something, with the changes that stop it. The posts whose fixes take "
                    "most out of the dossier come first. Untick what you would rather keep, then **re-audit** "
                    "to see the dossier shrink.")
        views = render.views_by_id(run)
        sensitive = thumbnails.sensitive_photos(run.result)
        chosen: list[fixes.Fix] = []
        show_all = len(plans) <= FIRST_SHOWN or st.toggle(f"Show all {len(plans)} leaking posts",
                                                         key=state.FIX_SHOW_ALL)
        shown, hidden = (plans, ()) if show_all else (plans[:FIRST_SHOWN], plans[FIRST_SHOWN:])
        chosen += [f for plan in hidden for f in plan.fixes if state.fix_chosen(run.id, f.key)]
        for plan in shown:
            view = views.get(plan.post)
            with st.container(border=True):
                pic, body = st.columns([1, 4])
                with pic:
                    first = view.post.photos[0].path if view and view.post.photos else None
                    render.thumb(run, first, sensitive)
                with body:
                    gone = len(plan.removes)
                    st.markdown(f"**Post {render.esc(plan.post)}** · {render.esc(render.when(view))} · fixing it "
                                f"removes **{gone} fact{'s' if gone != 1 else ''}** and weakens {len(plan.weakens)}")
                    if view is not None and view.caption:
                        st.caption("Caption: " + render.esc(view.caption))
                    for fix in plan.fixes:
                        key = state.fix_choice_key(run.id, fix.key)
                        removed = ", ".join(fixes.fact_label(f) for f in fix.removes) or "nothing on its own"
                        if st.checkbox(render.esc(fix.text), value=True, key=key,
                                       help=render.esc(f"Weakens {len(fix.weakens)} other fact(s).")):
                            chosen.append(fix)
                        st.caption(f"Removes: {render.esc(removed)}")
                    if view is not None and any(f.change in fixes.WORD_CHANGES for f in plan.fixes):
                        st.text("Vaguer caption: " + fixes.suggested_caption(view.post, chosen))
        if st.button("Re-audit with the ticked fixes", type="primary", icon=":material/refresh:"):
            state.set_fixed(run.id, fixes.apply_fixes(run.result, chosen))
        done = state.fixed()
        if done is not None and done[0] == run.id:
            shrink = fixes.compare(run.dossier, done[1])
            st.subheader("After the fixes")
            render.metrics(shrink.counts(), per_row=5)  # one source: before - gone + new = after
            for child in shrink.after.children:
                render.story(narrative.child_story(shrink.after, child.id))
            if shrink.after.facts:
                st.markdown("**Still known:**")
                render.fact_table(shrink.after.facts)
            else:
                st.success("With these changes, the stranger's dossier is empty.", icon=":material/check_circle:")
