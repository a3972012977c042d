"""Rendering helpers: every user-derived string reaches the page as text, never as HTML or live Markdown.

Captions, file names, hashtags, OCR text and warnings come from the user's files and may be hostile
(``<script>``, ``[x](javascript:…)``). They go through ``esc`` (Markdown with every punctuation mark
backslash-escaped, which Streamlit then shows as plain characters; raw HTML is never allowed) or into
``st.text``, ``st.code`` and dataframes, which show text literally.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, time

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from kidsafe.engine.places import LEAK_ADVICE, LEAKS_ADVICE
from kidsafe.engine.text import day_part
from kidsafe.engine.views import PostView
from kidsafe.errors import KidsafeError
from kidsafe.ingest.report import format_words, skipped_words
from kidsafe.kinds import KINDS, kinds_where
from kidsafe.media import thumbnails
from kidsafe.models import Dossier, Evidence, EvidenceSource, Fact, FactKind
from kidsafe.report import leaks, plain
from kidsafe.report.handout import sureness
from kidsafe.report.risk import Risk
from kidsafe.report.summary import ACCOUNT_WORDS, markdown_literal
from ui import state

#: How the leaking words stand out: bold (meaning not carried by colour) on a highlight colour.
#: Bold inside the highlight, not around it: "**" right after a letter and before ":" opens no bold ("alert(1)"
#: with "(1)" highlighted showed its asterisks).
LEAK_OPEN, LEAK_CLOSE = ":orange-background[**", "**]"
EVIDENCE_SHOWN = 5
#: A data table's header and row heights in pixels (Streamlit's defaults), to size a table to its rows.
TABLE_HEADER_PX, TABLE_ROW_PX = 38, 35
#: The warning box names this many unreadable files; the table under it lists every one.
WARNED_FILES_NAMED = 8
LOAD_PAGE = "pages/load.py"
RISK_COLOURS = {"high": "red", "medium": "orange", "low": "green"}
SOURCE_WORDS = {
    EvidenceSource.CAPTION: "caption", EvidenceSource.HASHTAG: "hashtag",
    EvidenceSource.EXIF: "hidden data in the photo file",
    EvidenceSource.OCR: "text in the photo", EvidenceSource.FACE: "faces in the photo",
    EvidenceSource.IMAGE: "the picture itself", EvidenceSource.TIMESTAMP: "time of the photo",
    EvidenceSource.SIDECAR: "export details", EvidenceSource.INFERENCE: "worked out from the caption",
}
NO_RUN = "Nothing loaded yet. Load your posts first, or try the demo family."


#: Where the page's Markdown (GitHub's flavour) would make a web or e-mail address a live link even with every
#: mark escaped: it finds them in the text after parsing. An invisible word joiner there breaks the match.
_AUTOLINKED = re.compile(r"(?i)\b(www|https?|ftp|mailto)(?=\\[.:])|(\\@)")
_WORD_JOINER = "\u2060"


def _unlinked(escaped: str) -> str:
    """Escaped Markdown whose web and e-mail addresses stay text ("www.example.com" is no link to click)."""
    return _AUTOLINKED.sub(lambda m: m[0] + _WORD_JOINER, escaped)


def esc(text: object) -> str:
    """Text made safe for any Streamlit Markdown: shown character for character, never as markup or a link."""
    escaped = _unlinked(markdown_literal(str(text)))
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
    escaped = _unlinked(markdown_literal(piece))
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
    return KINDS[fact.kind].label


def facts_count(dossier: Dossier) -> str:
    """How many facts the dossier holds, said the same way on every page ("43 facts (19 of them the place a photo
    was taken)"): each photo's position is a fact, listed in one line of its own, so the count says how many."""
    n = len(dossier.facts)
    gps = len(dossier.facts_of_kind(FactKind.LOCATION_LEAK))
    of_them = f" ({gps} of them the place {'a photo was' if gps == 1 else 'photos were'} taken)" if gps else ""
    return plain.counted(n, "fact") + of_them


def facts_frame(dossier: Dossier, facts: Sequence[Fact]) -> pd.DataFrame:
    """The facts as a table: what, value in plain words, how sure, how many posts give it away."""
    places = plain.Places(dossier)
    rows = [{"What": label(f), "Value": plain.fact_words(dossier, f, places), "How sure": sureness(f.confidence),
             "Posts": plain.given_away_by(f)} for f in facts]
    return pd.DataFrame(rows, columns=["What", "Value", "How sure", "Posts"])


