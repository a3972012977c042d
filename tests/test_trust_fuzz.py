"""Fuzzing every reader with hypothesis: photos, posts.csv, platform JSON and ZIP structures.

The one property: whatever the bytes, kidsafe never raises anything but its own errors, and every
failure names the file (a FeedWarning's ``file``, or the start of an IngestError's message).
Hypothesis keeps no example database (``database=None``), and its other caches (Unicode tables,
constants read from source) go to a temporary folder removed afterwards: nothing is left on disk.
Each test counts the cases it tried and prints the count (``pytest -s`` shows them). For a deeper
hunt, ``KIDSAFE_FUZZ_SCALE=20 pytest tests/test_trust_fuzz.py`` tries twenty times as many.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pillow_heif
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from PIL import Image

from kidsafe.errors import IngestError, KidsafeError
from kidsafe.ingest import Feed, MemorySource, open_feed
from kidsafe.ingest.plain import lines
from kidsafe.media import thumbnails
from kidsafe.media.photos import open_image, read_photo_info
from kidsafe.pipeline import AuditOptions, audit, read_photo
from tests.test_photos_corruption import FAMILIES, JPEGS, REAL_GPS

ROOT = Path(__file__).resolve().parents[1]
NO_DETECTORS = AuditOptions(ocr=False, faces=False, nudity=False)
SCALE = float(os.environ.get("KIDSAFE_FUZZ_SCALE", "1"))


def fuzz(examples: int) -> settings:
    """Hypothesis settings for one fuzz test: no database on disk, no deadline on shared cores."""
    return settings(max_examples=max(1, round(examples * SCALE)), database=None, deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example])


@pytest.fixture(autouse=True, scope="module")
def hypothesis_home(tmp_path_factory):
    """Hypothesis writes its caches in a temporary folder, removed at the end, never in the repository."""
    home = tmp_path_factory.mktemp("hypothesis-home")
    in_repo = ROOT / ".hypothesis"
    existed = in_repo.exists()
    set_hypothesis_home_dir(home)
    yield
    set_hypothesis_home_dir(None)
    shutil.rmtree(home, ignore_errors=True)
    assert existed or not in_repo.exists(), "hypothesis wrote .hypothesis into the repository"


class Tally:
    """Counts the cases a fuzz test tried; asserts it really tried them."""

    def __init__(self, name: str) -> None:
        self.name, self.cases = name, 0

    def __call__(self) -> None:
        self.cases += 1

    def report(self, at_least: int) -> None:
        print(f"\nfuzz {self.name}: {self.cases} cases")
        assert self.cases >= at_least, f"only {self.cases} cases tried"


# --- Shared checks ------------------------------------------------------------------------------


def check_photo(name: str, data: bytes, decode: bool = True) -> None:
    """read_photo_info, open_image and the app's thumbnail: a result, or an IngestError naming the file."""
    calls: list[Callable[[], object]] = [lambda: read_photo_info(data, name)]
    if decode:
        calls += [lambda: open_image(data, name, max_side=64), lambda: thumbnails.thumbnail(data, name, max_side=48)]
    for call in calls:
        try:
            call()
        except IngestError as exc:
            assert str(exc).startswith(name), str(exc)


def check_feed(src: object, names: set[str] | None = None, label: str | None = None) -> Feed | None:
    """open_feed, then every file read and every photo read as the audit reads it; only kidsafe's errors.

    A feed that cannot be read at all raises an IngestError naming it; each bad file becomes a
    warning with its name; each photo that fails gives a message that starts with its path.
    """
    try:
        feed = open_feed(src)
    except IngestError as exc:
        if label is not None:
            assert str(exc).startswith(label), str(exc)
        return None
    with feed:
        listed = set(feed.source.names())
        for warning in feed.warnings:
            assert warning.file and warning.message
            if names is not None:
                assert warning.file in names | listed | {feed.source.label}, warning
        for post in feed.posts:
            assert isinstance(post.id, str) and post.id and isinstance(post.caption, str)
            assert all(isinstance(t, str) for t in post.extra_text)
            for photo in post.photos:
                assert photo.path in listed
                path, _, _, error = read_photo(feed, photo.path, {}, NO_DETECTORS)
                assert error is None or error.startswith(photo.path), error
        for name in listed:
            try:
                feed.source.read(name)
            except IngestError as exc:
                assert str(exc).startswith(name), str(exc)
    return feed


