"""The app's per-user state: every st.session_state key is named here, and read or written only through here.

A parent's posts and their dossier live only in this browser session (never in st.cache_data, never
on disk). "Forget everything" clears it all, and so does closing the tab (the session ends).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import re

import streamlit as st
from streamlit.errors import StreamlitAPIException

from kidsafe.models import Dossier
from kidsafe.pipeline import AuditOptions, AuditResult

PREFIX = "kidsafe_"
RUN = PREFIX + "run"
OPTIONS = PREFIX + "options"
REVEAL = PREFIX + "reveal"
FIXED = PREFIX + "fixed"
THUMBS = PREFIX + "thumbs"
GENERATION = PREFIX + "generation"  # bumped by forget(): widgets get fresh keys, so the uploader lets go too
ONLINE_MAPS = PREFIX + "online_maps"
WORKSHOP_LARGE = PREFIX + "workshop_large"
WORKSHOP_NOTES = PREFIX + "workshop_notes"  # the presenter's notes under each step
STAGE = PREFIX + "stage"  # the workshop's stage container (its key also names its CSS class)
FIX_CHOICE = PREFIX + "fix_"
UPLOAD = PREFIX + "upload_"
LOAD_ERROR = PREFIX + "load_error"
SHARE = PREFIX + "share"  # the last safe copy made: (run id, ZIP bytes, report)
PUT_BACK = PREFIX + "put_back_"  # a sensitive post the parent puts back in the safe copy
KEEP_WORDS = PREFIX + "keep_words"  # words the parent keeps as written in the safe copy
ROUTED = PREFIX + "routed"  # set by app.py on every run, before its navigation runs the page
WANTED_PAGE = PREFIX + "wanted_page"  # a page asked for before app.py had run: app.py sends the visitor there


@dataclass(frozen=True)
class LoadedRun:
    """An audit on screen: its result, how to name it, and whether this session owns it.

    ``shared`` is true for the demo family: one read-only result built once for every visitor
    (it holds no user data). A session never closes a shared result; it closes its own.
    ``source`` is what was audited (the uploaded ZIP bytes or files, or the demo's folder), kept
    in memory for the safe share; it is the same bytes the result reads, not a copy.
    """

    result: AuditResult
    label: str
    shared: bool
    id: str
    source: Any = None

    @property
    def dossier(self) -> Dossier:
        """The dossier of this run."""
        return self.result.dossier


def init_defaults() -> None:
    """Give every key its starting value (called by app.py and safe to call from any page)."""
    defaults: dict[str, Any] = {OPTIONS: AuditOptions(), REVEAL: 0, GENERATION: 0, ONLINE_MAPS: False,
                                WORKSHOP_LARGE: True, WORKSHOP_NOTES: False}
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)
    for key in (WORKSHOP_LARGE, WORKSHOP_NOTES):
        # a toggle's key is forgotten on a page that does not draw it: saved again here, it outlives the visit
        st.session_state[key] = st.session_state[key]


def mark_routed() -> str | None:
    """Called by app.py once its navigation is set: this session's pages now run through it. Returns the page
    a visitor asked for before (`through_app`), to be sent on to."""
    st.session_state[ROUTED] = True
    return st.session_state.pop(WANTED_PAGE, None)


def through_app(page: str) -> None:
    """Make sure ``page`` runs through app.py. Until app.py's st.navigation has run once, a freshly started
    server serves the pages/ folder on its own: a first visit straight to /workshop would skip app.py (no
    sidebar, no wide layout, the menu listing file names). Such a run goes to app.py, which sends the visitor
    on to ``page``."""
    if st.session_state.get(ROUTED):
        return
    st.session_state[WANTED_PAGE] = page
    try:
        st.switch_page("app.py")
    except StreamlitAPIException:  # a page run on its own, as in tests: there is no app.py to go through
        st.session_state.pop(WANTED_PAGE, None)


def current_run() -> LoadedRun | None:
    """The audit this session has on screen, if any."""
    run = st.session_state.get(RUN)
    return run if isinstance(run, LoadedRun) else None


def set_run(result: AuditResult, label: str, *, shared: bool = False, source: Any = None) -> LoadedRun:
    """Put a new audit on screen, releasing the previous one and everything derived from it."""
    _release()
    for key in [k for k in st.session_state if str(k).startswith((FIX_CHOICE, PUT_BACK))]:
        del st.session_state[key]
    st.session_state[REVEAL] = 0
    st.session_state.pop(FIXED, None)
    st.session_state.pop(THUMBS, None)
    st.session_state.pop(LOAD_ERROR, None)
    st.session_state.pop(SHARE, None)
    st.session_state.pop(KEEP_WORDS, None)  # words kept for one family's copy are not another's
    run = LoadedRun(result=result, label=label, shared=shared, id=uuid.uuid4().hex[:12], source=source)
    st.session_state[RUN] = run
    return run


def _release() -> None:
    run = current_run()
    if run is not None and not run.shared:
        run.result.close()


def forget() -> None:
    """Forget everything this session holds: the posts, the dossier, the fixes, the uploads."""
    _release()
    # Highlighting builds regexes from the children's names, and Python's re module keeps the
    # last 512 patterns process-wide: drop them so no name outlives this session.
    re.purge()
    generation = int(st.session_state.get(GENERATION, 0)) + 1
    st.session_state.clear()
    st.session_state[GENERATION] = generation
    init_defaults()


def options() -> AuditOptions:
    """The checks the user chose for their next audit."""
    value = st.session_state.get(OPTIONS)
    return value if isinstance(value, AuditOptions) else AuditOptions()


def set_options(value: AuditOptions) -> None:
    """Remember the checks chosen for the next audit."""
    st.session_state[OPTIONS] = value


def uploader_key() -> str:
    """The file uploader's key; a new one after every forget(), which drops the uploaded files."""
    return f"{UPLOAD}{st.session_state.get(GENERATION, 0)}"


def reveal() -> int:
    """How many steps of the workshop reveal are showing."""
    return int(st.session_state.get(REVEAL, 0))


def set_reveal(n: int) -> None:
    """Show this many steps of the workshop reveal."""
    st.session_state[REVEAL] = max(0, n)


def move_reveal(by: int, last: int) -> None:
    """Move the workshop reveal on (or back) from the step showing now, never past its ends.

    Relative, not "go to step n": a click that lands while the page is still being redrawn reaches the
    callback the last full run registered, and a fixed step in it would undo the click.
    """
    st.session_state[REVEAL] = min(max(0, reveal() + by), last)


def fixed() -> tuple[str, Dossier, tuple[str, ...]] | None:
    """The re-audited dossier after fixes, with the id of the run it belongs to and the fixes left undone then."""
    value = st.session_state.get(FIXED)
    return value if isinstance(value, tuple) else None


def set_fixed(run_id: str, dossier: Dossier | None, undone: tuple[str, ...] = ()) -> None:
    """Keep (or drop, with None) the dossier re-audited after the chosen fixes, and the fixes left undone: what
    the page says was left is what this dossier was read without, whatever the boxes say since."""
    if dossier is None:
        st.session_state.pop(FIXED, None)
    else:
        st.session_state[FIXED] = (run_id, dossier, undone)


def thumbs() -> dict[tuple[str, str, bool, int], bytes | None]:
    """This session's thumbnail cache ((run id, photo path, blurred, side) -> JPEG bytes)."""
    cache = st.session_state.get(THUMBS)
    if not isinstance(cache, dict):
        cache = {}
        st.session_state[THUMBS] = cache
    return cache


def fix_choice_key(run_id: str, fix_key: str) -> str:
    """The checkbox key of one fix of one run."""
    return f"{FIX_CHOICE}{run_id}_{fix_key}"


def fix_chosen(run_id: str, fix_key: str) -> bool:
    """Whether a fix is ticked (fixes start ticked, shown or not)."""
    return bool(st.session_state.get(fix_choice_key(run_id, fix_key), True))


def load_error() -> str | None:
    """The message of the last failed load, shown until the next load."""
    value = st.session_state.get(LOAD_ERROR)
    return value if isinstance(value, str) else None


def set_load_error(message: str | None) -> None:
    """Remember (or clear) why the last load failed."""
    if message is None:
        st.session_state.pop(LOAD_ERROR, None)
    else:
        st.session_state[LOAD_ERROR] = message


def put_back_key(run_id: str, post_id: str) -> str:
    """The checkbox key that puts one sensitive post of one run back in the safe copy."""
    return f"{PUT_BACK}{run_id}_{post_id}"


def shared_copy(run_id: str) -> tuple[bytes, Any] | None:
    """The safe copy made from this run (ZIP bytes and its report), if one was made."""
    value = st.session_state.get(SHARE)
    if isinstance(value, tuple) and len(value) == 3 and value[0] == run_id:
        return value[1], value[2]
    return None


def set_shared_copy(run_id: str, data: bytes, report: Any) -> None:
    """Keep the safe copy in this session (memory only) for its download button."""
    st.session_state[SHARE] = (run_id, data, report)
