"""kidsafe.media.photos: EXIF date, GPS and camera without decoding; bomb-safe reduced decoding."""

from __future__ import annotations

import csv
import io
import struct
import warnings
import zlib
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFile, WebPImagePlugin
from PIL.TiffImagePlugin import IFDRational
from pillow_heif.as_plugin import HeifImageFile

from kidsafe.errors import IngestError, UnsafeInputError
from kidsafe.geo import distance_m
from kidsafe.media import photos
from kidsafe.models import GeoPoint
from kidsafe.media.photos import (
    IMAGE_SUFFIXES,
    MAX_IMAGE_PIXELS,
    gps_from_ifd,
    open_image,
    parse_exif_datetime,
    read_photo_info,
)

REAL_GPS = Path(__file__).parent / "data" / "real-gps"
GPS_IFD = 0x8825
EXIF_IFD = 0x8769
R = IFDRational


def _exif(ifd0: dict | None = None, gps: dict | None = None, sub: dict | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif.update(ifd0 or {})
    if gps:
        exif.get_ifd(GPS_IFD).update(gps)
    if sub:
        exif.get_ifd(EXIF_IFD).update(sub)
    return exif


def _jpeg(tmp_path: Path, exif: Image.Exif | bytes | None = None, size=(32, 24), name="p.jpg") -> bytes:
    """A small JPEG written to tmp_path with the given EXIF; its bytes."""
    path = tmp_path / name
    kwargs = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, (200, 30, 30)).save(path, "JPEG", **kwargs)
    return path.read_bytes()


def _raw_exif(gps_entries: list[tuple[int, int, int, bytes]]) -> bytes:
    """Little-endian TIFF EXIF with IFD0 -> GPS IFD holding raw (tag, type, count, payload) entries.

    Lets tests write what Pillow's writer refuses (signed rationals, zero denominators, UNDEFINED refs).
    """
    ifd0_at, gps_at = 8, 8 + 2 + 12 + 4
    data_at = gps_at + 2 + 12 * len(gps_entries) + 4
    head = b"II*\x00" + struct.pack("<I", ifd0_at)
    ifd0 = struct.pack("<H", 1) + struct.pack("<HHII", GPS_IFD, 4, 1, gps_at) + struct.pack("<I", 0)
    entries, blob = b"", b""
    for tag, kind, count, payload in gps_entries:
        if len(payload) <= 4:
            entries += struct.pack("<HHI", tag, kind, count) + payload.ljust(4, b"\x00")
        else:
            entries += struct.pack("<HHII", tag, kind, count, data_at + len(blob))
            blob += payload
    gps = struct.pack("<H", len(gps_entries)) + entries + struct.pack("<I", 0)
    return b"Exif\x00\x00" + head + ifd0 + gps + blob


def _srational(*pairs: tuple[int, int]) -> bytes:
    return b"".join(struct.pack("<ii", n, d) for n, d in pairs)


def _rational(*pairs: tuple[int, int]) -> bytes:
    return b"".join(struct.pack("<II", n, d) for n, d in pairs)


ASCII, RATIONAL, UNDEFINED, SRATIONAL = 2, 5, 7, 10


def _png(size=(16, 16), mode="RGB", colour=(0, 0, 255)) -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, colour).save(buf, "PNG")
    return buf.getvalue()


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose IHDR declares width x height, with one tiny IDAT: a decompression-bomb header."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


# --- GPS ------------------------------------------------------------------------------------

