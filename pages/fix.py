"""Fix it: one action per thing a stranger knows, grouped by child, the worst first; the posts folded away; re-audit."""

import streamlit as st

from kidsafe.media import thumbnails
from kidsafe.models import Dossier
from kidsafe.report import fixes, narrative
from kidsafe.report.fixgroups import FixGroup, account_fixes, chosen_fixes, fix_groups
from kidsafe.share.redact import redact
from kidsafe.share.terms import vocabulary
from ui import render, state


def group_detail(run: state.LoadedRun, group: FixGroup, sensitive: frozenset[str], safer: dict[str, str]) -> None:
    """The group's changes post by post: the post's picture and words, what to do, and a safer caption."""
    views = render.views_by_id(run)
    for post in group.posts:
        view = views.get(post)
        pic, body = st.columns([1, 4])
        with pic:
            render.thumb(run, view.post.photos[0].path if view and view.post.photos else None, sensitive)
        with body:
            st.markdown(f"**{render.esc(render.post_label(view))}**")
            for fix in (f for f in group.fixes if f.post == post):
                st.markdown(f"- {render.esc(fix.text)}")
            if any(f.change in fixes.WORD_CHANGES for f in group.fixes if f.post == post) and post in safer:
                st.caption("A safer way to say it (names, places and ages made vague):")
                st.text(fixes.safer_caption(safer[post], (f for f in group.fixes if f.post == post), run.dossier))


def account_notes(dossier: Dossier) -> None:
    """What to change outside the posts (the account's name): no box to tick, no re-audit takes it away."""
    for action in account_fixes(dossier):
        st.info(render.esc(action), icon=":material/badge:")


state.init_defaults()
state.through_app("pages/fix.py")
st.title("Fix it")
run = render.need_run()
if run is not None:
    d = run.dossier
    groups = fix_groups(run.result)
    if not groups:
        st.success("Nothing in these posts needs fixing. kidsafe can miss things: stay careful.",
                   icon=":material/check_circle:")
        account_notes(d)
    else:
        st.markdown(f"A stranger can learn **{render.facts_count(d)}** from these posts. Each box below is one "
                    "thing to change, for each child and then the family, the worst first. Untick what you "
                    "would rather keep, then **re-audit** to see the dossier shrink. Open a box to see the posts.")
        sensitive = thumbnails.sensitive_photos(run.result)
        vocab = vocabulary(d, run.result.views)
        # The share's rewriter: it keeps a caption's warmth and grammar ("my daughter", "our dog").
        reworded = {f.post for g in groups for f in g.fixes if f.change in fixes.WORD_CHANGES}
        safer = {v.id: redact(v.caption, vocab).text for v in run.result.views if v.id in reworded and v.caption}
        ticked: dict[str, bool] = {}
        for who in dict.fromkeys(g.who for g in groups):
            st.subheader(render.esc(who[:1].upper() + who[1:]))
            for group in (g for g in groups if g.who == who):
                with st.container(border=True):
                    key = state.fix_choice_key(run.id, group.key)
                    ticked[group.key] = st.checkbox(f"**{render.esc(group.action)}**", value=True, key=key)
                    n = len(group.posts)
                    with st.expander(f"The {n} posts, one by one" if n > 1 else "The post"):
                        group_detail(run, group, sensitive, safer)
        account_notes(d)
        if st.button("Re-audit with the ticked fixes", type="primary", icon=":material/refresh:"):
            state.set_fixed(run.id, fixes.apply_fixes(run.result, chosen_fixes(groups, lambda g: ticked[g.key])),
                            tuple(g.action for g in groups if not ticked[g.key]))
        done = state.fixed()
        if done is not None and done[0] == run.id:
            shrink = fixes.compare(d, done[1])
            st.subheader("After the fixes")
            render.metrics(shrink.counts(), per_row=5)  # one source: before - gone + new = after
            for child in shrink.after.children:
                render.story(narrative.child_story(shrink.after, child.id))
            kept = done[2]
            if shrink.after.facts:
                st.markdown("**Still known:**")
                render.fact_table(shrink.after, shrink.after.facts)
            elif not kept:
                st.success("With these changes, kidsafe finds nothing more in the posts. It can miss things: "
                           "read them once more before you share them.", icon=":material/check_circle:")
            if kept:
                # with fewer clues left the engine may no longer put a fact together, but a reader still can:
                # "Harrogate in the snow" says the town whether or not kidsafe counts it
                st.warning("You left these undone, and their words are still in the posts for anyone to read, "
                           "even where kidsafe no longer puts a fact together: "
                           + "; ".join(render.esc(a) for a in kept) + ".", icon=":material/warning:")