# --- Mutations ------------------------------------------------------------------------------------

#: (kind, position as a fraction-free integer, value): applied in order to a copy of the bytes.
MUTATION = st.tuples(st.sampled_from(("flip", "set", "cut", "insert", "delete", "zero")),
                     st.integers(0, 2**31), st.integers(0, 255), st.binary(min_size=1, max_size=64))
MUTATIONS = st.lists(MUTATION, min_size=1, max_size=6)
#: Most corruption is aimed at the headers, where the parsers work.
HEADER_BYTES = 4096


def mutate(data: bytes, mutations: list[tuple[str, int, int, bytes]]) -> bytes:
    buf = bytearray(data)
    for kind, where, value, junk in mutations:
        if not buf:
            break
        span = len(buf) if where % 4 == 0 else min(len(buf), HEADER_BYTES)
        at = where % span
        if kind == "flip":
            buf[at] ^= 1 << (value % 8)
        elif kind == "set":
            buf[at] = value
        elif kind == "cut":
            del buf[at:]
        elif kind == "insert":
            buf[at:at] = junk
        elif kind == "delete":
            del buf[at : at + 1 + value]
        else:
            buf[at : at + len(junk)] = bytes(len(junk))
    return bytes(buf)


# --- Photos ---------------------------------------------------------------------------------------

MAGICS = (b"", b"\xff\xd8\xff\xe1", b"\xff\xd8\xff\xe0", b"\x89PNG\r\n\x1a\n", b"RIFF\x00\x00\x00\x00WEBPVP8X",
          b"\x00\x00\x00\x18ftypheic", b"GIF89a", b"II*\x00", b"PK\x03\x04")


def _synthetic_photos() -> dict[str, bytes]:
    """Small photos in every accepted format, with EXIF (date, GPS, orientation) where it fits."""
    exif = Image.Exif()
    exif[0x0112] = 6
    exif.get_ifd(0x8769)[0x9003] = "2024:05:04 09:30:00"
    exif.get_ifd(0x8825).update({1: "S", 2: (33, 51, 35.5), 3: "E", 4: (151, 12, 40.1)})
    image = Image.new("RGB", (40, 30), (200, 90, 40))
    out: dict[str, bytes] = {}
    for name, fmt, kwargs in (("a.jpg", "JPEG", {"exif": exif}), ("p.jpg", "JPEG", {"progressive": True}),
                              ("a.png", "PNG", {"exif": exif}), ("a.webp", "WEBP", {"exif": exif}),
                              ("a.gif", "GIF", {}), ("a.heic", "HEIF", {"exif": exif.tobytes()})):
        buf = io.BytesIO()
        (image.convert("P") if fmt == "GIF" else image).save(buf, fmt, **kwargs)
        out[name] = buf.getvalue()
    return out


pillow_heif.register_heif_opener()
SYNTHETIC = _synthetic_photos()


@pytest.mark.filterwarnings("ignore")
def test_fuzz_photos_random_bytes():
    tally = Tally("photos/random-bytes")

    @fuzz(300)
    @given(st.sampled_from(MAGICS), st.binary(max_size=2048), st.sampled_from(sorted(SYNTHETIC)))
    def run(magic, body, name):
        tally()
        check_photo(name, magic + body)

    run()
    tally.report(150)


@pytest.mark.filterwarnings("ignore")
def test_fuzz_photos_mutated_synthetic_images():
    tally = Tally("photos/mutated-synthetic")

    @fuzz(500)
    @given(st.sampled_from(sorted(SYNTHETIC)), MUTATIONS)
    def run(name, mutations):
        tally()
        check_photo(name, mutate(SYNTHETIC[name], mutations))

    run()
    tally.report(250)


REAL = {name: (REAL_GPS / name).read_bytes() for name in JPEGS}