GPS_CASES = [
    # (case id, GPS IFD, expected (lat, lon) or None)
    ("dms-north-east", {1: "N", 2: (R(41), R(51), R(108, 10)), 3: "E", 4: (R(12), R(29), R(18))}, (41.853, 12.48833)),
    ("south-west", {1: "S", 2: (R(33), R(52), R(0)), 3: "W", 4: (R(151), R(12), R(0))}, (-33.86667, -151.2)),
    ("lower-case-refs", {1: "s", 2: (R(33), R(52), R(0)), 3: "w", 4: (R(70), R(0), R(0))}, (-33.86667, -70.0)),
    ("bytes-refs", {1: b"S\x00", 2: (R(10), R(0), R(0)), 3: b"W", 4: (R(20), R(0), R(0))}, (-10.0, -20.0)),
    ("padded-ref", {1: " N\x00", 2: (R(10), R(0), R(0)), 3: "W\x00\x00", 4: (R(20), R(0), R(0))}, (10.0, -20.0)),
    ("missing-refs-positive", {2: (R(10), R(30), R(0)), 4: (R(20), R(15), R(0))}, (10.5, 20.25)),
    ("missing-refs-negative", {2: (R(-10), R(30), R(0)), 4: (R(-20), R(15), R(0))}, (-10.5, -20.25)),
    ("negative-with-west-ref", {1: "N", 2: (R(54), R(59), R(0)), 3: "W", 4: (R(-1), R(54), R(51))}, (54.98333, -1.91417)),
    ("negative-with-south-ref", {1: "S", 2: (R(-34), R(36), R(0)), 3: "W", 4: (R(-58), R(22), R(0))}, (-34.6, -58.36667)),
    ("negative-decimal-west", {1: "N", 2: R(40712, 1000), 3: "W", 4: R(-74006, 1000)}, (40.712, -74.006)),
    ("degrees-only-tuple", {1: "N", 2: (R(48856, 1000),), 3: "E", 4: (R(2352, 1000),)}, (48.856, 2.352)),
    ("degrees-only-scalar", {1: "N", 2: 48.856, 3: "E", 4: 2.352}, (48.856, 2.352)),
    ("degrees-decimal-minutes", {1: "N", 2: (R(41), R(5118, 100)), 3: "E", 4: (R(12), R(2933, 100))}, (41.853, 12.48883)),
    ("decimal-minutes-zero-seconds", {1: "N", 2: (R(45), R(3004, 100), R(0)), 3: "E", 4: (R(9), R(662, 100), R(0))}, (45.50067, 9.11033)),
    ("num-den-tuples", {1: "N", 2: ((41, 1), (51, 1), (108, 10)), 3: "E", 4: ((12, 1), (29, 1), (18, 1))}, (41.853, 12.48833)),
    ("num-den-lone-pair", {1: "N", 2: (41853, 1000), 3: "E", 4: (12488, 1000)}, (41.853, 12.488)),
    ("string-values", {1: "N", 2: "41 51 10.8", 3: "E", 4: "12,29,18"}, (41.853, 12.48833)),
    ("ref-east-on-latitude-ignored", {1: "E", 2: (R(10), R(0), R(0)), 3: "E", 4: (R(20), R(0), R(0))}, (10.0, 20.0)),
    ("zero-denominator-seconds", {1: "N", 2: (R(48), R(5332358, 100000), R(0, 0)), 3: "E", 4: (R(21), R(2, 1), R(0, 0))}, None),
    ("zero-denominator-tuple", {1: "N", 2: ((41, 1), (51, 0), (0, 1)), 3: "E", 4: ((12, 1), (0, 1), (0, 1))}, None),
    ("zero-denominator-degrees", {1: "N", 2: (R(41, 0), R(0), R(0)), 3: "E", 4: (R(12), R(0), R(0))}, None),
    ("zero-zero", {1: "N", 2: (R(0), R(0), R(0)), 3: "E", 4: (R(0), R(0), R(0))}, None),
    ("latitude-out-of-range", {1: "N", 2: (R(91), R(0), R(0)), 3: "E", 4: (R(12), R(0), R(0))}, None),
    ("longitude-out-of-range", {1: "N", 2: (R(41), R(0), R(0)), 3: "W", 4: (R(181), R(0), R(0))}, None),
    ("minutes-out-of-range", {1: "N", 2: (R(41), R(75), R(0)), 3: "E", 4: (R(12), R(0), R(0))}, None),
    ("missing-longitude", {1: "N", 2: (R(41), R(51), R(0)), 3: "E"}, None),
    ("missing-latitude", {3: "E", 4: (R(12), R(29), R(0))}, None),
    ("too-many-parts", {1: "N", 2: (R(1), R(2), R(3), R(4)), 3: "E", 4: (R(12), R(0), R(0))}, None),
    ("empty-tuple", {1: "N", 2: (), 3: "E", 4: (R(12), R(0), R(0))}, None),
    ("garbage-types", {1: 7, 2: {"a": 1}, 3: None, 4: object()}, None),
    ("nan-and-inf", {1: "N", 2: float("nan"), 3: "E", 4: float("inf")}, None),
    ("empty-ifd", {}, None),
]


