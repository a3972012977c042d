"""No network by default: the CLI and the app connect to nothing but this machine, and telemetry is off.

The CLI audit and a short `streamlit run` (visited by headless Chromium) run under
`strace -f -e trace=connect,sendto,sendmsg`: every address they reach must be loopback, a unix
socket or the kernel (netlink). The page's own requests must all go to 127.0.0.1. Streamlit's
usage statistics must be off in the configuration Streamlit itself loads from this project.
"""

from __future__ import annotations

import ipaddress
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.served_app import ROOT, chromium, served_app

TRACED = "connect,sendto,sendmsg"
FAMILY_RE = re.compile(r"sa_family=(AF_\w+)")
IPV4_RE = re.compile(r'inet_addr\("([^"]+)"\)')
IPV6_RE = re.compile(r'inet_pton\(AF_INET6, "([^"]+)"')
#: Address families that never leave the machine.
LOCAL_FAMILIES = frozenset({"AF_UNIX", "AF_LOCAL", "AF_NETLINK", "AF_UNSPEC"})


def outside_addresses(trace: str) -> list[str]:
    """Every address in an strace log of connect/sendto/sendmsg that is not on this machine."""
    bad = []
    for line in trace.splitlines():
        for family in FAMILY_RE.findall(line):
            if family not in LOCAL_FAMILIES | {"AF_INET", "AF_INET6"}:
                bad.append(f"{family}: {line.strip()}")
        for address in IPV4_RE.findall(line) + IPV6_RE.findall(line):
            ip = ipaddress.ip_address(address)
            mapped = getattr(ip, "ipv4_mapped", None)
            if not (ip.is_loopback or (mapped is not None and mapped.is_loopback)):
                bad.append(line.strip())
    return bad


def loopback_connects(trace: str) -> int:
    return sum(1 for line in trace.splitlines() if "connect(" in line and ('"127.' in line or '"::1"' in line))


def _require_strace() -> str:
    path = shutil.which("strace")
    if path is None:
        pytest.skip("strace is not installed")
    probe = subprocess.run([path, "-f", "-qq", "-e", "trace=connect", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"strace cannot trace here: {probe.stderr.strip()[:200]}")
    return path


TRACE_CASES = [
    ('connect(3, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT', []),
    ('connect(5, {sa_family=AF_INET, sin_port=htons(8501), sin_addr=inet_addr("127.0.0.1")}, 16) = 0', []),
    ('connect(5, {sa_family=AF_INET6, sin6_port=htons(80), inet_pton(AF_INET6, "::1", &sin6_addr)}, 28) = 0', []),
    ('connect(9, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 0', []),
    ('connect(5, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("93.184.215.14")}, 16) = 0', ["1"]),
    ('sendto(4, "\\x12", 30, 0, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("1.1.1.1")}, 16)', ["1"]),
    ('connect(5, {sa_family=AF_INET6, sin6_port=htons(443), inet_pton(AF_INET6, "2001:db8::1", &sin6_addr)}, 28)',
     ["1"]),
    ('connect(5, {sa_family=AF_PACKET, sll_protocol=htons(ETH_P_ALL)}, 20) = 0', ["1"]),
]


@pytest.mark.parametrize(("line", "outside"), TRACE_CASES)
def test_network_trace_reader_tells_outside_from_loopback(line, outside):
    assert bool(outside_addresses(line)) == bool(outside)


def test_network_trace_reader_sees_a_real_loopback_connection(tmp_path):
    strace = _require_strace()
    log = tmp_path / "trace"
    code = ("import socket\nserver = socket.create_server(('127.0.0.1', 0))\n"
            "socket.create_connection(server.getsockname()).close()\n")
    subprocess.run([strace, "-f", "-qq", "-e", f"trace={TRACED}", "-o", str(log), sys.executable, "-c", code],
                   check=True, timeout=60)
    trace = log.read_text()
    assert loopback_connects(trace) >= 1 and not outside_addresses(trace)


# --- The CLI --------------------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore")
def test_network_cli_audit_connects_to_nothing_outside(tmp_path, app_feed):
    strace = _require_strace()
    feed = tmp_path / "family.zip"
    feed.write_bytes(app_feed())
    log = tmp_path / "trace"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([strace, "-f", "-qq", "-e", f"trace={TRACED}", "-o", str(log), sys.executable, "-m",
                           "kidsafe", "audit", str(feed), "--as-of", "2025-06-01"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Maya" in proc.stdout, "every check ran on a real feed"
    assert not outside_addresses(log.read_text())


# --- The app --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def traced_visit(tmp_path_factory):
    """`streamlit run app.py` under strace on a free loopback port, visited by Chromium: (requests, trace, port).

    bind is traced too: it shows strace followed the server, and listening beyond loopback would be flagged.
    The visit opens the load page, then the privacy page, which loads every offline model on the server.
    """
    strace = _require_strace()
    work = tmp_path_factory.mktemp("traced-app")
    log = work / "trace"
    requests: list[str] = []
    wrapper = [strace, "-f", "-qq", "-e", f"trace={TRACED},bind", "-o", str(log)]
    with served_app(work / "streamlit.log", home=work, wrapper=wrapper) as (url, _proc), chromium() as browser:
        page = browser.new_context().new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.on("websocket", lambda ws: requests.append(ws.url))
        page.goto(url)
        page.get_by_role("button", name="Try the demo family").wait_for(timeout=60_000)
        page.goto(f"{url}/privacy")
        page.get_by_text("Checks installed on this computer").wait_for(timeout=300_000)
        page.get_by_text("Faces", exact=True).first.wait_for(timeout=300_000)
    port = int(url.rsplit(":", 1)[1])
    return url, requests, log.read_text(), port


@pytest.mark.browser
@pytest.mark.slow
def test_network_app_server_connects_to_nothing_outside(traced_visit):
    _, _, trace, port = traced_visit
    assert "bind(" in trace and f"htons({port})" in trace, "strace followed the server (it saw it listen)"
    assert not outside_addresses(trace), "the server reached out, or listened beyond this machine"


@pytest.mark.browser
@pytest.mark.slow
def test_network_app_page_requests_only_its_own_server(traced_visit):
    url, requests, _, _ = traced_visit
    assert requests
    outside = [u for u in requests if not u.startswith((url, url.replace("http", "ws", 1), "data:", "blob:"))]
    assert not outside, outside


# --- Telemetry --------------------------------------------------------------------------------------


def loaded_option(cwd: Path, home: Path, option: str) -> str:
    """An option's value as Streamlit loads it (its defaults, ~/.streamlit, then ./.streamlit)."""
    code = ("from streamlit import config\nconfig.get_config_options(force_reparse=True)\n"
            f"print(config.get_option({option!r}))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=cwd, env={**os.environ, "HOME": str(home)},
                          capture_output=True, text=True, timeout=120, check=True)
    return proc.stdout.strip().splitlines()[-1]


def test_network_streamlit_telemetry_is_off_in_the_config_streamlit_loads(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert loaded_option(elsewhere, tmp_path, "browser.gatherUsageStats") == "True", "on by default"
    assert loaded_option(ROOT, tmp_path, "browser.gatherUsageStats") == "False"
    assert loaded_option(ROOT, tmp_path, "server.fileWatcherType") == "none"