def fact_table(dossier: Dossier, facts: Sequence[Fact]) -> None:
    """The facts table (text cells: nothing in them is read as markup)."""
    if facts:
        # every row shown (no scroll box cut off mid-row) and the values given the room: "an activity place, 3.0 km
        # north-west of home, in Harrogate" is one value
        st.dataframe(facts_frame(dossier, facts), hide_index=True, width="stretch",
                     height=TABLE_HEADER_PX + TABLE_ROW_PX * len(facts),
                     column_config={"Value": st.column_config.TextColumn(width="large")})


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
    """When a post's moment was, in words ("photo taken Wednesday 4 September 2024, 8:40am"): the photo's own
    time when it has one other than the posting time (the post's label beside it gives the posting day)."""
    moment: datetime | None = view.local_time if view else None
    if moment is None:
        return "date unknown"
    clock = f"{moment.hour % 12 or 12}:{moment:%M}{'am' if moment.hour < 12 else 'pm'}"
    taken = view is not None and view.posted_local is not None and view.posted_local != moment
    day = f"{'photo taken' if taken else 'posted'} {moment:%A} {moment.day} {moment:%B %Y}"
    # midnight to the second is a day given without its time (a posts.csv date): "12:00am" would invent one
    return day if moment.time() == time(0) else f"{day}, {clock}"


def post_label(view: PostView | None) -> str:
    """A post as the parent knows it: its date and first words, never its id or file name."""
    if view is None:
        return "a post"
    return plain.post_label(view.posted_local or view.local_time, view.caption)


def read_in(ev: Evidence | None, view: PostView | None) -> str:
    """Where a piece of evidence was read: the post as the parent knows it, or the account's profile."""
    return ACCOUNT_WORDS if ev is not None and not ev.post else f"the post of {post_label(view)}"


def photo_alt(run: state.LoadedRun, path: str, blurred: bool) -> str:
    """What a photo shows, for screen readers: which post, faces and writing seen; never its file name."""
    view = next((v for v in run.result.views if any(ph.path == path for ph in v.post.photos)), None)
    if blurred:
        return f"A sensitive picture, blurred, from the post of {post_label(view)}"
    found = run.result.findings.get(path)
    seen = []
    if found is not None and found.faces:
        seen.append(f"{len(found.faces)} face{'s' if len(found.faces) != 1 else ''}")
    if found is not None and found.ocr_lines:
        seen.append("the words “" + " ".join(found.ocr_lines)[:60] + "”")
    return f"Photo from the post of {post_label(view)}" + (f", showing {plain.join(seen)}" if seen else "")


def thumb(run: state.LoadedRun, path: str | None, sensitive: frozenset[str],
          side: int = thumbnails.THUMB_SIDE) -> None:
    """A photo's thumbnail (blurred and small when sensitive), from this session's cache, with alt text."""
    if not path:
        return
    blur = path in sensitive
    cache = state.thumbs()
    key = (run.id, path, blur, side)
    if key not in cache:
        data = run.result.photo_bytes(path)
        try:
            cache[key] = thumbnails.thumbnail(data, path, blur=blur, max_side=side) if data else None
        except KidsafeError:
            cache[key] = None
    image = cache[key]
    if image is None:
        st.caption("(photo cannot be shown)")
        return
    width = thumbnails.BLURRED_SIDE if blur else side
    st.image(image, width=width, caption="blurred: sensitive picture" if blur else None,
             alt=photo_alt(run, path, blur))


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
        if not ev.post:  # read from the export's own files (the account's name), not from any one post
            st.markdown(f"**{esc(ACCOUNT_WORDS.capitalize())}** · {esc(SOURCE_WORDS.get(ev.source, ev.source))}")
        else:
            st.markdown(f"**{esc(post_label(view))}** · {esc(when(view))} · "
                        f"{esc(SOURCE_WORDS.get(ev.source, ev.source))}")
        if is_position(fact, ev, view) or ev.source in (EvidenceSource.EXIF, EvidenceSource.OCR, EvidenceSource.IMAGE,
                                                         EvidenceSource.FACE):
            st.text(plain_excerpt(run, fact, ev, view))
            if view and view.caption:
                st.caption("Caption: " + esc(view.caption))
        elif view is not None:
            text = _text_of(view, ev)
            subject = run.dossier.subject(fact.subject)
            terms = leaks.leak_terms(fact, ev, text, subject.aliases if subject else ())
            st.markdown(highlighted(text, terms) if text else "*(no caption)*")
        else:
            st.text(ev.excerpt)
        if ev.explanation and ev.source not in (EvidenceSource.EXIF, EvidenceSource.TIMESTAMP):
            st.caption(esc(ev.explanation))  # the engine's own words, except where they quote positions or clocks
        elif ev.source is EvidenceSource.TIMESTAMP and view and view.local_time:
            st.caption(esc(f"Taken on a {view.local_time:%A} {day_part(view.local_time.hour)}, "
                           "at the same place as the others"))