@pytest.mark.parametrize(("case", "gps", "expected"), GPS_CASES, ids=[c[0] for c in GPS_CASES])
def test_photos_gps_from_ifd_forms(case, gps, expected):
    point = gps_from_ifd(gps)
    if expected is None:
        assert point is None, case
    else:
        assert point is not None, case
        assert point.lat == pytest.approx(expected[0], abs=1e-4)
        assert point.lon == pytest.approx(expected[1], abs=1e-4)


# The same kinds of GPS block written into real JPEG files, read back through read_photo_info.
FILE_GPS_CASES = [
    ("pillow-rationals-west", {1: "N", 2: (54.0, 59.38, 0.0), 3: "W", 4: (1.0, 54.85, 0.0)}, (54.98967, -1.91417)),
    ("pillow-lower-case-south", {1: "s", 2: (33.0, 52.0, 0.0), 3: "e", 4: (151.0, 12.0, 0.0)}, (-33.86667, 151.2)),
    ("pillow-nul-padded-ref", {1: "N", 2: (10.0, 0.0, 0.0), 3: "W\x00", 4: (20.0, 0.0, 0.0)}, (10.0, -20.0)),
    ("pillow-degrees-only", {1: "N", 2: 48.856, 3: "E", 4: 2.352}, (48.856, 2.352)),
    ("pillow-degrees-minutes", {1: "S", 2: (22.0, 54.5), 3: "W", 4: (43.0, 10.5)}, (-22.90833, -43.175)),
    ("pillow-zero-zero", {1: "N", 2: (0.0, 0.0, 0.0), 3: "E", 4: (0.0, 0.0, 0.0)}, None),
    ("pillow-no-longitude", {1: "N", 2: (10.0, 0.0, 0.0)}, None),
    ("pillow-out-of-range", {1: "N", 2: (95.0, 0.0, 0.0), 3: "E", 4: (20.0, 0.0, 0.0)}, None),
]


@pytest.mark.parametrize(("case", "gps", "expected"), FILE_GPS_CASES, ids=[c[0] for c in FILE_GPS_CASES])
def test_photos_gps_from_synthetic_jpeg(tmp_path, case, gps, expected):
    info = read_photo_info(_jpeg(tmp_path, _exif(gps=gps)), "p.jpg")
    if expected is None:
        assert info.gps is None, case
    else:
        assert info.gps is not None, case
        assert (info.gps.lat, info.gps.lon) == pytest.approx(expected, abs=1e-4)


# Raw GPS blocks as some firmware writes them (Pillow's writer refuses these forms).
RAW_GPS_CASES = [
    ("signed-negative-degrees-w-ref",
     [(1, ASCII, 2, b"N\x00"), (2, RATIONAL, 3, _rational((51, 1), (30, 1), (0, 1))),
      (3, ASCII, 2, b"W\x00"), (4, SRATIONAL, 3, _srational((-0, 1), (-7, 1), (-30, 1)))], (51.5, -0.125)),
    ("signed-negative-w-ref-degrees",
     [(1, ASCII, 2, b"N\x00"), (2, RATIONAL, 3, _rational((40, 1), (42, 1), (0, 1))),
      (3, ASCII, 2, b"W\x00"), (4, SRATIONAL, 3, _srational((-74, 1), (0, 1), (0, 1)))], (40.7, -74.0)),
    ("signed-negative-no-refs",
     [(2, SRATIONAL, 3, _srational((-33, 1), (30, 1), (0, 1))),
      (4, SRATIONAL, 3, _srational((-70, 1), (40, 1), (0, 1)))], (-33.5, -70.66667)),
    ("undefined-type-refs",
     [(1, UNDEFINED, 1, b"S"), (2, RATIONAL, 3, _rational((12, 1), (3, 1), (0, 1))),
      (3, UNDEFINED, 1, b"W"), (4, RATIONAL, 3, _rational((77, 1), (2, 1), (0, 1)))], (-12.05, -77.03333)),
    ("zero-denominator-seconds",
     [(1, ASCII, 2, b"N\x00"), (2, RATIONAL, 3, _rational((48, 1), (5332358, 100000), (0, 0))),
      (3, ASCII, 2, b"E\x00"), (4, RATIONAL, 3, _rational((21, 1), (259507, 100000), (0, 0)))], None),
    ("degrees-decimal-minutes-2-values",
     [(1, ASCII, 2, b"N\x00"), (2, RATIONAL, 2, _rational((59, 1), (1972, 100))),
      (3, ASCII, 2, b"E\x00"), (4, RATIONAL, 2, _rational((10, 1), (4466, 100)))], (59.32867, 10.74433)),
    ("missing-longitude",
     [(1, ASCII, 2, b"N\x00"), (2, RATIONAL, 3, _rational((48, 1), (0, 1), (0, 1)))], None),
]


