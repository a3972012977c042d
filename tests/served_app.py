"""The app as a browser sees it: `streamlit run app.py` on a free loopback port, and Debian's Chromium.

Shared by the browser, load and network tests. Chromium is Debian's (/usr/bin/chromium), driven by
pip's playwright; `playwright install` (a download) is never used.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
START_TIMEOUT_S = 120
STOP_TIMEOUT_S = 30


def require_chromium() -> None:
    """Skip the test when Chromium is missing, or fail it in CI (where .ci/run installs it)."""
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run this test"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served_app(log: Path, *, home: Path | None = None, wrapper: Sequence[str] = ()
               ) -> Iterator[tuple[str, subprocess.Popen]]:
    """`streamlit run app.py` on a free loopback port: (its URL, the process) once it answers its health check.

    Its output goes to ``log``; ``home`` becomes its HOME (so no user config is read); ``wrapper``
    is a command to run it under (strace). The server is stopped when the block ends.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, **({"HOME": str(home)} if home else {})}
    command = [*wrapper, sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true"]
    with open(log, "w", encoding="utf-8") as out:
        # A process group of its own: stopping a wrapper (strace) alone would leave the server running.
        proc = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env,
                                start_new_session=True)
        try:
            _wait_healthy(url, proc, log)
            yield url, proc
        finally:
            _stop_group(proc)


def _stop_group(proc: subprocess.Popen) -> None:
    """Stop every process of the server's group: politely, then by force."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=STOP_TIMEOUT_S)
            os.killpg(proc.pid, 0)  # the leader is gone: is any other member left?
        except subprocess.TimeoutExpired:
            continue
        except ProcessLookupError:
            return
        time.sleep(0.5)


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"the app did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.5)


@contextmanager
def chromium() -> Iterator[object]:
    """Headless Chromium under playwright (sync API), closed when the block ends."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def upload_file(page, url: str, path: Path) -> None:
    """Open the app, put the file in its uploader and press Audit (without waiting for the result)."""
    page.goto(url)
    page.get_by_role("button", name="Try the demo family").wait_for(timeout=60_000)
    page.locator("input[type=file]").first.set_input_files(str(path))
    audit = page.get_by_role("button", name="Audit these posts")
    deadline = time.monotonic() + 60
    while not audit.is_enabled():  # the upload has reached the server (the chip shortens long names)
        assert time.monotonic() < deadline, "the upload never reached the server"
        page.wait_for_timeout(250)
    audit.click()
