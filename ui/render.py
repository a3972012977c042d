"""Rendering helpers: every user-derived string reaches the page as text, never as HTML or live Markdown.

Captions, file names, hashtags, OCR text and warnings come from the user's files and may be hostile
(``<script>``, ``[x](javascript:…)``). They go through ``esc`` (Markdown with every punctuation mark
backslash-escaped, which Streamlit then shows as plain characters; raw HTML is never allowed) or into
``st.text``, ``st.code`` and dataframes, which show text literally.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from kidsafe import leaks, thumbnails
from kidsafe.engine.views import PostView
from kidsafe.errors import KidsafeError
from kidsafe.handout import sureness
from kidsafe.ingest.report import format_words, skipped_words
from kidsafe.models import Evidence, EvidenceSource, Fact, FactKind
from kidsafe.risk import Risk
from kidsafe.summary import LABELS, describe_value
from ui import state

#: Every ASCII punctuation mark Markdown may read as syntax; CommonMark lets each be backslash-escaped.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&=^\"'/@%])")
#: How the leaking words stand out: bold (meaning not carried by colour) on a highlight colour.
LEAK_OPEN, LEAK_CLOSE = "**:orange-background[", "]**"
EVIDENCE_SHOWN = 5
LOAD_PAGE = "pages/load.py"
RISK_COLOURS = {"high": "red", "medium": "orange", "low": "green"}
SOURCE_WORDS = {
    EvidenceSource.CAPTION: "caption", EvidenceSource.HASHTAG: "hashtag", EvidenceSource.EXIF: "photo file (EXIF)",
    EvidenceSource.OCR: "text in the photo", EvidenceSource.FACE: "faces in the photo",
    EvidenceSource.IMAGE: "the picture itself", EvidenceSource.TIMESTAMP: "time of the photo",
    EvidenceSource.SIDECAR: "export details", EvidenceSource.INFERENCE: "worked out from the caption",
}
NO_RUN = "Nothing loaded yet. Load your posts first, or try the demo family."


def esc(text: object) -> str:
    """Text made safe for any Streamlit Markdown: shown character for character, never as markup."""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text))
    lines = [line.strip() for line in escaped.splitlines()]
    return "  \n".join(line for line in lines if line) if len(lines) > 1 else (lines[0] if lines else "")


def highlighted(text: str, terms: Iterable[str]) -> str:
    """Markdown of ``text`` with the leaking terms in bold on a highlight; everything escaped."""
    out = []
    for piece, leak in leaks.segments(text, terms):
        if leak and piece.strip():
            out.append(f"{LEAK_OPEN}{esc(piece)}{LEAK_CLOSE}")
        else:
            out.append(_escape_inline(piece))
    return "".join(out)


def _escape_inline(piece: str) -> str:
    """Escape a piece without trimming its edge spaces (they separate it from a highlight)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", piece)
    return re.sub(r"[ \t]*\n\s*", "  \n", escaped)


def need_run() -> state.LoadedRun | None:
    """The loaded audit, or None after telling the user to load posts first."""
    run = state.current_run()
    if run is None:
        st.info(NO_RUN, icon=":material/info:")
        _link_to_load()
    return run


def _link_to_load() -> None:
    try:
        st.page_link(LOAD_PAGE, label="Load posts or try the demo family", icon=":material/upload:")
    except StreamlitAPIException:  # a page run on its own (as in tests) has no navigation to link into
        pass


def sidebar() -> None:
    """What is loaded, and the Forget everything button (on every page)."""
    with st.sidebar:
        run = state.current_run()
        if run is not None:
            st.caption(f"Loaded: {esc(run.label)} ({run.dossier.posts_read} posts)")
        if st.button("Forget everything", icon=":material/delete_forever:", width="stretch",
                     help="Drops your posts, the dossier and the fixes from this session. Nothing was saved."):
            state.forget()
            st.rerun()
        st.caption("Runs offline on this computer. Your posts never leave this browser session.")


def risk_badge(risk: Risk) -> None:
    """The risk level as a sign, a word and a colour, then its reasons."""
    st.badge(f"Risk: {risk.label}", color=RISK_COLOURS[risk.level])
    st.markdown("\n".join(f"- {esc(reason)}" for reason in risk.reasons))


def story(sentences: Sequence[str]) -> None:
    """A card's sentences as one paragraph."""
    if sentences:
        st.markdown(esc(" ".join(sentences)))


def label(fact: Fact) -> str:
    """What the fact is, in a word or two ("school")."""
    return LABELS.get(fact.kind, str(fact.kind))


def facts_frame(facts: Sequence[Fact]) -> pd.DataFrame:
    """The facts as a table: what, value, how sure, which posts."""
    rows = [{"What": label(f), "Value": describe_value(f), "How sure": sureness(f.confidence),
             "Posts": ", ".join(f.posts[:8]) + ("…" if len(f.posts) > 8 else "")} for f in facts]
    return pd.DataFrame(rows, columns=["What", "Value", "How sure", "Posts"])


def fact_table(facts: Sequence[Fact]) -> None:
    """The facts table (text cells: nothing in them is read as markup)."""
    if facts:
        st.dataframe(facts_frame(facts), hide_index=True)


def metrics(pairs: Sequence[tuple[str, int]], per_row: int = 4) -> None:
    """Numbers as metric tiles, ``per_row`` to a row (labels are plain text of the app's own)."""
    for row in range(0, len(pairs), per_row):
        cols = st.columns(per_row)
        for col, (label_text, n) in zip(cols, pairs[row:row + per_row], strict=False):
            col.metric(label_text, n)