@pytest.mark.parametrize(("case", "entries", "expected"), RAW_GPS_CASES, ids=[c[0] for c in RAW_GPS_CASES])
def test_photos_gps_from_raw_firmware_exif(tmp_path, case, entries, expected):
    info = read_photo_info(_jpeg(tmp_path, _raw_exif(entries)), "p.jpg")
    if expected is None:
        assert info.gps is None, case
    else:
        assert info.gps is not None, case
        assert (info.gps.lat, info.gps.lon) == pytest.approx(expected, abs=1e-4)


# --- real photos ------------------------------------------------------------------------------

def _oracle_rows() -> list[dict[str, str]]:
    with (REAL_GPS / "real-gps.exiftool.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


ORACLE = _oracle_rows()


@pytest.mark.parametrize("row", ORACLE, ids=[r["SourceFile"].lstrip("./") for r in ORACLE])
def test_photos_real_camera_gps_and_date_match_exiftool(row):
    name = row["SourceFile"].removeprefix("./")
    info = read_photo_info((REAL_GPS / name).read_bytes(), name)
    lat, lon = row["GPSLatitude"], row["GPSLongitude"]
    if not lat or not lon or (float(lat) == 0 and float(lon) == 0):
        assert info.gps is None
    else:
        assert info.gps is not None
        assert distance_m(info.gps, GeoPoint(float(lat), float(lon))) < 50
    assert info.taken_at == datetime.strptime(row["DateTimeOriginal"], "%Y:%m:%d %H:%M:%S")
    assert info.camera is not None and row["Model"] in info.camera
    assert info.path == name
    assert info.width and info.height


def test_photos_real_heic_reads_exif_at_end_of_file():
    info = read_photo_info((REAL_GPS / "exif-at-eof.heic").read_bytes(), "x.heic")
    assert info.format == "HEIF"
    assert info.gps is not None and info.gps.lat == pytest.approx(47.20712, abs=1e-4)
    assert info.taken_at == datetime(2020, 5, 4, 18, 39, 11)


def test_photos_real_heic_opens_reduced_rgb():
    im = open_image((REAL_GPS / "exif-at-eof.heic").read_bytes(), "x.heic", max_side=640)
    assert im.mode == "RGB"
    assert max(im.size) == 640
    assert im.height > im.width  # the iPhone's portrait picture stays portrait


# --- dates, camera, orientation, formats ---------------------------------------------------------

DATE_CASES = [
    ("original", {0x0132: "2020:01:01 00:00:00"}, {0x9003: "2019:07:14 16:05:09"}, datetime(2019, 7, 14, 16, 5, 9)),
    ("fallback-datetime", {0x0132: "2018:03:02 08:09:10"}, {}, datetime(2018, 3, 2, 8, 9, 10)),
    ("fallback-digitized", {0x0132: "2020:01:01 00:00:00"}, {0x9004: "2017:05:06 07:08:09"}, datetime(2017, 5, 6, 7, 8, 9)),
    ("zeroed-original-falls-back", {0x0132: "2018:03:02 08:09:10"}, {0x9003: "0000:00:00 00:00:00"}, datetime(2018, 3, 2, 8, 9, 10)),
    ("blank-original", {}, {0x9003: "    :  :     :  :  "}, None),
    ("dashes", {}, {0x9003: "2016-12-24 18:30:00"}, datetime(2016, 12, 24, 18, 30)),
    ("trailing-nul-and-zone", {}, {0x9003: "2015:06:07 09:10:11+02:00\x00"}, datetime(2015, 6, 7, 9, 10, 11)),
    ("impossible-date", {}, {0x9003: "2015:13:45 09:10:11"}, None),
    ("none", {}, {}, None),
]


@pytest.mark.parametrize(("case", "ifd0", "sub", "expected"), DATE_CASES, ids=[c[0] for c in DATE_CASES])
def test_photos_taken_at_from_exif(tmp_path, case, ifd0, sub, expected):
    info = read_photo_info(_jpeg(tmp_path, _exif(ifd0=ifd0, sub=sub)), "p.jpg")
    assert info.taken_at == expected, case


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2011:01:13 14:33:39", datetime(2011, 1, 13, 14, 33, 39)),
        (b"2011:01:13 14:33:39\x00", datetime(2011, 1, 13, 14, 33, 39)),
        ("2011:01:13", datetime(2011, 1, 13)),
        ("2011:01:13 14:33", datetime(2011, 1, 13, 14, 33)),
        ("", None),
        ("garbage", None),
        (20110113, None),
        (None, None),
    ],
)
def test_photos_parse_exif_datetime(value, expected):
    assert parse_exif_datetime(value) == expected


