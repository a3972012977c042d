"""Hostile archives and images through `python -m kidsafe audit`, under hard memory and CPU limits.

Each audit runs in a subprocess that sets RLIMIT_AS (address space) and RLIMIT_CPU before it
execs the CLI: a bomb that got through would kill it (MemoryError, SIGXCPU) and fail the test.
The child's own peak RSS and CPU seconds (os.wait4) are asserted too. Nothing here measures
wall-clock time, which depends on what else the shared cores are doing.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import stat
import struct
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
MiB = 1024 * 1024
GiB = 1024 * MiB
#: Address space for an audit with every detector on (onnxruntime and spaCy reserve a lot of it).
FULL_AS = 3 * GiB
#: Address space for an audit with the image detectors off (spaCy only).
TEXT_AS = 2 * GiB
CPU_LIMIT_S = 120
"""RLIMIT_CPU: the kernel stops the audit after this much CPU time."""
#: One BLAS thread: CPU time then counts work, not a thread pool spinning while other jobs hold the cores.
QUIET_THREADS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
#: What a healthy audit of these small feeds may use: peak resident memory and CPU seconds.
FULL_RSS_MB, FULL_CPU_S = 1600, 45
TEXT_RSS_MB, TEXT_CPU_S = 900, 30
CAPPED_CPU_S = 80
NO_DETECTORS = ("--no-ocr", "--no-faces", "--no-nudity")


@dataclass(frozen=True)
class Run:
    """One bounded CLI audit: exit code, output, the dossier JSON (if written), peak RSS and CPU."""

    code: int
    out: str
    err: str
    dossier: dict | None
    rss_mb: int
    cpu_s: float

    def warned(self, file: str, *words: str) -> bool:
        """True if a warning about ``file`` (in the dossier or on stderr) holds every word."""
        messages = [w["message"] for w in (self.dossier or {}).get("warnings", []) if w["file"] == file]
        messages += [line for line in self.err.splitlines() if file in line]
        return any(all(word in m for word in words) for m in messages)


#: Runs `python -m kidsafe ARGS…` and, on any exit, writes the process's peak RSS (kB) to a file.
_REPORT_HWM = (
    "import atexit, runpy, sys\n"
    "def _hwm():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            open({out!r}, 'w').write(line.split()[1])\n"
    "atexit.register(_hwm)\n"
    "sys.argv = ['kidsafe'] + sys.argv[1:]\n"
    "runpy.run_module('kidsafe', run_name='__main__', alter_sys=True)\n"
)


def audit(target: Path, work: Path, *extra: str, address_space: int = FULL_AS) -> Run:
    """`python -m kidsafe audit TARGET --json` with rlimits set before exec; the child's rusage kept."""
    work.mkdir(parents=True, exist_ok=True)
    out_json = work / "dossier.json"
    argv = [sys.executable, "-m", "kidsafe", "audit", str(target), "--as-of", "2025-06-01", "--quiet",
            "--json", str(out_json), *extra]
    # Peak RSS is read from the audit's own /proc/self/status (VmHWM) as it exits: rusage's maxrss
    # would also count the pytest process this child was forked from (Linux keeps it across exec).
    hwm = work / "vmhwm"
    wrapped = [sys.executable, "-c", _REPORT_HWM.format(out=str(hwm)), *argv[3:]]
    launcher = (
        "import os, resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({address_space}, {address_space}))\n"
        f"resource.setrlimit(resource.RLIMIT_CPU, ({CPU_LIMIT_S}, {CPU_LIMIT_S}))\n"
        f"os.execv(sys.executable, {wrapped!r})\n"
    )
    env = {**os.environ, **QUIET_THREADS, "PYTHONPATH": str(ROOT), "TMPDIR": str(work)}
    with open(work / "stdout", "wb") as out, open(work / "stderr", "wb") as err:
        proc = subprocess.Popen([sys.executable, "-c", launcher], cwd=work, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    dossier = json.loads(out_json.read_text(encoding="utf-8")) if out_json.exists() else None
    peak_kb = int(hwm.read_text()) if hwm.exists() else usage.ru_maxrss
    return Run(proc.returncode, (work / "stdout").read_text("utf-8", "replace"),
               (work / "stderr").read_text("utf-8", "replace"), dossier, peak_kb // 1024,
               usage.ru_utime + usage.ru_stime)


def assert_bounded(run: Run, rss_mb: int, cpu_s: float, codes: tuple[int, ...] = (0,)) -> None:
    """The audit ended on its own terms (no traceback, no kill) within the memory and CPU it may use."""
    print(f"\naudit exit {run.code}: peak RSS {run.rss_mb} MB, {run.cpu_s:.1f} s CPU")
    assert "Traceback" not in run.err, run.err[-3000:]
    assert run.code in codes, (run.code, run.err[-3000:])
    assert run.rss_mb < rss_mb, f"peak RSS {run.rss_mb} MB"
    assert run.cpu_s < cpu_s, f"{run.cpu_s:.1f} s of CPU"


# --- Building hostile files ----------------------------------------------------------------------


def zip_bytes(entries: list[tuple[str | zipfile.ZipInfo, bytes]], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A ZIP of the given entries (names or prepared ZipInfos)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression, compresslevel=9) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return out.getvalue()


def nested_bomb(levels: int = 3, copies: int = 10, leaf_mib: int = 10) -> bytes:
    """A 42.zip-style bomb: ZIPs of ZIPs, ``copies ** (levels - 1)`` leaves of ``leaf_mib`` MiB of zeros."""
    data = zip_bytes([("zeros.bin", b"\0" * (leaf_mib * MiB))])
    for level in range(1, levels):
        data = zip_bytes([(f"l{level}-{i}.zip", data) for i in range(copies)], zipfile.ZIP_STORED)
    return data


def deflated_zeros(n: int) -> bytes:
    """A raw deflate stream of ``n`` zero bytes, built a chunk at a time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"\0" * (4 * MiB)
    parts = [packer.compress(chunk) for _ in range(n // len(chunk))]
    parts.append(packer.compress(b"\0" * (n % len(chunk))))
    return b"".join([*parts, packer.flush()])


def lying_entry(name: str, real_size: int, claimed: int) -> tuple[bytes, bytes]:
    """A local header + data and its central record for an entry whose headers claim ``claimed`` bytes
    while its deflate stream holds ``real_size`` bytes (CRC left at 0: kidsafe must stop reading first)."""
    raw = deflated_zeros(real_size)
    encoded = name.encode()
    local = struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, 0, len(raw), claimed, len(encoded), 0)
    central = struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, 0, len(raw), claimed,
                          len(encoded), 0, 0, 0, 0, 0, 0)
    return local + encoded + raw, central + encoded


def append_entries(archive: bytes, extra: list[tuple[bytes, bytes]]) -> bytes:
    """``archive`` with hand-built entries (local part, central record without its offset) appended."""
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        cd_offset = zf.start_dir
        count = len(zf.infolist())
    eocd_at = archive.rindex(b"PK\x05\x06")
    body, central = bytearray(archive[:cd_offset]), bytearray(archive[cd_offset:eocd_at])
    for local, record in extra:
        offset = len(body)
        body += local
        record = bytearray(record)
        record[42:46] = struct.pack("<I", offset)
        central += record
    count += len(extra)
    eocd = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, count, count, len(central), len(body), 0)
    return bytes(body + central + eocd)


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels."""
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 99)) + chunk(b"IEND", b"")


