"""``python -m kidsafe``: help on every command, the dossier JSON contract, bad input, summary and progress.

Feeds are built in tmp_path by the tests; the contract is checked against spec/dossier-json.md as
written down here (nothing is read from the shared folder at test time).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import subprocess
import sys
import warnings
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from test_photos_corruption import FAMILIES, HEIC, JPEGS, REAL_GPS

from kidsafe.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2025-06-01"
SCHEMA = "kidsafe.dossier/1"

# --- The contract (spec/dossier-json.md) -----------------------------------------------------

SOURCES = frozenset({"caption", "hashtag", "exif", "ocr", "face", "image", "timestamp", "sidecar", "inference"})
SUBJECT_KINDS = frozenset({"child", "family"})
TEXT_KINDS = frozenset({"child_name", "school", "town", "pet", "relative", "surname", "sensitive_image",
                        "other_child", "parent_name", "favourite", "appearance"})
INT_KINDS = frozenset({"birth_year", "age"})
DICT_KEYS = {
    "home": {"lat", "lon", "radius_m"},
    "place": {"name", "lat", "lon", "role"},
    "routine": {"weekday", "time", "activity", "place"},
    "location_leak": {"lat", "lon"},
}
FACT_KINDS = TEXT_KINDS | INT_KINDS | set(DICT_KEYS) | {"birthday"}
PER_POST_KINDS = frozenset({"location_leak", "sensitive_image"})  # one fact per post may repeat a value
PLACE_ROLES = frozenset({"school", "activity", "relative", "other"})
BIRTHDAY_RE = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


def _value_problem(kind: str, value: object) -> str | None:
    """What is wrong with one fact's value for its kind, or None."""
    if kind in TEXT_KINDS:
        return None if isinstance(value, str) and value.strip() else f"{kind}: value should be text, got {value!r}"
    if kind in INT_KINDS:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else f"{kind}: value should be an integer, got {value!r}"
    if kind == "birthday":
        return None if isinstance(value, str) and BIRTHDAY_RE.match(value) else f"birthday: not MM-DD: {value!r}"
    if not isinstance(value, dict) or not DICT_KEYS[kind] <= value.keys():
        return f"{kind}: value should hold {sorted(DICT_KEYS[kind])}, got {value!r}"
    if "lat" in value and not (-90 <= value["lat"] <= 90 and -180 <= value["lon"] <= 180):
        return f"{kind}: coordinates out of range: {value!r}"
    if kind == "place" and value["role"] not in PLACE_ROLES:
        return f"place: unknown role {value['role']!r}"
    return None


def contract_problems(doc: dict, post_ids: set[str]) -> list[str]:
    """Every way ``doc`` breaks the kidsafe.dossier/1 contract, given the posts the feed holds."""
    problems = []
    if doc.get("schema") != SCHEMA:
        problems.append(f"schema is {doc.get('schema')!r}")
    if not isinstance(doc.get("posts_read"), int):
        problems.append("posts_read is not an integer")
    try:
        date.fromisoformat(doc.get("audit_date", ""))
    except (TypeError, ValueError):
        problems.append(f"audit_date is not YYYY-MM-DD: {doc.get('audit_date')!r}")
    for w in doc.get("warnings", None) or []:
        if not (isinstance(w.get("file"), str) and isinstance(w.get("message"), str) and w["message"]):
            problems.append(f"warning without file and message: {w!r}")
    if not isinstance(doc.get("warnings"), list):
        problems.append("warnings is not a list")
    subjects = doc.get("subjects")
    ids = [s.get("id") for s in subjects or []]
    if not isinstance(subjects, list) or len(set(ids)) != len(ids):
        problems.append(f"subjects missing or ids repeated: {ids}")
    for s in subjects or []:
        if s.get("kind") not in SUBJECT_KINDS:
            problems.append(f"subject {s.get('id')}: unknown kind {s.get('kind')!r}")
        if s.get("kind") == "child" and not (isinstance(s.get("name"), str) and s["name"]):
            problems.append(f"child subject {s.get('id')} has no name")
    seen = set()
    for f in doc.get("facts", []):
        where = f"fact {f.get('kind')}={f.get('value')!r}"
        if f.get("kind") not in FACT_KINDS:
            problems.append(f"{where}: unknown kind")
            continue
        if f.get("subject") not in ids:
            problems.append(f"{where}: subject {f.get('subject')!r} is not among the subjects")
        confidence = f.get("confidence")
        if not isinstance(confidence, (int, float)) or not 0 <= confidence <= 1:
            problems.append(f"{where}: confidence {confidence!r} not in 0..1")
        if (problem := _value_problem(f["kind"], f.get("value"))) is not None:
            problems.append(problem)
        key = (f["kind"], f.get("subject"), json.dumps(f.get("value"), sort_keys=True))
        if key in seen and f["kind"] not in PER_POST_KINDS:
            problems.append(f"{where}: the same claim appears as two facts")
        seen.add(key)
        if not f.get("evidence"):
            problems.append(f"{where}: no evidence")
        for e in f.get("evidence") or []:
            if e.get("post") not in post_ids:
                problems.append(f"{where}: evidence names post {e.get('post')!r}, not in the feed")
            if e.get("source") not in SOURCES:
                problems.append(f"{where}: evidence source {e.get('source')!r} is unknown")
    return problems


