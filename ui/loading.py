"""Loading posts: uploaded files or the demo family into one audit, with progress, errors said plainly."""

from __future__ import annotations

import io
import logging
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import streamlit as st

from kidsafe.demo import DEMO_FEED, DEMO_LABEL
from kidsafe.errors import KidsafeError
from kidsafe.ingest.parts import is_archive_name
from kidsafe.pipeline import AuditResult, audit
from kidsafe.share.export import share
from ui import resources, state
from ui.render import esc

log = logging.getLogger(__name__)
#: File types the uploader takes: a ZIP (folder or platform export), or photos with posts.csv.
UPLOAD_TYPES = ["zip", "tgz", "gz", "tar", "csv", "json", "jpg", "jpeg", "png", "webp", "heic", "heif", "gif"]
STAGE_WORDS = {
    "photos": "Reading the photos (dates, places, text, faces)",
    "captions": "Reading the captions",
    "dossier": "Putting the dossier together",
    "share": "Cleaning the photos (faces, text, hidden data)",
    "verify": "Checking the safe copy for hidden data and faces",
}
UNEXPECTED = "Try a smaller set of posts, or a ZIP of the folder; kidsafe kept nothing of them."
SHARE_NAME = "kidsafe-safe-copy.zip"
ONE_ZIP = ("Upload one ZIP (or every part of an export that came in several), or photos with a posts.csv: "
           "not a ZIP mixed with other files.")


class Uploaded(Protocol):
    """What the app needs of an uploaded file (Streamlit's UploadedFile has it)."""

    name: str

    def getvalue(self) -> bytes:
        """The file's bytes."""
        ...


def upload_source(files: Sequence[Uploaded]) -> tuple[Any, str]:
    """What to audit from the uploaded files (ZIP bytes, or a dict of photos and posts.csv) and its label."""
    archives = [f for f in files if is_archive_name(f.name)]
    if archives and len(archives) < len(files):
        raise KidsafeError(ONE_ZIP)
    if len(archives) == 1 and archives[0].name.lower().endswith(".zip"):
        named = io.BytesIO(archives[0].getvalue())
        named.name = archives[0].name  # so that a problem with the ZIP itself names the file the user chose
        return named, archives[0].name
    if archives:  # the parts of one export (or a .tgz Takeout): read together
        return {f.name: f.getvalue() for f in archives}, ", ".join(f.name for f in archives[:3])
    names: dict[str, bytes] = {}
    for f in files:
        names[f.name] = f.getvalue()
    return names, f"{len(files)} uploaded file{'s' if len(files) != 1 else ''}"


def _progress_display() -> Any:
    bar = st.progress(0.0, text="Starting…")

    def report(stage: str, done: int, total: int) -> None:
        words = STAGE_WORDS.get(stage) or ("Re-auditing the safe copy" if stage.startswith("recheck") else stage)
        bar.progress(min(1.0, done / total) if total else 0.0, text=f"{words}: {done} of {total}")

    return report


def run_upload(files: Sequence[Uploaded]) -> state.LoadedRun | None:
    """Audit the uploaded files in memory and put the dossier on screen; a clear error instead of a crash."""
    resources.models()
    try:
        src, label = upload_source(files)
        with st.status("Auditing your posts, on this computer…", expanded=True) as status:
            try:
                result: AuditResult = audit(src, options=state.options(), progress=_progress_display())
            except BaseException:
                # Closed on every error path: a box left open with its bar half full reads as "still working".
                status.update(label="These files could not be read", state="error", expanded=False)
                raise
            status.update(label=f"Read {result.dossier.posts_read} posts", state="complete", expanded=False)
    except KidsafeError as exc:
        log.info("upload refused: %s", type(exc).__name__)
        state.set_load_error(str(exc))
        return None
    except Exception as exc:  # noqa: BLE001 - the last line of defence: say so, never show a traceback
        log.warning("audit failed unexpectedly: %s", type(exc).__name__)
        state.set_load_error(f"These files could not be audited ({type(exc).__name__}). {UNEXPECTED}")
        return None
    return state.set_run(result, label, source=src)


def run_demo() -> state.LoadedRun:
    """Put the demo family's dossier on screen (audited once per server, shared read-only)."""
    return state.set_run(resources.demo_result(), DEMO_LABEL, shared=True, source=DEMO_FEED)


def run_share(run: state.LoadedRun, *, faces: str, captions: str, keep_face_of: str | None,
              put_back: Sequence[str] = (), keep_words: Sequence[str] = ()) -> bool:
    """Make the safe copy of the loaded posts; False (with the error shown) when it failed.

    The ZIP is written to a temporary folder, read into this session's memory, and the folder is
    removed at once.
    """
    if run.source is None:
        st.error("This audit cannot be shared: load the posts again.", icon=":material/error:")
        return False
    try:
        with st.status("Making the safe copy, on this computer…", expanded=True) as status, \
                tempfile.TemporaryDirectory(prefix="kidsafe-share-") as folder:
            out = Path(folder) / SHARE_NAME
            report = share(run.source, out, faces=faces, captions=captions, keep_face_of=keep_face_of,
                           put_back=put_back, keep_words=keep_words, as_of=run.dossier.audit_date,
                           progress=_progress_display(),
                           options=state.options())
            data = out.read_bytes()
            status.update(label="The safe copy is ready", state="complete", expanded=False)
    except (KidsafeError, OSError, ValueError) as exc:
        log.info("safe share failed: %s", type(exc).__name__)
        st.error(esc(f"The safe copy could not be made: {exc}"), icon=":material/error:")
        return False
    state.set_shared_copy(run.id, data, report)
    return True


def show_load_error() -> None:
    """The last load's error, escaped (it may quote a file name)."""
    message = state.load_error()
    if message:
        st.error(esc(message), icon=":material/error:")
