"""kidsafe.media.photos on damaged files: hundreds of deterministic corruptions of real photos.

Whatever the bytes, read_photo_info and open_image either succeed or raise IngestError, and
do it quickly. Variants come from a seeded generator, so a failure names a reproducible case.
"""

from __future__ import annotations

import io
import random
import struct
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from kidsafe.errors import IngestError
from kidsafe.media.photos import decode_pixels, open_image, read_photo_info

REAL_GPS = Path(__file__).parent / "data" / "real-gps"
JPEGS = sorted(p.name for p in REAL_GPS.glob("*.jpg"))
HEIC = "exif-at-eof.heic"
HEADER_REGION = 64 * 1024
"""Bytes where the container and EXIF parsers work; most corruption is aimed here."""
SLOW_CALL_S = 3.0
"""A single call slower than this is a hang, not a parse (generous for shared CI cores)."""


def _truncations(data: bytes, rnd: random.Random) -> Iterator[tuple[str, bytes]]:
    n = len(data)
    fixed = {0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64, 128, 200, 500, 1000, 2000, 5000, 10000, 20000}
    fractions = {n * k // 10 for k in range(1, 10)} | {n - 1, n - 2, n - 100}
    for cut in sorted(c for c in fixed | fractions if 0 < c < n):
        yield f"truncated@{cut}", data[:cut]
    for _ in range(10):
        cut = rnd.randrange(1, min(n, HEADER_REGION))
        yield f"truncated@{cut}", data[:cut]


def _bit_flips(data: bytes, rnd: random.Random) -> Iterator[tuple[str, bytes]]:
    n = len(data)
    for i in range(30):
        buf = bytearray(data)
        span = min(n, HEADER_REGION) if i < 24 else n
        flips = [rnd.randrange(span * 8) for _ in range(rnd.randint(1, 8))]
        for bit in flips:
            buf[bit // 8] ^= 1 << (bit % 8)
        yield f"flip{i}@{','.join(str(b // 8) for b in flips)}", bytes(buf)


def _junk_runs(data: bytes, rnd: random.Random) -> Iterator[tuple[str, bytes]]:
    n = len(data)
    for i in range(16):
        start = rnd.randrange(min(n, HEADER_REGION))
        length = rnd.choice((1, 4, 16, 64, 512, 4096))
        fill = rnd.choice((b"\x00", b"\xff", None))
        junk = fill * length if fill else rnd.randbytes(length)
        if i % 3 == 0:  # inserted rather than overwritten: shifts every later offset
            yield f"insert{i}@{start}+{length}", data[:start] + junk + data[start:]
        else:
            yield f"junk{i}@{start}+{length}", data[:start] + junk + data[start + length :]


def _zeroed_headers(data: bytes, rnd: random.Random) -> Iterator[tuple[str, bytes]]:
    for length in (1, 2, 4, 16, 64, 512, 4096):
        yield f"zeroed-first-{length}", b"\x00" * length + data[length:]
    for length in (2, 64):
        yield f"ff-first-{length}", b"\xff" * length + data[length:]


FAMILIES: dict[str, Callable[[bytes, random.Random], Iterator[tuple[str, bytes]]]] = {
    "truncation": _truncations,
    "bitflip": _bit_flips,
    "junk": _junk_runs,
    "zeroed": _zeroed_headers,
}


def _check(name: str, data: bytes, decode: bool) -> list[str]:
    """Run the readers on one variant; describe every way they misbehave."""
    problems = []
    calls: list[tuple[str, Callable[[], object]]] = [("read_photo_info", lambda: read_photo_info(data, name))]
    if decode:
        calls.append(("open_image", lambda: open_image(data, name, max_side=128)))
        calls.append(("decode_pixels", lambda: decode_pixels(data, name, max_side=128)))
    for label, call in calls:
        started = time.perf_counter()
        try:
            result = call()
        except IngestError as exc:
            if not str(exc).startswith(name):
                problems.append(f"{name}: {label} message does not name the file: {exc}")
        except Exception as exc:  # noqa: BLE001 - this is what the test hunts for
            problems.append(f"{name}: {label} raised {type(exc).__name__}: {exc}")
        else:
            if label == "open_image" and (result.mode != "RGB" or max(result.size) > 128):
                problems.append(f"{name}: open_image gave {result.mode} {result.size}")
            if label.startswith("decode_pixels") and (result.dtype != np.uint8 or result.ndim != 3
                                                      or result.shape[2] != 3 or max(result.shape[:2]) > 128):
                problems.append(f"{name}: {label} gave {result.dtype} {result.shape}")
        elapsed = time.perf_counter() - started
        if elapsed > SLOW_CALL_S:
            problems.append(f"{name}: {label} took {elapsed:.1f}s")
    return problems


@pytest.mark.filterwarnings("ignore")
@pytest.mark.parametrize("family", sorted(FAMILIES))
@pytest.mark.parametrize("photo", JPEGS)
def test_photos_corrupted_jpeg_variants_never_crash(photo, family):
    data = (REAL_GPS / photo).read_bytes()
    rnd = random.Random(f"{photo}/{family}")
    variants = list(FAMILIES[family](data, rnd))
    assert len(variants) >= 9
    problems = [p for label, variant in variants for p in _check(f"{photo}#{label}", variant, decode=True)]
    assert not problems, "\n".join(problems)


@pytest.mark.filterwarnings("ignore")
@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_photos_corrupted_heic_variants_never_crash(family):
    data = (REAL_GPS / HEIC).read_bytes()
    rnd = random.Random(f"{HEIC}/{family}")
    variants = list(FAMILIES[family](data, rnd))
    # A HEIC decode is a full 12 MP decode: decode only a few variants, read metadata of all.
    problems = [
        p
        for i, (label, variant) in enumerate(variants)
        for p in _check(f"{HEIC}#{label}", variant, decode=i % 16 == 0)
    ]
    assert not problems, "\n".join(problems)


def _jpeg(**save) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(buf, "JPEG", **save)
    return buf.getvalue()


def _app1(payload: bytes) -> bytes:
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def _huge_exif_block() -> bytes:
    """A JPEG whose EXIF fills the largest APP1 segment, with a 60 KB UserComment."""
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9286] = b"ASCII\x00\x00\x00" + b"A" * 60_000
    return _jpeg(exif=exif.tobytes())


def _many_app1_segments() -> bytes:
    """A JPEG carrying 100 maximal APP1 segments (about 6.5 MB of metadata) before its pixels."""
    plain = _jpeg()
    segment = _app1(b"Exif\x00\x00" + b"II*\x00\x08\x00\x00\x00" + b"\x00" * 65_000)
    return plain[:2] + segment * 100 + plain[2:]


def _exif_lying_counts() -> bytes:
    """EXIF whose IFD entries claim billions of values at offsets past the end."""
    entries = b"".join(struct.pack("<HHII", tag, 5, 0x3FFFFFFF, 0x7FFFFFF0) for tag in (0x0132, 0x8825, 0x8769))
    tiff = b"II*\x00\x08\x00\x00\x00" + struct.pack("<H", 3) + entries + b"\x00\x00\x00\x00"
    return _jpeg(exif=b"Exif\x00\x00" + tiff)


def _exif_ifd_loop() -> bytes:
    """EXIF whose GPS and Exif IFD pointers and next-IFD pointer all point back at IFD0."""
    entries = struct.pack("<HHII", 0x8825, 4, 1, 8) + struct.pack("<HHII", 0x8769, 4, 1, 8)
    tiff = b"II*\x00\x08\x00\x00\x00" + struct.pack("<H", 2) + entries + struct.pack("<I", 8)
    return _jpeg(exif=b"Exif\x00\x00" + tiff)


def _sof_claims(width: int, height: int) -> bytes:
    data = bytearray(_jpeg())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def _png_claims(width: int, height: int) -> bytes:
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 99)) + chunk(b"IEND", b"")