GOOD_DOSSIER = {
    "schema": SCHEMA, "audit_date": AS_OF, "posts_read": 2,
    "warnings": [{"file": "media/x.jpg", "message": "not an image"}],
    "subjects": [{"id": "child-1", "kind": "child", "name": "Ada", "aliases": []}, {"id": "family", "kind": "family"}],
    "facts": [
        {"kind": "birthday", "subject": "child-1", "value": "03-12", "confidence": 0.9,
         "evidence": [{"post": "1", "source": "caption"}]},
        {"kind": "location_leak", "subject": "family", "value": {"lat": 1.5, "lon": 2.5}, "confidence": 0.99,
         "evidence": [{"post": "2", "source": "exif"}]},
    ],
}
BROKEN_DOSSIERS = [
    # (case id, change to the good dossier, text the problem names)
    ("schema", lambda d: d.update(schema="kidsafe/0"), "schema"),
    ("audit-date", lambda d: d.update(audit_date="01/06/2025"), "audit_date"),
    ("warning-without-file", lambda d: d["warnings"].append({"message": "x"}), "warning"),
    ("unknown-subject", lambda d: d["facts"][0].update(subject="child-9"), "not among the subjects"),
    ("unknown-kind", lambda d: d["facts"][0].update(kind="shoe_size"), "unknown kind"),
    ("birthday-form", lambda d: d["facts"][0].update(value="12/03"), "MM-DD"),
    ("confidence", lambda d: d["facts"][0].update(confidence=1.5), "confidence"),
    ("no-evidence", lambda d: d["facts"][0].update(evidence=[]), "no evidence"),
    ("evidence-post", lambda d: d["facts"][0]["evidence"][0].update(post="99"), "not in the feed"),
    ("evidence-source", lambda d: d["facts"][0]["evidence"][0].update(source="gossip"), "source"),
    ("leak-value", lambda d: d["facts"][1].update(value=[1.5, 2.5]), "location_leak"),
    ("repeated-claim", lambda d: d["facts"].append(dict(d["facts"][0])), "two facts"),
]


def test_cli_contract_checker_accepts_the_spec_example():
    assert contract_problems(json.loads(json.dumps(GOOD_DOSSIER)), {"1", "2"}) == []


@pytest.mark.parametrize(("case", "breaks", "names"), BROKEN_DOSSIERS, ids=[c[0] for c in BROKEN_DOSSIERS])
def test_cli_contract_checker_catches_broken_dossiers(case, breaks, names):
    doc = json.loads(json.dumps(GOOD_DOSSIER))
    breaks(doc)
    problems = contract_problems(doc, {"1", "2"})
    assert any(names in p for p in problems), problems


# --- Helpers ---------------------------------------------------------------------------------


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run ``python -m kidsafe ARGS`` in this process: (exit code, stdout, stderr)."""
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:  # argparse: --help and usage errors
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:  # noqa: SLF001 - argparse keeps subcommands only here
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return dict(action.choices)
    return {}


COMMANDS = sorted(_subcommands())


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` pixels (a decompression bomb's header)."""
    import struct
    import zlib

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 99)) + chunk(b"IEND", b"")


def _noisy_gps_jpeg(jpeg_with_gps, lat: float, lon: float) -> bytes:
    """A 320x240 JPEG of noise (so most of its bytes are pixels) with GPS in its EXIF."""
    plain = jpeg_with_gps(lat, lon, size=(8, 8))
    exif = Image.open(io.BytesIO(plain)).getexif()
    noise = Image.frombytes("RGB", (320, 240), random.Random(5).randbytes(320 * 240 * 3))
    out = io.BytesIO()
    noise.save(out, "JPEG", quality=95, exif=exif.tobytes())
    return out.getvalue()