CAMERA_CASES = [
    ({0x010F: "Apple", 0x0110: "iPhone 4"}, "Apple iPhone 4"),
    ({0x010F: "NIKON CORPORATION", 0x0110: "NIKON D5000"}, "NIKON D5000"),
    ({0x010F: "SAMSUNG            ", 0x0110: "GT-I9000"}, "SAMSUNG GT-I9000"),
    ({0x0110: "Pixel 7"}, "Pixel 7"),
    ({0x010F: "Canon"}, "Canon"),
    ({}, None),
]


@pytest.mark.parametrize(("ifd0", "expected"), CAMERA_CASES)
def test_photos_camera_from_make_and_model(tmp_path, ifd0, expected):
    assert read_photo_info(_jpeg(tmp_path, _exif(ifd0=ifd0)), "p.jpg").camera == expected


@pytest.mark.parametrize(("orientation", "expected"), [(1, 1), (6, 6), (8, 8), (0, None), (42, None)])
def test_photos_orientation_read(tmp_path, orientation, expected):
    assert read_photo_info(_jpeg(tmp_path, _exif(ifd0={0x0112: orientation})), "p.jpg").orientation == expected


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "GIF"])
def test_photos_other_formats_read(tmp_path, fmt):
    buf = io.BytesIO()
    exif = _exif(gps={1: "N", 2: (10.0, 0.0, 0.0), 3: "W", 4: (20.0, 0.0, 0.0)})
    kwargs = {"exif": exif.tobytes()} if fmt != "GIF" else {}
    Image.new("RGB", (30, 20), (1, 2, 3)).save(buf, fmt, **kwargs)
    info = read_photo_info(buf.getvalue(), f"p.{fmt.lower()}")
    assert (info.format, info.width, info.height) == (fmt, 30, 20)
    if fmt != "GIF":
        assert info.gps == GeoPoint(10.0, -20.0)


def test_photos_png_exif_after_pixels_read_without_decoding(monkeypatch):
    exif = _exif(gps={1: "S", 2: (1.0, 30.0, 0.0), 3: "E", 4: (2.0, 0.0, 0.0)}).tobytes()
    png = _png()
    iend = png.rindex(b"IEND") - 4
    trailing = png[:iend] + _png_chunk(b"eXIf", exif) + png[iend:]
    monkeypatch.setattr(ImageFile.ImageFile, "load", _refuse_decoding)
    assert read_photo_info(trailing, "late.png").gps == GeoPoint(-1.5, 2.0)


def _refuse_decoding(self, *args, **kwargs):
    raise AssertionError("pixels were decoded")


@pytest.mark.parametrize("name", ["Apple iPhone 4.jpg", "Sony DSC-HX5V (2).jpg", "exif-at-eof.heic"])
def test_photos_read_info_never_decodes_pixels(monkeypatch, name):
    for cls in (ImageFile.ImageFile, WebPImagePlugin.WebPImageFile, HeifImageFile):
        monkeypatch.setattr(cls, "load", _refuse_decoding)
    assert read_photo_info((REAL_GPS / name).read_bytes(), name).gps is not None