@pytest.mark.filterwarnings("ignore")
def test_fuzz_photos_mutated_real_photos():
    tally = Tally("photos/mutated-real")

    @fuzz(150)
    @given(st.sampled_from(sorted(REAL)), MUTATIONS)
    def run(name, mutations):
        tally()
        check_photo(name, mutate(REAL[name], mutations))

    run()
    tally.report(75)


@pytest.mark.filterwarnings("ignore")
@pytest.mark.parametrize("photo", JPEGS)
def test_fuzz_photos_corruption_corpus_through_the_feed_and_thumbnails(photo):
    """The deterministic corpus of test_photos_corruption, read the way the audit and the app read photos."""
    data = (REAL_GPS / photo).read_bytes()
    variants: dict[str, bytes] = {}
    for family, make in FAMILIES.items():
        rnd = random.Random(f"{photo}/{family}")
        variants |= {f"{Path(photo).stem}#{label}.jpg": variant for label, variant in make(data, rnd)}
    feed = open_feed(MemorySource(variants, label=photo))
    assert len(feed.posts) == len(variants)
    failed = 0
    for name in variants:
        _, info, _, error = read_photo(feed, name, {}, NO_DETECTORS)
        assert (info is None) == (error is not None)
        failed += error is not None
        assert error is None or error.startswith(name), error
        try:
            thumbnails.thumbnail(variants[name], name, max_side=32)
        except IngestError as exc:
            assert str(exc).startswith(name)
    print(f"\ncorpus {photo}: {len(variants)} variants, {failed} unreadable")
    assert len(variants) >= 70


# --- posts.csv ------------------------------------------------------------------------------------

CSV_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(
    list(',;\t|"\'\r\n\x00#\\/.:') + ["a.jpg", "b.png", "id", "date", "caption", "images", "2024-05-04 10:00"])
CSV_TEXT = st.lists(CSV_ALPHABET, max_size=300).map("".join)
PHOTOS = {"a.jpg": SYNTHETIC["a.jpg"], "sub/b.png": SYNTHETIC["a.png"]}


def test_fuzz_csv_lines_match_stringio():
    tally = Tally("csv/lines")

    @fuzz(300)
    @given(CSV_TEXT)
    def run(text):
        tally()
        assert list(lines(text)) == list(io.StringIO(text, newline=""))

    run()
    tally.report(150)


def test_fuzz_csv_random_text_and_bytes():
    tally = Tally("csv/random")

    @fuzz(300)
    @given(st.one_of(CSV_TEXT.map(lambda t: t.encode("utf-8")), st.binary(max_size=600),
                     CSV_TEXT.map(lambda t: t.encode("utf-16")), CSV_TEXT.map(lambda t: t.encode("cp1252", "replace"))))
    def run(data):
        tally()
        files = {"posts.csv": data, **PHOTOS}
        check_feed(MemorySource(files), set(files))

    run()
    tally.report(150)


HEADERS = st.permutations(["id", "date", "caption", "images", "Post ID", "Posted at", "Text", "Photos", "extra"]).map(
    lambda cols: cols[: 2 + len(cols) % 5])
CELL = st.one_of(CSV_TEXT, st.sampled_from(["a.jpg", "sub/b.png", "a.jpg; sub/b.png", "../a.jpg", "/etc/passwd",
                                             "missing.jpg", "2024-05-04", "31/12/2024 23:59", "9999-99-99", ""]))


def test_fuzz_csv_structured_rows():
    tally = Tally("csv/structured")

    @fuzz(250)
    @given(HEADERS, st.lists(st.lists(CELL, max_size=6), max_size=8), st.sampled_from([",", ";", "\t", "|"]))
    def run(header, rows, delimiter):
        tally()
        import csv

        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
        files = {"posts.csv": out.getvalue().encode(), **PHOTOS}
        feed = check_feed(MemorySource(files), set(files))
        assert feed is not None, "the two photos alone make a feed"

    run()
    tally.report(120)


# --- Instagram, Facebook and Takeout JSON --------------------------------------------------------