def _pack(files: dict[str, bytes | str], container: str, feed_folder, feed_zip, tmp_path: Path) -> Path:
    if container == "folder":
        return feed_folder(files)
    path = tmp_path / "feed.zip"
    path.write_bytes(feed_zip(files))
    return path


# --- Help and usage --------------------------------------------------------------------------


def test_cli_has_the_audit_command():
    assert "audit" in COMMANDS


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_cli_every_command_has_help(capsys, command):
    argv = [command, "--help"] if command else ["--help"]
    code, out, err = run_cli(capsys, *argv)
    assert code == 0, err
    assert out.startswith("usage: python -m kidsafe"), out
    parser = _subcommands()[command] if command else build_parser()
    assert parser.description, f"{command or 'kidsafe'} has no description"
    for action in parser._actions:  # noqa: SLF001
        if isinstance(action, argparse._HelpAction):  # noqa: SLF001
            continue
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for sub in action._choices_actions:  # noqa: SLF001 - one per command, with its help line
                assert sub.help and sub.help.strip(), f"command {sub.dest} has no help line"
                assert sub.dest in out
            continue
        name = "/".join(action.option_strings) or action.dest
        assert action.help and action.help.strip(), f"{command or 'kidsafe'}: {name} has no help text"
        assert (action.option_strings[0] if action.option_strings else action.metavar or action.dest) in out


