"""Nothing kept, nothing logged: an audit (CLI or app) and "Forget everything" leave no trace of a family.

A made-up family with unmistakable names, school and home position is audited; then the temp
directory (TMPDIR pointed at a fresh folder), HOME, the working directory and the repository are
searched for anything new that holds their names, their coordinates, their photos or any image;
the caches shared between sessions are searched too; and every log record of the audit, at DEBUG.
"""

from __future__ import annotations

import ast
import gc
import io
import os
import subprocess
import sys
import tempfile
import types
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kidsafe.pipeline import AuditOptions, audit

ROOT = Path(__file__).resolve().parents[1]
CHILD, SIBLING, RELATIVE, SCHOOL = "Quorvexia", "Belvantor", "Ottiline", "Tobrindale Primary School"
HOME = (-33.87312, 151.20694)
FAMILY_POSTS = (
    ("1", "2024-05-18 18:05", f"Happy 7th birthday to our {CHILD}! 🎂 #birthdaygirl", "2024:05:18 17:40:00", HOME),
    ("2", "2024-09-04 08:50", f"First day back at {SCHOOL} for {CHILD} and {SIBLING} 🎒", "2024:09:04 08:30:00",
     None),
    ("3", "2024-10-12 19:10", f"{SIBLING} turns 4 today!! 🦕", "2024:10:12 18:00:00", HOME),
    ("4", "2024-11-03 13:30", f"Sunday roast at Grandma {RELATIVE}'s", "2024:11:03 13:00:00", HOME),
)
#: What must never be written down or logged: the family's names, school and home, in any spelling.
SECRETS = (CHILD, SIBLING, RELATIVE, "Tobrindale", "birthday to our", "-33.87", "33.873", "151.20", "151.21",
           "33°", "151°")
IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG", b"RIFF", b"GIF8", b"\x00\x00\x00\x18ftyp", b"\x00\x00\x00\x1cftyp")
SKIPPED_DIRS = frozenset({".git", ".venv", "__pycache__", "node_modules"})


@pytest.fixture
def family_zip(app_feed) -> bytes:
    return app_feed(posts=FAMILY_POSTS)