def test_photos_constants():
    assert Image.MAX_IMAGE_PIXELS == MAX_IMAGE_PIXELS
    assert {".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif"} == IMAGE_SUFFIXES


# --- refusals -------------------------------------------------------------------------------------

REFUSAL_CASES = [
    ("empty", b"", IngestError, "empty"),
    ("text", b"Dear diary, today we went to the park.\n" * 20, IngestError, "not an image"),
    ("png-bomb", _png_header_only(60000, 60000), UnsafeInputError, "image too large: 60000x60000 pixels"),
    ("png-over-limit", _png_header_only(9000, 8000), UnsafeInputError, "image too large: 9000x8000 pixels"),
    ("png-zero-size", _png_header_only(0, 10), IngestError, "not an image"),
    ("eps", b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n", IngestError, "not an image"),
]


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize(("case", "data", "error", "words"), REFUSAL_CASES, ids=[c[0] for c in REFUSAL_CASES])
@pytest.mark.parametrize("reader", [read_photo_info, open_image], ids=["read_photo_info", "open_image"])
def test_photos_refuses_unreadable_input_naming_the_file(case, data, error, words, reader):
    with pytest.raises(error) as caught:
        reader(data, "album/pic.jpg")
    assert words in str(caught.value), case
    assert "album/pic.jpg" in str(caught.value)


@pytest.mark.parametrize("reader", [read_photo_info, open_image], ids=["read_photo_info", "open_image"])
def test_photos_bomb_warning_raised_as_error_still_names_the_size(reader):
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with pytest.raises(UnsafeInputError, match="image too large: 9000x8000 pixels"):
            reader(_png_header_only(9000, 8000), "big.png")


def test_photos_truncated_jpeg_reads_header_but_refuses_to_decode(tmp_path):
    data = _jpeg(tmp_path, size=(400, 300))
    cut = data[: len(data) * 2 // 3]
    assert read_photo_info(cut, "cut.jpg").width == 400
    with pytest.raises(IngestError, match="cut short"):
        open_image(cut, "cut.jpg")


# --- open_image -----------------------------------------------------------------------------------

def test_photos_open_image_reduces_large_jpeg(tmp_path):
    data = _jpeg(tmp_path, size=(4000, 3000))
    im = open_image(data, "big.jpg", max_side=1000)
    assert im.mode == "RGB"
    assert im.size == (1000, 750)


def test_photos_open_image_keeps_small_image_size(tmp_path):
    assert open_image(_jpeg(tmp_path, size=(300, 200)), "small.jpg").size == (300, 200)


@pytest.mark.parametrize(("orientation", "size"), [(1, (40, 20)), (3, (40, 20)), (6, (20, 40)), (8, (20, 40))])
def test_photos_open_image_applies_orientation(tmp_path, orientation, size):
    im = Image.new("RGB", (40, 20), (255, 0, 0))
    im.paste((0, 0, 255), (20, 0, 40, 20))  # left red, right blue
    path = tmp_path / "o.jpg"
    im.save(path, "JPEG", exif=_exif(ifd0={0x0112: orientation}))
    upright = open_image(path.read_bytes(), "o.jpg")
    assert upright.size == size
    first = upright.getpixel((2, 2))
    # Orientation 6 turns the picture clockwise (left side on top); 3 and 8 bring the right side first.
    expect_red_first = orientation in (1, 6)
    assert (first[0] > first[2]) == expect_red_first


@pytest.mark.parametrize("mode", ["RGBA", "LA", "P", "L", "CMYK", "I;16"])
def test_photos_open_image_always_rgb(mode):
    buf = io.BytesIO()
    im = Image.new("RGBA", (20, 10), (0, 0, 0, 0)).convert(mode) if mode != "I;16" else Image.new(mode, (20, 10), 300)
    im.save(buf, "PNG" if mode != "CMYK" else "JPEG")
    out = open_image(buf.getvalue(), "x.png")
    assert out.mode == "RGB" and out.size == (20, 10)
    if mode in ("RGBA", "LA"):
        assert out.getpixel((0, 0)) == (255, 255, 255)  # transparency flattened on white


def test_photos_open_image_rejects_bad_max_side(tmp_path):
    with pytest.raises(ValueError, match="max_side"):
        open_image(_jpeg(tmp_path), "p.jpg", max_side=0)


@pytest.mark.parametrize(("size", "max_side"), [((1600, 1200), 600), ((800, 600), 640), ((1200, 1600), 600),
                                                 ((4032, 3024), 1280), ((5000, 37), 640), ((333, 999), 100)])
def test_shrink_gives_thumbnails_size(size, max_side):
    image = Image.new("RGB", size, (90, 120, 150))
    expected = image.copy()
    expected.thumbnail((max_side, max_side))
    small = photos.shrink(image, max_side)
    assert small.mode == "RGB" and abs(small.width - expected.width) <= 1 and abs(small.height - expected.height) <= 1
    assert max(small.size) <= max_side


def test_shrink_leaves_an_image_that_fits():
    image = Image.new("RGB", (640, 480))
    assert photos.shrink(image, 640) is image


@pytest.mark.parametrize("factor", [4, 8])
def test_shrink_averages_fine_detail_when_reducing_a_lot(factor):
    """A one-pixel checkerboard reduced several times over is even grey, not a pattern of aliasing."""
    cells = (np.indices((800, 800)).sum(axis=0) % 2 * 255).astype(np.uint8)
    board = Image.fromarray(np.stack([cells] * 3, axis=2))
    small = np.asarray(photos.shrink(board, 800 // factor)).astype(int)
    assert abs(small.mean() - 127.5) < 2 and small.std() < 3


# --- decode_pixels: the detectors' decode ---------------------------------------------------------

def _noisy_photo(size: tuple[int, int], mode: str = "RGB", orientation: int = 1) -> bytes:
    """A JPEG of smooth noise (every pixel differs, as in a photo) with an EXIF orientation."""
    rng = np.random.default_rng(7)
    small = Image.fromarray((rng.random((24, 32, 3)) * 255).astype(np.uint8))
    buf = io.BytesIO()
    small.resize(size, Image.Resampling.BICUBIC).convert(mode).save(buf, "JPEG", quality=90,
                                                                     exif=_exif(ifd0={0x0112: orientation}))
    return buf.getvalue()


@pytest.mark.parametrize("size", [(1600, 1200), (1200, 1600), (4032, 3024), (1920, 1080), (4000, 1000), (300, 200)])
@pytest.mark.parametrize("orientation", [1, 6])
@pytest.mark.parametrize("mode", ["RGB", "L", "CMYK"])
def test_photos_decode_pixels_gives_open_images_pixels_as_an_array(size, orientation, mode):
    """The detectors read an array; it must hold exactly the pixels of the picture ``open_image`` gives: the
    accuracy guard and the tests of every detector were measured on those."""
    data = _noisy_photo(size, mode=mode, orientation=orientation)
    for side in (600, 640):
        pixels = photos.decode_pixels(data, "p.jpg", side)
        expected = np.asarray(open_image(data, "p.jpg", max_side=side))
        assert pixels.dtype == np.uint8 and pixels.shape == expected.shape and pixels.shape[2] == 3
        assert np.array_equal(pixels, expected), (size, orientation, side)


def test_photos_decode_pixels_refuses_what_open_image_refuses():
    cut = _noisy_photo((1600, 1200))
    cut = cut[: len(cut) * 2 // 3]
    with pytest.raises(IngestError, match="cut short"):
        photos.decode_pixels(cut, "cut.jpg", 600)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with pytest.raises(UnsafeInputError, match="9000x8000"):
            photos.decode_pixels(_png_header_only(9000, 8000), "big.png", 600)


def test_photos_decode_pixels_flattens_transparency_like_open_image():
    buf = io.BytesIO()
    Image.new("RGBA", (1000, 500), (0, 0, 0, 0)).save(buf, "PNG")
    pixels = photos.decode_pixels(buf.getvalue(), "x.png", 600)
    assert pixels.shape == (300, 600, 3) and (pixels == 255).all()  # flattened on white