def test_cli_module_entry_point_runs():
    done = subprocess.run([sys.executable, "-m", "kidsafe", "--help"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert "audit" in done.stdout


BAD_ARGUMENTS = [
    ("no-command", []),
    ("unknown-command", ["tidy"]),
    ("audit-without-path", ["audit"]),
    ("audit-bad-date", ["audit", ".", "--as-of", "2025-13-40"]),
    ("audit-unknown-option", ["audit", ".", "--upload-to", "x"]),
]


@pytest.mark.parametrize(("case", "argv"), BAD_ARGUMENTS, ids=[c[0] for c in BAD_ARGUMENTS])
def test_cli_bad_arguments_give_usage_and_exit_2(capsys, case, argv):
    code, out, err = run_cli(capsys, *argv)
    assert code == 2
    assert "usage:" in err and "error:" in err
    assert "Traceback" not in err


# --- The dossier JSON ------------------------------------------------------------------------

GPS_POSTS = {
    # post id -> (photo, lat, lon): southern and western positions too
    "p1": ("park.jpg", 48.85837, 2.29448),
    "p2": ("beach/day2.jpg", -33.85678, 151.21530),
    "extra.jpg": ("extra.jpg", 40.68925, -74.04450),
}
POST_IDS = {"p1", "p2", "p3", "extra.jpg"}


@pytest.fixture
def contract_feed(jpeg_with_gps):
    """Files of a small plain feed: posts with GPS, a two-photo post, a text-only post, a photo not in posts.csv."""
    return {
        "posts.csv": (
            "id,date,caption,images\n"
            "p1,2024-05-04,Sunny morning at the park,park.jpg\n"
            'p2,2024-05-05 10:55,"Beach day 🌊 #weekend",beach/day2.jpg;beach/day1.jpg\n'
            "p3,2024-05-06T08:00:00,Just a few words today,\n"
        ),
        "park.jpg": jpeg_with_gps(*GPS_POSTS["p1"][1:]),
        "beach/day2.jpg": jpeg_with_gps(*GPS_POSTS["p2"][1:]),
        "beach/day1.jpg": jpeg_with_gps(0.0, 0.0),  # 0,0 means no location
        "extra.jpg": jpeg_with_gps(*GPS_POSTS["extra.jpg"][1:]),
    }


@pytest.mark.parametrize("container", ["folder", "zip"])
def test_cli_audit_writes_the_dossier_json_contract(capsys, tmp_path, feed_folder, feed_zip, contract_feed,
                                                    container):
    feed = _pack(contract_feed, container, feed_folder, feed_zip, tmp_path)
    out_json = tmp_path / "out" / "dossier.json"
    out_json.parent.mkdir()
    code, out, err = run_cli(capsys, "audit", feed, "--json", out_json, "--as-of", AS_OF)
    assert code == 0, err
    text = out_json.read_text(encoding="utf-8")
    doc = json.loads(text)
    assert contract_problems(doc, POST_IDS) == []
    assert doc["audit_date"] == AS_OF
    assert doc["posts_read"] == len(POST_IDS)
    leaks = [f for f in doc["facts"] if f["kind"] == "location_leak"]
    kinds = {s["id"]: s["kind"] for s in doc["subjects"]}
    assert {kinds[f["subject"]] for f in leaks} == {"family"}
    found = {e["post"]: f["value"] for f in leaks for e in f["evidence"]}
    assert found.keys() == GPS_POSTS.keys()
    for post, (_photo, lat, lon) in GPS_POSTS.items():
        assert found[post]["lat"] == pytest.approx(lat, abs=1e-4)
        assert found[post]["lon"] == pytest.approx(lon, abs=1e-4)
    assert all(e["source"] in {"exif", "sidecar"} for f in leaks for e in f["evidence"])
    assert str(tmp_path) not in text, "the dossier must not carry the user's folder path"


def test_cli_audit_date_defaults_to_today(capsys, tmp_path, feed_folder, jpeg_with_gps):
    feed = feed_folder({"a.jpg": jpeg_with_gps(51.5, -0.12)})
    code, _, err = run_cli(capsys, "audit", feed, "--json", tmp_path / "d.json", "--quiet")
    assert code == 0, err
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["audit_date"] == date.today().isoformat()


# --- Bad input: warned about, never fatal ------------------------------------------------------

BAD_FILES = [
    # (file in the feed, its bytes, made from the good photo's bytes)
    ("broken.jpg", lambda good: good[: len(good) // 3]),
    ("note.jpg", lambda good: b"Remember to buy milk and bread on the way home.\n" * 20),
    ("empty.jpg", lambda good: b""),
    ("huge.png", lambda good: _png_claiming(60_000, 60_000)),
]
ZIP_ONLY_BAD_FILES = [
    ("../evil.jpg", lambda good: good),
    ("/abs/evil.jpg", lambda good: good),
    ("zeros.jpg", lambda good: b"\0" * (8 * 1024 * 1024)),  # a ZIP bomb in miniature: ratio far over the limit
]


@pytest.mark.parametrize("container", ["folder", "zip"])
def test_cli_audit_warns_about_each_bad_file_and_audits_the_rest(capsys, tmp_path, feed_folder, feed_zip,
                                                                 jpeg_with_gps, container):
    good = _noisy_gps_jpeg(jpeg_with_gps, 52.37403, 4.88969)
    bad = BAD_FILES + (ZIP_ONLY_BAD_FILES if container == "zip" else [])
    files: dict[str, bytes | str] = {"good.jpg": good} | {name: make(good) for name, make in bad}
    files["posts.csv"] = "id,date,caption,images\n" + "".join(
        f"{i},2024-06-0{i % 9 + 1},post {i},{name}\n" for i, name in enumerate(["good.jpg", *[b[0] for b in BAD_FILES]])
    )
    feed = _pack(files, container, feed_folder, feed_zip, tmp_path)
    code, out, err = run_cli(capsys, "audit", feed, "--json", tmp_path / "d.json", "--as-of", AS_OF)
    assert code == 0, err
    doc = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert contract_problems(doc, {"0", "1", "2", "3", "4"}) == []
    for name, _ in bad:
        hits = [w for w in doc["warnings"] if w["file"] == name or w["file"].endswith("/" + name.lstrip("/"))]
        assert hits, f"no warning names {name}: {doc['warnings']}"
        assert name in out, f"the summary does not list {name}"
    leaks = [f for f in doc["facts"] if f["kind"] == "location_leak"]
    # The good photo is audited; so is the EXIF of the cut one (post 1), which survives the cut.
    assert sorted(e["post"] for f in leaks for e in f["evidence"]) == ["0", "1"]
    assert not (tmp_path.parent / "evil.jpg").exists() and not Path("/abs/evil.jpg").exists()


def test_cli_audit_does_not_follow_links_out_of_the_feed(capsys, tmp_path, feed_folder, jpeg_with_gps):
    feed = feed_folder({"inside.jpg": jpeg_with_gps(10.0, 10.0)})
    (tmp_path / "private.jpg").write_bytes(jpeg_with_gps(20.0, 20.0))
    (feed / "link.jpg").symlink_to(tmp_path / "private.jpg")
    code, _, err = run_cli(capsys, "audit", feed, "--json", tmp_path / "d.json", "--as-of", AS_OF, "--quiet")
    assert code == 0, err
    doc = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert [w["file"] for w in doc["warnings"]] == ["link.jpg"]
    assert [f["value"]["lat"] for f in doc["facts"] if f["kind"] == "location_leak"] == [pytest.approx(10.0)]


def _zip(files: dict[str, bytes]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return out.getvalue()


UNREADABLE_INPUTS = [
    # (case id, path of the input in tmp_path, files to create there: {relative path: bytes} or None for a folder)
    ("empty-folder", "Holiday", {"Holiday": None}),
    ("folder-of-text", "Notes", {"Notes/notes.txt": b"shopping list", "Notes/todo.md": b"# todo"}),
    ("text-file", "notes.txt", {"notes.txt": b"shopping list\n"}),
    ("pdf-file", "letter.pdf", {"letter.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"}),
    ("empty-zip", "export.zip", {"export.zip": b"PK\x05\x06" + b"\0" * 18}),
    ("zip-of-text", "texts.zip", {"texts.zip": _zip({"a.txt": b"hello"})}),
    ("missing-path", "no-such-export.zip", {}),
    ("only-a-photo-that-is-not-one", "fake.zip", {"fake.zip": _zip({"x/notreally.jpg": b"<html>404</html>"})}),
]


@pytest.mark.parametrize(("case", "target", "files"), UNREADABLE_INPUTS, ids=[c[0] for c in UNREADABLE_INPUTS])
def test_cli_audit_of_nothing_readable_exits_nonzero_with_a_clear_message(capsys, tmp_path, case, target, files):
    for rel, data in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        if data is None:
            (tmp_path / rel).mkdir()
        else:
            (tmp_path / rel).write_bytes(data)
    path = tmp_path / target
    out_json = tmp_path / "d.json"
    code, out, err = run_cli(capsys, "audit", path, "--json", out_json)
    assert code != 0
    assert out == ""
    assert err.startswith("kidsafe: ") and path.name in err, err
    assert "Traceback" not in err and len(err.splitlines()) <= 3
    assert not out_json.exists(), "no dossier is written when nothing could be read"


# --- Summary and progress ----------------------------------------------------------------------


def test_cli_audit_summary_is_readable(capsys, tmp_path, feed_folder, contract_feed):
    feed = feed_folder(contract_feed)
    code, out, err = run_cli(capsys, "audit", feed, "--as-of", AS_OF)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"The stranger's dossier ({len(POST_IDS)} posts, as of {AS_OF})"
    assert "GPS" in out
    assert all(len(line) <= 200 for line in lines)
    for noise in ("None", "{'", "Traceback", "Evidence(", "Fact(", "\\u"):
        assert noise not in out
    assert str(tmp_path) not in out


def test_cli_audit_summary_markdown_and_quiet(capsys, tmp_path, feed_folder, contract_feed):
    feed = feed_folder(contract_feed)
    code, out, _ = run_cli(capsys, "audit", feed, "--as-of", AS_OF, "--markdown")
    assert code == 0
    assert out.startswith("# The stranger's dossier") and "\n## " in out
    code, out, err = run_cli(capsys, "audit", feed, "--as-of", AS_OF, "--quiet")
    assert (code, out, err) == (0, "", "")


def test_cli_audit_progress_bar_goes_to_stderr(capsys, tmp_path, feed_folder, contract_feed):
    feed = feed_folder(contract_feed)
    code, out, err = run_cli(capsys, "audit", feed, "--as-of", AS_OF, "--progress")
    assert code == 0
    photos = len([name for name in contract_feed if name.endswith(".jpg")])
    assert re.search(rf"photos\s+\[#+\] {photos}/{photos}", err), err
    assert "#" * 10 not in out and "photos    [" not in out
    code, _, err = run_cli(capsys, "audit", feed, "--as-of", AS_OF)
    assert code == 0 and err == "", "no progress bar when stderr is not a terminal and --progress is not given"


# --- Many damaged real photos in one feed -------------------------------------------------------

CORRUPT_VARIANTS = 100


def _corrupted_variants(count: int) -> list[tuple[str, str, bytes]]:
    """``count`` seeded corruptions of the real camera photos (and a few of the HEIC): (name, origin, bytes)."""
    variants = []
    for photo in [*JPEGS, HEIC]:
        data = (REAL_GPS / photo).read_bytes()
        for family, mutate in sorted(FAMILIES.items()):
            variants += [(photo, label, v) for label, v in mutate(data, random.Random(f"{photo}/{family}"))]
    jpegs = [v for v in variants if v[0] != HEIC]
    heics = [v for v in variants if v[0] == HEIC]
    rnd = random.Random("cli-feed")
    chosen = rnd.sample(jpegs, count - 5) + rnd.sample(heics, 5)
    return [(f"v{i:03d}{Path(photo).suffix}", f"{photo}#{label}", v) for i, (photo, label, v) in enumerate(chosen)]


def _decodes(data: bytes) -> bool:
    """True when Pillow decodes every pixel of the bytes (the test's own oracle)."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as im:
                im.load()
    except Exception:  # noqa: BLE001 - any failure means "not decodable"
        return False
    return True


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore")
def test_cli_audit_of_many_corrupted_real_photos_finishes_and_warns(capsys, tmp_path, feed_folder):
    variants = _corrupted_variants(CORRUPT_VARIANTS)
    feed = feed_folder({name: data for name, _, data in variants})
    # OCR adds time but no new decoding path: faces and nudity decode every photo as OCR would.
    code, out, err = run_cli(capsys, "audit", feed, "--json", tmp_path / "d.json", "--as-of", AS_OF, "--no-ocr")
    assert code == 0, err
    doc = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert doc["posts_read"] == CORRUPT_VARIANTS
    assert contract_problems(doc, {name for name, _, _ in variants}) == []
    warned = {w["file"] for w in doc["warnings"]}
    origin = {name: label for name, label, _ in variants}
    assert warned <= origin.keys(), f"warnings name files that are not in the feed: {warned - origin.keys()}"
    undecodable = {name for name, _, data in variants if not _decodes(data)}
    assert len(undecodable) >= 20, "the corruptions should break many photos"
    missing = sorted(f"{name} ({origin[name]})" for name in undecodable - warned)
    assert not missing, f"damaged photos not listed in warnings: {missing}"


# --- Gaps found and fixed: damaged pixels keep their GPS, unwritable --json, quiet means quiet -----


@pytest.mark.parametrize(
    "options",
    [
        pytest.param(["--no-ocr", "--no-faces", "--no-nudity"], id="metadata-only"),
        pytest.param([], id="all-checks"),
    ],
)
def test_cli_audit_keeps_gps_of_a_photo_whose_pixels_are_damaged(capsys, tmp_path, feed_folder, jpeg_with_gps,
                                                                 options):
    whole = _noisy_gps_jpeg(jpeg_with_gps, -22.95192, -43.21049)
    feed = feed_folder({"cut.jpg": whole[: len(whole) * 2 // 3]})  # EXIF intact, pixels cut short
    code, _, err = run_cli(capsys, "audit", feed, "--json", tmp_path / "d.json", "--quiet", *options)
    assert code == 0, err
    doc = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    leaks = [f["value"] for f in doc["facts"] if f["kind"] == "location_leak"]
    assert leaks and leaks[0]["lat"] == pytest.approx(-22.95192, abs=1e-4)


def test_cli_audit_unwritable_json_path_gives_a_message(tmp_path, feed_folder, jpeg_with_gps):
    feed = feed_folder({"a.jpg": jpeg_with_gps(1.0, 1.0)})
    target = tmp_path / "missing-folder" / "d.json"
    done = subprocess.run([sys.executable, "-m", "kidsafe", "audit", str(feed), "--json", str(target), "--quiet",
                           "--no-ocr", "--no-faces", "--no-nudity"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and str(target.name) in done.stderr


def test_cli_quiet_audit_of_damaged_photos_prints_nothing(tmp_path, feed_folder):
    damaged = {}
    for photo, family in (("FujiFilm FinePixS1Pro (1).jpg", "junk"), ("Nikon D5000.jpg", "bitflip")):
        data = (REAL_GPS / photo).read_bytes()
        for _label, variant in FAMILIES[family](data, random.Random(f"{photo}/{family}")):
            damaged[f"{len(damaged):03d}.jpg"] = variant
    feed = feed_folder(damaged)
    done = subprocess.run([sys.executable, "-m", "kidsafe", "audit", str(feed), "--quiet", "--no-ocr", "--no-faces",
                           "--no-nudity"], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_cli_audit_of_only_unreadable_photos_exits_non_zero(tmp_path):
    (tmp_path / "a.jpg").write_bytes(b"")
    done = subprocess.run([sys.executable, "-m", "kidsafe", "audit", str(tmp_path), "--no-ocr", "--no-faces",
                           "--no-nudity"], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert "nothing" in done.stderr and "a.jpg" in done.stderr and "Traceback" not in done.stderr