def photos_of(archive: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        return [zf.read(n) for n in zf.namelist() if n.endswith(".jpg")]


def files_under(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIPPED_DIRS]
        for name in filenames:
            yield Path(dirpath) / name


def snapshot(root: Path) -> dict[Path, tuple[int, int]]:
    """Every file under ``root`` with its size and modification time."""
    out = {}
    for path in files_under(root):
        try:
            st = path.stat()
        except OSError:
            continue
        out[path] = (st.st_size, st.st_mtime_ns)
    return out


def traces(data: bytes, photos: list[bytes]) -> list[str]:
    """What in ``data`` belongs to the family: a secret, one of their photos."""
    found = [s for s in SECRETS if s.encode() in data or s.encode("utf-16-le") in data]
    found += ["a photo of the feed" for p in photos if p in data]
    return found


def log_leaks(record) -> list[str]:
    """What a log record gives away: a secret, or a GPS position's raw EXIF value (as Pillow's DEBUG log has it)."""
    text = record.getMessage() + (record.exc_text or "")
    return traces(text.encode(), []) + [tag for tag in ("GPSLatitude", "GPSLongitude") if tag in text]


def new_files(before: dict[Path, tuple[int, int]], root: Path) -> list[Path]:
    after = snapshot(root)
    return [p for p, stamp in after.items() if before.get(p) != stamp]


def assert_left_nothing(private: list[Path], repo_before: dict[Path, tuple[int, int]], photos: list[bytes]) -> None:
    """Private folders hold nothing at all; anything new in the repository holds nothing of the family.

    (Other jobs may be editing the repository meanwhile, so its new files are searched, not counted.)
    """
    for folder in private:
        left = [str(p.relative_to(folder)) for p in files_under(folder)]
        assert not left, f"left in {folder.name}: {left}"
    for path in new_files(repo_before, ROOT):
        if path.stat().st_size < 64 * 1024 * 1024:
            found = traces(path.read_bytes(), photos)
            assert not found, f"{path.relative_to(ROOT)} holds {found}"


@pytest.fixture
def private_dirs(tmp_path) -> dict[str, Path]:
    dirs = {name: tmp_path / name for name in ("tmp", "home", "cwd")}
    for folder in dirs.values():
        folder.mkdir()
    return dirs


# --- The CLI --------------------------------------------------------------------------------------


def test_privacy_cli_audit_leaves_nothing_on_disk(family_zip, private_dirs, tmp_path):
    feed = tmp_path / "family.zip"
    feed.write_bytes(family_zip)
    feed_stamp = (feed.stat().st_size, feed.stat().st_mtime_ns)
    repo_before = snapshot(ROOT)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(private_dirs["tmp"]),
           "HOME": str(private_dirs["home"]), "XDG_CACHE_HOME": str(private_dirs["home"] / ".cache")}
    proc = subprocess.run([sys.executable, "-m", "kidsafe", "audit", str(feed), "--as-of", "2025-06-01"],
                          cwd=private_dirs["cwd"], env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert CHILD in proc.stdout, "the audit found the family (so there was something to keep)"
    assert_left_nothing(list(private_dirs.values()), repo_before, photos_of(family_zip))
    assert (feed.stat().st_size, feed.stat().st_mtime_ns) == feed_stamp, "the feed itself is never touched"


# --- Logs -----------------------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore")
def test_privacy_debug_logs_of_an_audit_carry_no_names_captions_or_places(family_zip, caplog):
    caplog.set_level("DEBUG")
    result = audit(family_zip, options=AuditOptions())
    result.close()
    assert CHILD in {c.name for c in result.dossier.children}
    assert len(caplog.records) >= 2, "the audit logs (ids and counts), so this test reads something"
    for record in caplog.records:
        assert not log_leaks(record), f"{record.name}: {record.getMessage()}"


# --- The app --------------------------------------------------------------------------------------


#: The test harness: what it holds (the tests' own constants, pytest's state) is not the app's memory.
HARNESS = frozenset({"_pytest", "pytest", "pluggy", "tests", "conftest", "hypothesis", "playwright", "__main__"})


def _harness(name: object) -> bool:
    top = str(name or "").split(".")[0]
    return top in HARNESS or top.startswith("test_")


def scan_for(obj: object, needles: tuple[str, ...], limit: int = 3_000_000) -> list[str]:
    """Strings reachable from ``obj`` (through containers, objects and C referents) that hold a needle.

    Other modules met on the way are not entered (they are searched only when passed in ``obj``), nor
    is the test harness (pytest, these tests' own modules and functions), which holds the test data.
    """
    harness = {id(vars(m)) for name, m in list(sys.modules.items()) if m is not None and _harness(name)}
    seen: set[int] = set()
    stack = [obj]
    found = []
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        assert len(seen) < limit, "object graph too large to search"
        if isinstance(item, str):
            found += [n for n in needles if n in item]
            continue
        if isinstance(item, (bytes, bytearray, memoryview, int, float, type)) or item is None:
            continue
        if isinstance(item, types.ModuleType) and item is not obj and len(seen) > 1 and not _ours(item):
            continue
        if id(item) in harness or _harness(type(item).__module__) or (
                isinstance(item, types.FunctionType) and _harness(item.__module__)):
            continue
        stack.extend(gc.get_referents(item))
    return found


def _ours(module: types.ModuleType) -> bool:
    return module.__name__.split(".")[0] in ("kidsafe", "ui")


def app_session():
    from streamlit.testing.v1 import AppTest

    from ui import state

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.session_state[state.OPTIONS] = AuditOptions()
    return at.run()


def visit_everything(at, archive: bytes):
    """Upload the feed, then open every page that shows it (thumbnails, map, fixes, workshop)."""
    at.file_uploader[0].set_value(("family.zip", archive, "application/zip")).run()
    next(b for b in at.button if b.label == "Audit these posts").click().run()
    assert not at.exception, [e.value for e in at.exception]
    for page in ("pages/dossier.py", "pages/fix.py", "pages/where_when.py", "pages/workshop.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
    return at


@pytest.mark.load
@pytest.mark.filterwarnings("ignore")
def test_privacy_app_audit_and_forget_leave_nothing_on_disk_in_session_or_shared_caches(
        family_zip, private_dirs, monkeypatch, caplog):
    from streamlit.runtime.caching import cache_data_api, cache_resource_api

    from ui import state

    monkeypatch.setenv("TMPDIR", str(private_dirs["tmp"]))
    monkeypatch.setenv("HOME", str(private_dirs["home"]))
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again
    monkeypatch.chdir(private_dirs["cwd"])
    caplog.set_level("DEBUG")
    repo_before = snapshot(ROOT)
    at = visit_everything(app_session(), family_zip)
    run = at.session_state[state.RUN]
    assert CHILD in {c.name for c in run.dossier.children}
    assert state.THUMBS in at.session_state, "thumbnails were made (in this session's memory only)"
    secrets = (CHILD, SIBLING, SCHOOL)
    assert scan_for([at.session_state[k] for k in at.session_state], secrets), "the scan sees the session's posts"
    resources = [r.value for caches in cache_resource_api._resource_caches._function_caches.values()
                 for cache in caches.values() for r in cache._mem_cache.values()]
    assert resources, "the models are cached"
    assert not scan_for(resources, secrets), "a user's posts reached st.cache_resource"
    assert not cache_data_api._data_caches._function_caches or not any(
        cache._mem_cache for caches in cache_data_api._data_caches._function_caches.values()
        for cache in caches.values()), "st.cache_data holds something"

    at.switch_page("pages/privacy.py").run()  # its button calls the sidebar's state.forget()
    next(b for b in at.button if b.label == "Forget everything now").click().run()
    assert not at.exception
    assert state.RUN not in at.session_state
    assert not scan_for([at.session_state[k] for k in at.session_state], secrets), "the session still holds posts"
    assert_left_nothing([private_dirs["tmp"], private_dirs["home"], private_dirs["cwd"]], repo_before,
                        photos_of(family_zip))
    for record in caplog.records:
        assert not log_leaks(record), f"{record.name}: {record.getMessage()}"


def _decorated(tree: ast.AST, name: str) -> list[ast.FunctionDef]:
    """Functions decorated with ``@st.<name>`` or ``@st.<name>(...)``."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for deco in node.decorator_list:
                target = deco.func if isinstance(deco, ast.Call) else deco
                if isinstance(target, ast.Attribute) and target.attr == name:
                    out.append(node)
    return out


def test_privacy_no_cache_data_and_cache_resource_only_for_models_and_the_demo():
    cached: dict[str, list[ast.FunctionDef]] = {}
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        used = {n.attr for n in ast.walk(tree)
                if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "st"}
        assert not used & {"cache_data", "cache", "experimental_memo", "experimental_singleton"}, path.name
        if found := _decorated(tree, "cache_resource"):
            cached[path.relative_to(ROOT).as_posix()] = found
    assert set(cached) == {"ui/resources.py"}, cached
    functions = cached["ui/resources.py"]
    assert {f.name for f in functions} == {"models", "demo_result"}
    # No parameters: a cached resource cannot be keyed by (and so cannot hold) anything a user gave it.
    assert all(not (f.args.args or f.args.kwonlyargs or f.args.vararg or f.args.kwarg) for f in functions)


# --- Memory shared by every session of the app ---------------------------------------------------


def test_privacy_no_caption_left_in_process_memory_after_an_audit(app_feed):
    name = "Wrennimoth"  # made up here and nowhere else, so only the audit can hold it
    posts = ((("1", "2024-05-18 18:05", f"Happy 7th birthday to our {name}! #{name.lower()}day",
               "2024:05:18 17:40:00", None)),)
    result = audit(app_feed(posts=posts), options=AuditOptions(ocr=False, faces=False, nudity=False))
    assert name in {c.name for c in result.dossier.children}
    result.close()
    del result, posts
    gc.collect()
    ours = [module for name_, module in sorted(sys.modules.items()) if _ours(module)]
    assert not scan_for(ours, (name, name.lower()))


@pytest.mark.load
@pytest.mark.filterwarnings("ignore")
def test_privacy_app_forget_leaves_no_name_anywhere_in_process_memory(family_zip):
    from streamlit.testing.v1 import AppTest

    from ui import state

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.session_state[state.OPTIONS] = AuditOptions(ocr=False, faces=False, nudity=False)
    at.run().file_uploader[0].set_value(("family.zip", family_zip, "application/zip")).run()
    next(b for b in at.button if b.label == "Audit these posts").click().run()
    assert not at.exception and CHILD in {c.name for c in at.session_state[state.RUN].dossier.children}
    for page in ("pages/dossier.py", "pages/fix.py", "pages/where_when.py", "pages/workshop.py", "pages/privacy.py"):
        at.switch_page(page).run()  # highlights, fixes, places, the reveal: everything built from the posts
        if page == "pages/fix.py":
            next(b for b in at.button if b.label == "Re-audit with the ticked fixes").click().run()
        assert not at.exception, page
    next(b for b in at.button if b.label == "Forget everything now").click().run()
    assert state.RUN not in at.session_state
    gc.collect()
    ours = [module for _, module in sorted(sys.modules.items()) if _ours(module)]
    # From kidsafe's and ui's modules, everything they reach: their caches, and the library code they call.
    assert not scan_for(ours, (CHILD, SIBLING, SCHOOL))


def test_privacy_memory_scan_reaches_library_caches():
    """The scan above would see a name kept in a library's cache (here re's compiled patterns)."""
    import re

    word = "".join(("Zarq", "uentil"))  # built at run time: the test's own constants hold no copy
    ours = [module for _, module in sorted(sys.modules.items()) if _ours(module)]
    re.compile(r"(?<!\w)" + word + r"(?!\w)")
    assert word in scan_for(ours, (word,))
    re.purge()
    assert not scan_for(ours, (word,))


def test_privacy_shared_language_model_forgets_caption_words(app_feed):
    from kidsafe import nlp

    name = "Pellidrune"
    posts = ((("1", "2024-05-18 18:05", f"Happy 7th birthday to our {name}!", "2024:05:18 17:40:00", None)),)
    result = audit(app_feed(posts=posts), options=AuditOptions(ocr=False, faces=False, nudity=False))
    result.close()
    assert name not in nlp.load().vocab.strings
