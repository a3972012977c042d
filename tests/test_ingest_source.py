"""Feed sources: ZIPs are read in place and hostile entries refused; folders never leave their root."""

from __future__ import annotations

import io
import os
import stat
import struct
import zipfile
from datetime import datetime

import pytest

from kidsafe.errors import IngestError, UnsafeInputError, UnsupportedExportError
from kidsafe.ingest.safety import Limits, UnsafeNameError, clean_name, read_capped
from kidsafe.ingest.source import FeedSource, FolderSource, MemorySource, ZipSource
from kidsafe.ingest.zipsource import _directory_size

SMALL = Limits(max_entry_bytes=4096, max_total_bytes=10_000, ratio_min_bytes=1024, max_ratio=20, max_entries=8)


def _zip_with(infos: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in infos:
            zf.writestr(info, data)
    return out.getvalue()


def _messages(source: FeedSource) -> dict[str, str]:
    return {w.file: w.message for w in source.warnings}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a/b.jpg", "a/b.jpg"),
        ("./a//b.jpg", "a/b.jpg"),
        ("a\\b.jpg", "a/b.jpg"),
    ],
)
def test_source_clean_name_keeps_relative_paths(raw, expected):
    assert clean_name(raw) == expected


@pytest.mark.parametrize(
    "raw", ["../evil.jpg", "a/../../evil.jpg", "/etc/passwd", "C:/Windows/x.jpg", "c:x.jpg", "..\\..\\evil.jpg",
            "\\\\server\\share\\x.jpg", "a/\x00b.jpg", ""],
)
def test_source_clean_name_refuses_traversal(raw):
    with pytest.raises(UnsafeNameError):
        clean_name(raw)


@pytest.mark.parametrize("evil", ["../evil.jpg", "/abs.jpg", "C:/evil.jpg", "..\\..\\evil.jpg", "ok/../../evil.jpg"])
def test_source_zip_refuses_zip_slip(evil):
    source = ZipSource(_zip_with([(evil, b"x"), ("good.jpg", b"y")]))
    assert source.names() == ["good.jpg"]
    assert "unsafe path" in _messages(source)[evil]


def test_source_zip_refuses_symlink_entries():
    link = zipfile.ZipInfo("link.jpg")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    source = ZipSource(_zip_with([(link, b"/etc/passwd"), ("a.jpg", b"y")]))
    assert source.names() == ["a.jpg"]
    assert "symbolic link" in _messages(source)["link.jpg"]


def test_source_zip_refuses_encrypted_entries():
    data = bytearray(_zip_with([("secret.jpg", b"x" * 50)]))
    at = data.index(b"PK\x01\x02")  # set the encryption bit in the central directory
    data[at + 8] |= 0x01
    source = ZipSource(bytes(data))
    assert source.names() == []
    assert "encrypted" in _messages(source)["secret.jpg"]


def test_source_zip_refuses_ratio_bomb():
    source = ZipSource(_zip_with([("bomb.jpg", b"\0" * 3000), ("ok.jpg", os.urandom(900))]), limits=SMALL)
    assert source.names() == ["ok.jpg"]
    assert "ZIP bomb" in _messages(source)["bomb.jpg"]


def test_source_zip_refuses_oversize_entry():
    source = ZipSource(_zip_with([("big.jpg", os.urandom(5000)), ("ok.jpg", b"y")]), limits=SMALL)
    assert source.names() == ["ok.jpg"]
    assert "more than" in _messages(source)["big.jpg"]


def test_source_zip_stops_at_total_size():
    files = [(f"p{i}.jpg", os.urandom(3000)) for i in range(5)]
    source = ZipSource(_zip_with(files), limits=SMALL)
    assert source.names() == ["p0.jpg", "p1.jpg", "p2.jpg"]
    assert "every later file skipped" in _messages(source)["p3.jpg"]


def test_source_zip_refuses_too_many_entries():
    with pytest.raises(UnsafeInputError, match="more than 8 files"):
        ZipSource(_zip_with([(f"p{i}.jpg", b"x") for i in range(9)]), limits=SMALL)


def test_source_zip_refuses_overlapping_entries():
    data = bytearray(_zip_with([("a.jpg", os.urandom(300)), ("b.jpg", os.urandom(300))]))
    second = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 4)
    data[second + 42 : second + 46] = struct.pack("<I", 0)  # b.jpg now points at a.jpg's data
    with pytest.raises(UnsafeInputError, match="overlap"):
        ZipSource(bytes(data))


def test_source_zip_read_never_exceeds_declared_size():
    data = bytearray(_zip_with([("a.jpg", b"z" * 1000)]))
    at = data.index(b"PK\x01\x02")
    data[at + 24 : at + 28] = struct.pack("<I", 10)  # the header lies: 10 bytes
    source = ZipSource(bytes(data))
    with pytest.raises(IngestError):
        source.read("a.jpg")