def largest_allowed_png() -> bytes:
    """A real 8000x8000 PNG: exactly the pixel limit, so it is decoded (192 MB of pixels) from 190 KB."""
    from kidsafe.media.photos import MAX_IMAGE_PIXELS

    side = int(MAX_IMAGE_PIXELS**0.5)
    out = io.BytesIO()
    Image.new("RGB", (side, side), (200, 200, 190)).save(out, "PNG", compress_level=9)
    return out.getvalue()


def jpeg_with_huge_exif() -> bytes:
    """A JPEG with a 60 KB EXIF UserComment and 100 more maximal APP1 segments (6.5 MB of metadata).

    The padding is random, as real maker notes are: zeros would be refused as a ZIP bomb before any
    photo reader saw them.
    """
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9286] = b"ASCII\x00\x00\x00" + b"A" * 60_000
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(out, "JPEG", exif=exif.tobytes())
    plain = out.getvalue()
    payload = b"Exif\x00\x00II*\x00\x08\x00\x00\x00" + random.Random(6).randbytes(65_000)
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    return plain[:2] + segment * 100 + plain[2:]


def symlink_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def caption_rows(rows: list[tuple[str, str, str, str]]) -> str:
    return "id,date,caption,images\n" + "".join(f"{a},{b},{c},{d}\n" for a, b, c, d in rows)


# --- Per-entry hostiles in one export: refused or bounded one by one, the rest audited -----------