SPECIAL_CASES: list[tuple[str, Callable[[], bytes], bool]] = [
    # (case, bytes factory, must read successfully)
    ("empty.jpg", lambda: b"", False),
    ("text.jpg", lambda: b"This is not a photo, it is a note about the holidays.\n" * 50, False),
    ("html.jpg", lambda: b"<!DOCTYPE html><html><body>404 Not Found</body></html>", False),
    ("one-byte.jpg", lambda: b"\xff", False),
    ("soi-only.jpg", lambda: b"\xff\xd8", False),
    ("soi-eoi.jpg", lambda: b"\xff\xd8\xff\xd9", False),
    ("png-60000x60000.png", lambda: _png_claims(60000, 60000), False),
    ("png-1x4000000000.png", lambda: _png_claims(1, 4_000_000_000), False),
    ("jpeg-sof-60000x60000.jpg", lambda: _sof_claims(60000, 60000), False),
    ("jpeg-sof-0x0.jpg", lambda: _sof_claims(0, 0), False),
    ("huge-exif-block.jpg", _huge_exif_block, True),
    ("many-app1-segments.jpg", _many_app1_segments, True),
    ("exif-lying-counts.jpg", _exif_lying_counts, True),
    ("exif-ifd-loop.jpg", _exif_ifd_loop, True),
    ("png-signature-only.png", lambda: b"\x89PNG\r\n\x1a\n", False),
    ("heic-brand-only.heic", lambda: b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", False),
    ("webp-riff-only.webp", lambda: b"RIFF\x10\x00\x00\x00WEBPVP8 \x00\x00\x00\x00", False),
]


@pytest.mark.filterwarnings("ignore")
@pytest.mark.parametrize(("case", "make", "readable"), SPECIAL_CASES, ids=[c[0] for c in SPECIAL_CASES])
def test_photos_hostile_files_never_crash(case, make, readable):
    data = make()
    assert not _check(case, data, decode=True)
    if readable:
        assert read_photo_info(data, case).width == 64