def test_source_read_capped_refuses_longer_stream():
    with pytest.raises(UnsafeInputError):
        read_capped(io.BytesIO(b"x" * 101), "a.jpg", 100)
    assert read_capped(io.BytesIO(b"x" * 100), "a.jpg", 100) == b"x" * 100


def test_source_zip_does_not_open_nested_zip(feed_zip):
    inner = feed_zip({"x.jpg": b"x"})
    source = ZipSource(feed_zip({"inner.zip": inner, "a.jpg": b"y"}))
    assert source.names() == ["a.jpg"]
    assert "not opened" in _messages(source)["inner.zip"]


def test_source_zip_skips_os_litter_and_folders(feed_zip):
    data = feed_zip({"__MACOSX/._a.jpg": b"x", "f/.DS_Store": b"x", "f/a.jpg": b"y", "f/": b""})
    source = ZipSource(data)
    assert source.names() == ["f/a.jpg"]
    assert source.warnings == []


@pytest.mark.parametrize("kind", ["bytes", "path", "file", "stream"])
def test_source_zip_opens_every_kind_of_input(kind, feed_zip, tmp_path):
    data = feed_zip({"b.jpg": b"bb", "a/c.png": b"cc"})
    path = tmp_path / "up.zip"
    path.write_bytes(data)

    class Stream(io.RawIOBase):
        def __init__(self) -> None:
            self.inner = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            chunk = self.inner.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    src = {"bytes": data, "path": path, "file": io.BytesIO(data), "stream": Stream()}[kind]
    source = ZipSource(src)
    assert source.names() == ["a/c.png", "b.jpg"]
    assert source.read("b.jpg") == b"bb"
    assert source.size("a/c.png") == 2
    assert isinstance(source.mtime("b.jpg"), datetime)
    source.close()


def test_source_zip_damaged_is_unsupported():
    with pytest.raises(UnsupportedExportError, match="damaged"):
        ZipSource(b"PK\x03\x04 this is not really a zip")


def test_source_zip_unknown_name_is_ingest_error(feed_zip):
    with pytest.raises(IngestError, match="no such file"):
        ZipSource(feed_zip({"a.jpg": b"x"})).read("b.jpg")


def test_source_folder_lists_sorted_relative_paths(feed_folder):
    root = feed_folder({"b.jpg": b"1", "a/c.jpg": b"22", ".hidden.jpg": b"3", "Thumbs.db": b"4"})
    source = FolderSource(root)
    assert source.label == "feed"
    assert source.names() == ["a/c.jpg", "b.jpg"]
    assert source.read("a/c.jpg") == b"22"
    assert source.size("a/c.jpg") == 2
    assert isinstance(source.mtime("b.jpg"), datetime)


def test_source_folder_never_follows_symlink_out_of_root(feed_folder, tmp_path):
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(b"secret")
    (tmp_path / "outside").mkdir()
    root = feed_folder({"a.jpg": b"a"})
    (root / "leak.jpg").symlink_to(secret)
    (root / "inside.jpg").symlink_to(root / "a.jpg")
    (root / "dir").symlink_to(tmp_path / "outside", target_is_directory=True)
    source = FolderSource(root)
    assert source.names() == ["a.jpg", "inside.jpg"]
    assert source.read("inside.jpg") == b"a"
    assert "not followed" in _messages(source)["leak.jpg"]
    assert "not followed" in _messages(source)["dir"]
    with pytest.raises(IngestError):
        source.read("leak.jpg")


def test_source_folder_refuses_file_swapped_for_symlink(feed_folder, tmp_path):
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(b"secret")
    root = feed_folder({"a.jpg": b"a"})
    source = FolderSource(root)
    (root / "a.jpg").unlink()
    (root / "a.jpg").symlink_to(secret)
    with pytest.raises(IngestError):
        source.read("a.jpg")


def test_source_folder_limits_size_and_count(feed_folder):
    root = feed_folder({"big.jpg": b"x" * 5000, "ok.jpg": b"y"})
    source = FolderSource(root, limits=SMALL)
    assert source.names() == ["ok.jpg"]
    assert "larger than" in _messages(source)["big.jpg"]
    many = feed_folder({f"p{i}.jpg": b"x" for i in range(9)}, name="many")
    with pytest.raises(UnsafeInputError):
        FolderSource(many, limits=SMALL)


def test_source_memory_checks_names_and_sizes():
    source = MemorySource({"../x.jpg": b"x", "a.jpg": b"a", "big.jpg": b"b" * 5000, "n.zip": b"PK"}, limits=SMALL)
    assert source.names() == ["a.jpg"]
    assert set(_messages(source)) == {"../x.jpg", "big.jpg", "n.zip"}
    assert source.mtime("a.jpg") is None
    assert isinstance(source, FeedSource)


def test_source_zip_end_record_skips_signature_inside_comment():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("a.jpg", b"a")
        zf.comment = b"PK\x05\x06" + b"\xff" * 18
    assert _directory_size(io.BytesIO(out.getvalue())) == (1, 51)