KEYS = ("media", "uri", "title", "creation_timestamp", "media_metadata", "photo_metadata", "exif_data",
        "date_time_original", "latitude", "longitude", "data", "attachments", "post", "timestamp", "photos",
        "place", "coordinate", "name", "tags", "note", "text", "description", "photoTakenTime", "creationTime",
        "geoData", "geoDataExif", "people", "comment", "comments_v2", "status_updates_v2", "ig_posts",
        "ig_stories", "taken_timestamp")
URIS = ("media/posts/1/a.jpg", "a.jpg", "Photos/a.jpg", "photos_and_videos/a.jpg", "../a.jpg", "https://x/a.jpg")
LEAF = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                 st.text(max_size=20), st.sampled_from(URIS), st.sampled_from(("1700000000", "2024:05:04 09:30:00")),
                 st.text(alphabet=st.characters(min_codepoint=0x80, max_codepoint=0xFF), max_size=12))
JSON_VALUE = st.recursive(LEAF, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.sampled_from(KEYS) | st.text(max_size=6), inner, max_size=5), max_leaves=40)
EXPORT_FILES = (
    "your_instagram_activity/content/posts_1.json", "your_instagram_activity/content/stories.json",
    "content/posts_1.json", "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
    "posts/album/1.json", "comments_and_reactions/comments.json", "Photos/a.jpg.json",
    "Photos/a.jpg.supplemental-metadata(1).json", "Photos/metadata.json",
)
EXPORT_PHOTOS = {"media/posts/1/a.jpg": SYNTHETIC["a.jpg"], "Photos/a.jpg": SYNTHETIC["a.jpg"],
                 "photos_and_videos/a.jpg": SYNTHETIC["a.png"]}


def _json_bytes(value: object) -> bytes:
    return json.dumps(value, allow_nan=True).encode()


def test_fuzz_export_json_of_every_shape():
    tally = Tally("json/shapes")

    @fuzz(400)
    @given(st.lists(st.tuples(st.sampled_from(EXPORT_FILES), JSON_VALUE), min_size=1, max_size=3))
    def run(files):
        tally()
        source = {**{name: _json_bytes(value) for name, value in files}, **EXPORT_PHOTOS}
        feed = check_feed(MemorySource(source), set(source))
        assert feed is not None, "the export's photos alone make a feed"

    run()
    tally.report(200)


def _valid_exports() -> dict[str, bytes]:
    """One real-shaped file per export kind, to mutate."""
    ig = [{"title": "Caf\u00c3\u00a9 day", "creation_timestamp": 1714815000, "media": [
        {"uri": "media/posts/1/a.jpg", "creation_timestamp": 1714815000, "title": "",
         "media_metadata": {"photo_metadata": {"exif_data": [{"latitude": 51.5, "longitude": -0.1}]}}}]}]
    fb = [{"timestamp": 1714815000, "data": [{"post": "Sports day"}], "tags": [{"name": "A"}],
           "attachments": [{"data": [{"media": {"uri": "photos_and_videos/a.jpg", "description": "x"}},
                                     {"place": {"name": "Park", "coordinate": {"latitude": 1, "longitude": 2}}}]}]}]
    takeout = {"title": "a.jpg", "description": "At the zoo", "photoTakenTime": {"timestamp": "1714815000"},
               "geoData": {"latitude": 51.5, "longitude": -0.1}, "people": [{"name": "A"}]}
    return {EXPORT_FILES[0]: _json_bytes(ig), EXPORT_FILES[3]: _json_bytes(fb), EXPORT_FILES[6]: _json_bytes(takeout)}


VALID_EXPORTS = _valid_exports()


def test_fuzz_export_mutated_and_random_bytes():
    tally = Tally("json/mutated")

    @fuzz(400)
    @given(st.sampled_from(sorted(VALID_EXPORTS)), MUTATIONS, st.booleans(), st.binary(max_size=300))
    def run(name, mutations, random_bytes, junk):
        tally()
        data = junk if random_bytes else mutate(VALID_EXPORTS[name], mutations)
        source = {name: data, **EXPORT_PHOTOS}
        assert check_feed(MemorySource(source), set(source)) is not None

    run()
    tally.report(200)


# --- ZIP structures -------------------------------------------------------------------------------