def views_by_id(run: state.LoadedRun) -> dict[str, PostView]:
    """The run's posts by id."""
    return {v.id: v for v in run.result.views}


def when(view: PostView | None) -> str:
    """When a post's moment was, in words."""
    moment: datetime | None = view.local_time if view else None
    return f"{moment:%a %d %b %Y, %H:%M}" if moment else "date unknown"


def thumb(run: state.LoadedRun, path: str | None, sensitive: frozenset[str]) -> None:
    """A photo's thumbnail (blurred and small when sensitive), from this session's cache."""
    if not path:
        return
    blur = path in sensitive
    cache = state.thumbs()
    key = (run.id, path, blur)
    if key not in cache:
        data = run.result.photo_bytes(path)
        try:
            cache[key] = thumbnails.thumbnail(data, path, blur=blur) if data else None
        except KidsafeError:
            cache[key] = None
    image = cache[key]
    if image is None:
        st.caption("(photo cannot be shown)")
        return
    width = thumbnails.BLURRED_SIDE if blur else thumbnails.THUMB_SIDE
    st.image(image, width=width, caption="blurred: sensitive picture" if blur else None)


def _text_of(view: PostView, ev: Evidence) -> str:
    """The text of the post the evidence points into (its caption, or the part holding the words)."""
    if ev.source in (EvidenceSource.CAPTION, EvidenceSource.HASHTAG, EvidenceSource.INFERENCE,
                     EvidenceSource.TIMESTAMP) or not view.parts:
        return view.caption
    needle = ev.excerpt.strip("…").strip()
    return next((p.text for p in view.parts if needle and needle in p.text), ev.excerpt)


def evidence_item(run: state.LoadedRun, fact: Fact, ev: Evidence, view: PostView | None,
                  sensitive: frozenset[str]) -> None:
    """One piece of evidence: the post's thumbnail and date, and the leaking words or the photo's data."""
    pic, words = st.columns([1, 3])
    with pic:
        photo = ev.photo or (view.post.photos[0].path if view and view.post.photos else None)
        thumb(run, photo, sensitive)
    with words:
        st.markdown(f"**Post {esc(ev.post)}** · {esc(when(view))} · {esc(SOURCE_WORDS.get(ev.source, ev.source))}")
        if ev.source in (EvidenceSource.EXIF, EvidenceSource.OCR, EvidenceSource.IMAGE, EvidenceSource.FACE):
            st.code(ev.excerpt or "", language=None)
            if view and view.caption:
                st.caption("Caption: " + esc(view.caption))
        elif view is not None:
            text = _text_of(view, ev)
            subject = run.dossier.subject(fact.subject)
            terms = leaks.leak_terms(fact, ev, text, subject.aliases if subject else ())
            st.markdown(highlighted(text, terms) if text else "*(no caption)*")
        else:
            st.text(ev.excerpt)
        if ev.explanation:
            st.caption(esc(ev.explanation))


def evidence(run: state.LoadedRun, fact: Fact, sensitive: frozenset[str], limit: int = EVIDENCE_SHOWN) -> None:
    """The posts that give a fact away: the first few in full, the rest by number."""
    views = views_by_id(run)
    shown = fact.evidence[:limit]
    for ev in shown:
        evidence_item(run, fact, ev, views.get(ev.post), sensitive)
    rest = fact.evidence[limit:]
    if rest:
        posts = ", ".join(dict.fromkeys(ev.post for ev in rest))
        st.caption(f"…and {len(rest)} more: posts {esc(posts)}")
    if fact.advice:
        st.markdown(f":material/lightbulb: **What to do:** {esc(fact.advice)}")


def fact_expanders(run: state.LoadedRun, facts: Sequence[Fact], sensitive: frozenset[str]) -> None:
    """One 'why?' expander per fact, opening onto its evidence; GPS photos grouped in one table."""
    gps = [f for f in facts if f.kind is FactKind.LOCATION_LEAK]
    for fact in facts:
        if fact.kind is FactKind.LOCATION_LEAK:
            continue
        n = len(fact.posts)
        with st.expander(f"Why? {esc(label(fact))}: {esc(describe_value(fact))} "
                         f"({n} post{'s' if n != 1 else ''})"):
            evidence(run, fact, sensitive)
    if gps:
        with st.expander(f"Why? {len(gps)} photo{'s' if len(gps) != 1 else ''} carry their GPS position"):
            views = views_by_id(run)
            rows = [{"Post": ev.post, "When": when(views.get(ev.post)), "Photo": ev.photo or "",
                     "Position": describe_value(f)} for f in gps for ev in f.evidence[:1]]
            st.dataframe(pd.DataFrame(rows), hide_index=True)
            st.markdown(f":material/lightbulb: **What to do:** {esc(gps[0].advice)}" if gps[0].advice else "")


def reading_note(run: state.LoadedRun) -> None:
    """One line at the top: what format the posts were read as, and every file not read, by reason."""
    feed = run.result.feed
    note = f"Read as: {format_words(feed.format, feed.layout)}."
    if feed.skipped:
        note += f" Not read: {skipped_words(feed.skipped)}."
    st.caption(esc(note))


def warnings(run: state.LoadedRun) -> None:
    """The feed's per-file warnings and the checks that did not run, as a table (text only)."""
    d = run.dossier
    if d.warnings:
        with st.expander(f"{len(d.warnings)} file{'s' if len(d.warnings) != 1 else ''} could not be read fully"):
            st.dataframe(pd.DataFrame([{"File": w.file, "Problem": w.message} for w in d.warnings]),
                         hide_index=True)
    if d.skipped_checks:
        st.warning("Some checks did not run: " + esc("; ".join(d.skipped_checks)), icon=":material/warning:")