#: file in the ZIP -> the words its warning must hold (None: read normally, within the limits)
HOSTILE_ENTRIES = {
    "nested-bomb.zip": ("not opened",),
    "bomb.jpg": ("ZIP bomb", "refused"),
    "liar.jpg": ("damaged inside the ZIP",),
    "png-60000x60000.png": ("too large", "60000x60000"),
    "../escape.jpg": ("unsafe path", "'..'"),
    "/tmp/kidsafe-escape.jpg": ("unsafe path", "absolute"),
    "link.jpg": ("symbolic link", "refused"),
    "disguised-bomb.jpg": ("not an image",),
    "png-largest.png": None,
    "huge-exif.jpg": None,
}


@pytest.fixture(scope="module")
def hostile_zip(tmp_path_factory, jpeg_with_gps_bytes):
    bomb = nested_bomb()
    entries: list[tuple[str | zipfile.ZipInfo, bytes]] = [
        ("posts.csv", caption_rows([("1", "2024-05-04 10:00", "A sunny walk by the river", "ok.jpg")])),
        ("ok.jpg", jpeg_with_gps_bytes),
        ("nested-bomb.zip", bomb),
        ("disguised-bomb.jpg", bomb),
        ("bomb.jpg", b"\0" * (90 * MiB)),
        ("png-60000x60000.png", png_claiming(60000, 60000)),
        ("png-largest.png", largest_allowed_png()),
        ("huge-exif.jpg", jpeg_with_huge_exif()),
        ("../escape.jpg", b"x"),
        ("/tmp/kidsafe-escape.jpg", b"x"),
        (symlink_info("link.jpg"), b"/etc/passwd"),
    ]
    archive = append_entries(zip_bytes(entries), [lying_entry("liar.jpg", 512 * MiB, 2000)])
    path = tmp_path_factory.mktemp("hostile") / "hostile-export.zip"
    path.write_bytes(archive)
    yield path
    path.unlink()


@pytest.fixture(scope="module")
def jpeg_with_gps_bytes():
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = "2024:05:04 09:30:00"
    exif.get_ifd(0x8825).update({1: "N", 2: (48, 51, 29.0), 3: "E", 4: (2, 17, 40.0)})
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (90, 140, 200)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_trust_hostile_export_refuses_each_bomb_and_audits_the_rest(hostile_zip, tmp_path):
    assert hostile_zip.stat().st_size < 8 * MiB  # what unpacks to gigabytes is small on disk
    run = audit(hostile_zip, tmp_path / "work")
    assert_bounded(run, FULL_RSS_MB, FULL_CPU_S)
    for name, words in HOSTILE_ENTRIES.items():
        if words is None:
            assert not any(w["file"] == name for w in run.dossier["warnings"]), name
        else:
            assert run.warned(name, *words), (name, run.dossier["warnings"])
    # the warning's file is named beside its message, never again inside it ("x.jpg: x.jpg: ...")
    assert not [w for w in run.dossier["warnings"] if w["message"].startswith(f"{w['file']}:")], run.dossier["warnings"]
    leaks = [f for f in run.dossier["facts"] if f["kind"] == "location_leak"]
    assert leaks and leaks[0]["evidence"][0]["post"] == "1", "the good photo's GPS is still found"
    assert not (tmp_path / "escape.jpg").exists() and not Path("/tmp/kidsafe-escape.jpg").exists()
    print(f"\nhostile export: {sum(1 for w in HOSTILE_ENTRIES.values() if w)} entries refused; "
          f"peak RSS {run.rss_mb} MB, {run.cpu_s:.1f} s CPU")


# --- Whole archives refused at the door ----------------------------------------------------------


def overlapping_bomb() -> bytes:
    """Fifield-style: many central records whose data all start at the first entry's local header."""
    data = bytearray(zip_bytes([(f"p{i}.jpg", b"\0" * MiB) for i in range(50)]))
    at = data.index(b"PK\x01\x02")
    while at >= 0:
        data[at + 42 : at + 46] = struct.pack("<I", 0)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def entry_count_bomb() -> bytes:
    """An end record claiming 65,535 entries (the directory itself would be the bomb)."""
    data = bytearray(zip_bytes([("a.jpg", b"x")]))
    at = data.rindex(b"PK\x05\x06")
    data[at + 8 : at + 12] = struct.pack("<HH", 0xFFFF, 0xFFFF)
    return bytes(data)


def only_nested_archives() -> bytes:
    """A ZIP holding nothing but ZIPs (each itself a bomb)."""
    inner = nested_bomb(levels=2, copies=4, leaf_mib=8)
    return zip_bytes([(f"part{i}.zip", inner) for i in range(4)], zipfile.ZIP_STORED)