def is_position(fact: Fact, ev: Evidence, view: PostView | None) -> bool:
    """The evidence is the post's GPS position: from the photo file, or the platform's own record in the export
    (an Instagram or Facebook post), whose excerpt is coordinates all the same. Words read in the export's
    texts (a check-in's name) carry a span and are shown as words."""
    from_export = view is not None and view.gps_source is not None and ev.source is view.gps_source and ev.span is None
    return fact.kind in kinds_where("from_location") and (ev.source is EvidenceSource.EXIF or from_export)


def plain_excerpt(run: state.LoadedRun, fact: Fact, ev: Evidence, view: PostView | None) -> str:
    """What a photo's data says, in words: a GPS position becomes where it is, never its coordinates."""
    if is_position(fact, ev, view):
        where = plain.Places(run.dossier).where(view.gps.as_dict()) if view and view.gps else ""
        if view is not None and view.gps_photo is None:  # a check-in: the post names the place, no photo does
            return "The post's check-in gives the exact place" + (f": {where}." if where else ".")
        said = "photo file carries the exact place it" if ev.source is EvidenceSource.EXIF else \
            "post carries the exact place its photo"
        return f"The {said} was taken" + (f": {where}." if where else ".")
    return ev.excerpt or ""


def evidence(run: state.LoadedRun, fact: Fact, sensitive: frozenset[str], limit: int = EVIDENCE_SHOWN) -> None:
    """The posts that give a fact away: the first few in full, the rest by number."""
    views = views_by_id(run)
    each_post = plain.one_per_post(fact.evidence)
    shown = each_post[:limit]
    for ev in shown:
        evidence_item(run, fact, ev, views.get(ev.post), sensitive)
    rest = each_post[limit:]
    if rest:
        st.caption(f"…and {plain.cited_by(rest)} more.")
    if fact.advice:
        st.markdown(f":material/lightbulb: **What to do:** {esc(fact.advice)}")


def fact_expanders(run: state.LoadedRun, facts: Sequence[Fact], sensitive: frozenset[str]) -> None:
    """One 'why?' expander per fact, opening onto its evidence; GPS photos grouped in one table."""
    gps = [f for f in facts if f.kind is FactKind.LOCATION_LEAK]
    places = plain.Places(run.dossier)
    for fact in facts:
        if fact.kind is FactKind.LOCATION_LEAK:
            continue
        with st.expander(f"Why? {esc(label(fact))}: {esc(plain.fact_words(run.dossier, fact, places))} "
                         f"({plain.given_away_by(fact)})"):
            evidence(run, fact, sensitive)
    if gps:
        with st.expander(f"Why? {plain.photos_carry_place(len(gps))}"):
            views = views_by_id(run)
            rows = [{"Post": post_label(views.get(ev.post)), "When": when(views.get(ev.post)),
                     "Where": plain.fact_words(run.dossier, f, places).removeprefix("taken ")}
                    for f in gps for ev in f.evidence[:1]]
            st.dataframe(pd.DataFrame(rows), hide_index=True)
            details = f"{state.PREFIX}gps_details_{gps[0].subject}"
            if st.toggle("Details: the map positions (latitude, longitude)", key=details):
                st.dataframe(pd.DataFrame([{"Post": r["Post"], "Latitude": f.value.get("lat"),
                                            "Longitude": f.value.get("lon")} for r, f in zip(rows, gps)]),
                             hide_index=True)
            advice = LEAKS_ADVICE if len(gps) > 1 and gps[0].advice == LEAK_ADVICE else gps[0].advice
            st.markdown(f":material/lightbulb: **What to do:** {esc(advice)}" if advice else "")


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
        files = list(dict.fromkeys(w.file for w in d.warnings))
        named = ", ".join(files[:WARNED_FILES_NAMED]) + (
            f" and {len(files) - WARNED_FILES_NAMED} more" if len(files) > WARNED_FILES_NAMED else "")
        # a problem, not always an unread file: a posts.csv row naming a missing photo, a text read as Windows-1252
        st.warning(f"**{len(files)} file{'s' if len(files) != 1 else ''} had problems**, so the dossier may miss "
                   f"some of what {'they hold' if len(files) != 1 else 'it holds'}: {esc(named)}. "
                   "Open the list below for what went wrong.", icon=":material/warning:")
        with st.expander("What went wrong with each file"):
            st.dataframe(pd.DataFrame([{"File": w.file, "Problem": w.message} for w in d.warnings]),
                         hide_index=True)
    if d.skipped_checks:
        st.warning("Some checks did not run: " + esc("; ".join(d.skipped_checks)), icon=":material/warning:")