def _feed_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("feed/posts.csv", "id,date,caption,images\n1,2024-05-04 10:00,Sunny day,a.jpg\n")
        zf.writestr("feed/a.jpg", SYNTHETIC["a.jpg"])
        zf.writestr("feed/sub/b.png", SYNTHETIC["a.png"], zipfile.ZIP_STORED)
        zf.writestr("feed/" + EXPORT_FILES[0], VALID_EXPORTS[EXPORT_FILES[0]])
        zf.comment = b"kidsafe fuzz"
    return out.getvalue()


FEED_ZIP = _feed_zip()


def test_fuzz_zip_mutated_archives():
    tally = Tally("zip/mutated")

    @fuzz(400)
    @given(MUTATIONS, st.booleans())
    def run(mutations, from_the_end):
        tally()
        data = FEED_ZIP[::-1] if from_the_end else FEED_ZIP  # aim at the central directory too
        data = mutate(data, mutations)
        data = data[::-1] if from_the_end else data
        check_feed(data if data[:4] in (b"PK\x03\x04", b"PK\x05\x06") else b"PK\x03\x04" + data,
                   label="upload.zip")

    run()
    tally.report(200)


ZIP_NAMES = st.sampled_from([b"a.jpg", b"posts.csv", b"../a.jpg", b"/abs.jpg", b"C:\\x.jpg", b"a/\x00.jpg", b"",
                             b"d/", b"\xff\xfe.jpg", b"x.zip", b"__MACOSX/._a.jpg", b"a" * 300]) \
    | st.binary(max_size=20)
ENTRY = st.fixed_dictionaries({
    "name": ZIP_NAMES,
    "method": st.sampled_from([0, 8, 12, 14, 99, 1, 65535]),
    "version": st.sampled_from([20, 45, 63, 84, 0xFFFF]),
    "flags": st.sampled_from([0, 1, 8, 0x800, 0x809, 0xFFFF]),
    "data": st.binary(max_size=200) | st.sampled_from([SYNTHETIC["a.jpg"], b"id,date,caption,images\n1,,hi,a.jpg\n"]),
    "size": st.none() | st.sampled_from([0, 1, 2**31, 2**32 - 1, 10**8]),
    "csize": st.none() | st.sampled_from([0, 1, 2**32 - 1]),
    "offset": st.none() | st.integers(0, 2**32 - 1),
    "attr": st.sampled_from([0, 0o100644 << 16, 0o120777 << 16, 0o040755 << 16, 0xFFFFFFFF]),
    "extra": st.sampled_from([b"", b"\x01\x00\x08\x00" + b"\xff" * 8, b"\x01\x00\x1c\x00" + bytes(28),
                              b"\x55\x54\x05\x00\x03\x00\x00\x00\x00"]) | st.binary(max_size=12),
})


def build_zip(entries: list[dict], count: int | None, cd_size_delta: int, comment: bytes) -> bytes:
    """A ZIP written by hand from the fuzzed fields: local headers, central directory, end record."""
    body = bytearray()
    central = bytearray()
    for e in entries:
        payload = e["data"] if e["method"] != 8 else _deflate(e["data"])
        crc = _crc(e["data"])
        csize = len(payload) if e["csize"] is None else e["csize"]
        size = len(e["data"]) if e["size"] is None else e["size"]
        offset = len(body) if e["offset"] is None else e["offset"]
        head = struct.pack("<4s5H3I2H", b"PK\x03\x04", e["version"], e["flags"], e["method"], 0, 0x21, crc, csize, size,
                           len(e["name"]), len(e["extra"]))
        body += head + e["name"] + e["extra"] + payload
        central += struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 0x31E, e["version"], e["flags"], e["method"], 0, 0x21, crc,
                               csize, size, len(e["name"]), len(e["extra"]), 0, 0, 0, e["attr"], offset)
        central += e["name"] + e["extra"]
    n = len(entries) if count is None else count
    eocd = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, n & 0xFFFF, n & 0xFFFF,
                       max(0, len(central) + cd_size_delta) & 0xFFFFFFFF, len(body), len(comment))
    return bytes(body + central + eocd + comment)


def _deflate(data: bytes) -> bytes:
    import zlib

    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def _crc(data: bytes) -> int:
    import zlib

    return zlib.crc32(data)