WHOLE_ARCHIVES = {
    "overlapping": (overlapping_bomb, ("overlap", "refused")),
    "entry-count": (entry_count_bomb, ("more than 20000 files", "refused")),
    "only-nested": (only_nested_archives, ("no posts found", "not opened")),
}


@pytest.mark.parametrize("case", sorted(WHOLE_ARCHIVES))
def test_trust_hostile_archive_refused_with_a_clear_message(case, tmp_path):
    make, words = WHOLE_ARCHIVES[case]
    path = tmp_path / f"{case}.zip"
    path.write_bytes(make())
    run = audit(path, tmp_path / "work", *NO_DETECTORS, address_space=TEXT_AS)
    assert_bounded(run, TEXT_RSS_MB, TEXT_CPU_S, codes=(2,))
    assert run.err.startswith(f"kidsafe: {path.name}: "), run.err
    assert all(word in run.err for word in words), run.err


# --- Oversize text: a 100 MB posts.csv, deeply nested JSON ----------------------------------------

CSV_BYTES = 100_000_000


def write_streamed(path: Path, head: str, unit: str, total: int, tail: str = "") -> None:
    """Write ``head``, then ``unit`` repeated to ``total`` bytes, then ``tail``, a megabyte at a time."""
    block = unit * max(1, MiB // len(unit))
    written = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        written += fh.write(head)
        while written < total:
            written += fh.write(block)
        fh.write(tail)
    assert path.stat().st_size >= total


@pytest.fixture
def photo_folder(tmp_path, jpeg_with_gps_bytes):
    root = tmp_path / "feed"
    root.mkdir()
    (root / "ok.jpg").write_bytes(jpeg_with_gps_bytes)
    yield root
    shutil.rmtree(root)  # 100 MB files are not left for pytest's kept temp folders


def test_trust_hostile_100mb_caption_is_refused_and_the_rest_read(photo_folder, tmp_path):
    head = caption_rows([("1", "2024-05-04 10:00", "A sunny walk by the river", "ok.jpg")]) + '2,2024-05-05,"'
    write_streamed(photo_folder / "posts.csv", head, "So many words in one caption ", CSV_BYTES, '",\n')
    run = audit(photo_folder, tmp_path / "work", *NO_DETECTORS, address_space=TEXT_AS)
    assert_bounded(run, TEXT_RSS_MB, TEXT_CPU_S)
    assert run.warned("posts.csv", "line 3", "cannot be read as CSV", "larger than"), run.dossier["warnings"]
    assert run.dossier["posts_read"] == 1


def test_trust_hostile_100mb_csv_of_short_posts_is_capped(photo_folder, tmp_path):
    from kidsafe.ingest.safety import DEFAULT_LIMITS

    cap = DEFAULT_LIMITS.max_posts
    head = "id,date,caption,images\n" + "".join(f"{i},2024-05-{i % 28 + 1:02d} 10:00,Hello {i % 10},\n"
                                                for i in range(cap + 10))
    write_streamed(photo_folder / "posts.csv", head, "9,2024-05-04 10:00,Hello again,\n", CSV_BYTES)
    run = audit(photo_folder, tmp_path / "work", *NO_DETECTORS, address_space=TEXT_AS)
    # Auditing the first 10,000 posts is real work (spaCy and the engine on every caption).
    assert_bounded(run, TEXT_RSS_MB, CAPPED_CPU_S)
    assert run.warned("posts.csv", f"more than {DEFAULT_LIMITS.max_posts:,} posts"), run.dossier["warnings"]
    assert run.dossier["posts_read"] == cap


DEEP = 5_000_000
NESTED_JSON = {
    "instagram": ("your_instagram_activity/content/posts_1.json", "media/posts/1/ok.jpg", "[" * DEEP),
    "takeout": ("Photos/ok.jpg.json", "Photos/ok.jpg", '{"title": "ok.jpg", "x": ' + '{"a": ' * DEEP),
}


@pytest.mark.parametrize("case", sorted(NESTED_JSON))
def test_trust_hostile_deeply_nested_json_is_skipped_with_a_warning(case, tmp_path, jpeg_with_gps_bytes):
    json_name, photo_name, text = NESTED_JSON[case]
    root = tmp_path / "feed"
    for name, data in ((json_name, text.encode()), (photo_name, jpeg_with_gps_bytes)):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    run = audit(root, tmp_path / "work", *NO_DETECTORS, address_space=TEXT_AS)
    shutil.rmtree(root)
    assert_bounded(run, TEXT_RSS_MB, TEXT_CPU_S)
    assert run.warned(json_name, "nested too deeply"), run.dossier["warnings"]
    assert run.dossier["posts_read"] == 1