def test_fuzz_zip_hand_built_structures():
    tally = Tally("zip/structures")

    @fuzz(400)
    @given(st.lists(ENTRY, max_size=5), st.none() | st.sampled_from([0, 1, 0xFFFF, 30000]),
           st.sampled_from([0, -1, 1, 10**6]), st.binary(max_size=30) | st.just(b"PK\x05\x06" + bytes(18)))
    def run(entries, count, delta, comment):
        tally()
        check_feed(build_zip(entries, count, delta, comment), label="upload.zip")

    run()
    tally.report(200)


PLAIN_ENTRY = {"name": b"a.jpg", "method": 0, "version": 20, "flags": 0, "data": b"", "size": None, "csize": None,
               "offset": None, "attr": 0, "extra": b""}
#: Archives the fuzzers found that once escaped as IndexError / NotImplementedError, and what kidsafe says now.
FOUND = {
    "unnamed-entry": ([PLAIN_ENTRY, PLAIN_ENTRY | {"name": b""}], "(entry 2 of upload.zip, unnamed)"),
    "control-characters": ([PLAIN_ENTRY, PLAIN_ENTRY | {"name": b"x\x1b[2J.jpg"}], "x\\x1b[2J.jpg"),
    "zip-version-8.4": ([PLAIN_ENTRY | {"version": 84}], None),
}


@pytest.mark.parametrize("case", sorted(FOUND))
def test_fuzz_zip_found_cases_are_warnings_or_a_clear_error(case):
    entries, warned = FOUND[case]
    data = build_zip(entries, None, 0, b"")
    if warned is None:
        with pytest.raises(IngestError, match="^upload.zip: not a ZIP file, or a damaged one"):
            open_feed(data)
    else:
        feed = open_feed(data)
        assert [w.file for w in feed.warnings if "unsafe path" in w.message] == [warned]


# --- The whole audit ------------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore")
def test_fuzz_audit_of_fuzzed_feeds_never_raises_anything_else():
    """The full audit (captions through the language model, the engine, the dossier) on fuzzed feeds."""
    tally = Tally("audit")

    @fuzz(40)
    @given(st.one_of(
        st.tuples(st.just("posts.csv"), CSV_TEXT.map(str.encode)),
        st.tuples(st.sampled_from(EXPORT_FILES), JSON_VALUE.map(_json_bytes)),
        st.tuples(st.sampled_from(sorted(VALID_EXPORTS)), st.tuples(st.sampled_from(sorted(VALID_EXPORTS)),
                                                                    MUTATIONS).map(
            lambda nm: mutate(VALID_EXPORTS[nm[0]], nm[1])))),
        st.sampled_from(sorted(SYNTHETIC)), MUTATIONS)
    def run(text_file, photo, mutations):
        tally()
        name, data = text_file
        files = {name: data, "a.jpg": SYNTHETIC["a.jpg"], "media/posts/1/a.jpg": mutate(SYNTHETIC[photo], mutations),
                 "Photos/a.jpg": SYNTHETIC[photo]}
        try:
            result = audit(files, options=NO_DETECTORS)
        except KidsafeError as exc:
            raise AssertionError(f"a feed with photos must be audited: {exc}") from None
        with result.feed:
            assert result.dossier.posts_read == len(result.feed.posts) >= 1
            assert all(w.file and w.message for w in result.dossier.warnings)

    run()
    tally.report(20)


def test_fuzz_audit_detector_failing_on_a_photo_is_a_warning_naming_it(monkeypatch, feed_jpeg):
    from kidsafe.media import faces

    def fail(image):
        raise RuntimeError("std::bad_alloc")

    monkeypatch.setattr(faces, "available", lambda: True)
    monkeypatch.setattr(faces, "detect_faces", fail)
    result = audit({"a.jpg": feed_jpeg(), "b.jpg": feed_jpeg((10, 20, 30))},
                   options=AuditOptions(ocr=False, nudity=False))
    assert result.dossier.posts_read == 2
    assert {w.file for w in result.dossier.warnings} >= {"a.jpg", "b.jpg"}
