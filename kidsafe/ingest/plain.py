"""kidsafe's own format: photos, with an optional posts.csv (id, date, caption, images)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import datetime

from kidsafe.ingest.common import IdAllocator, Reading
from kidsafe.ingest.files import PathIndex, base_name, is_image
from kidsafe.ingest.safety import DEFAULT_LIMITS, too_many_posts
from kidsafe.ingest.source import FeedSource
from kidsafe.models import Photo, Post

FORMAT = "plain"
PLATFORM = "plain"
CSV_NAME = "posts.csv"
COLUMNS = ("id", "date", "caption", "images")
# Header spellings accepted for each column (compared lower-case, without spaces, '_' or '-').
ALIASES = {
    "id": frozenset({"id", "postid", "postno", "postnumber", "no", "number", "#"}),
    "date": frozenset({"date", "datetime", "posted", "postedat", "postedon", "postdate", "timestamp", "time",
                       "created", "createdat", "when"}),
    "caption": frozenset({"caption", "captions", "text", "description", "message", "post", "body", "content",
                          "status"}),
    "images": frozenset({"images", "image", "photos", "photo", "files", "file", "filenames", "filename", "media",
                         "pictures", "picture", "paths", "path"}),
}
LAYOUTS = ((re.compile(r"(?:^|/)posts\.csv$", re.I), "photos with posts.csv"), (re.compile(""), "photos only"))
DELIMITERS = (",", ";", "\t", "|")
DATE_FORMATS = (
    "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y",
    "%m/%d/%Y %H:%M", "%m/%d/%Y", "%d.%m.%Y %H:%M", "%d.%m.%Y", "%Y%m%d",
)
IMAGE_SPLIT_RE = re.compile(r"\s*[;|\n]\s*")
LINE_END_RE = re.compile(r"\r\n|\r|\n")


def _csv_name(names: list[str]) -> str | None:
    """The shallowest posts.csv (any case), if there is one."""
    found = [n for n in names if base_name(n).lower() == CSV_NAME]
    return min(found, key=lambda n: (n.count("/"), n)) if found else None


def detect(names: list[str]) -> str | None:
    """The folder that holds the posts (where posts.csv is, or the single top folder) if there are any."""
    csv_name = _csv_name(names)
    if csv_name is not None:
        return csv_name[: len(csv_name) - len(base_name(csv_name))]
    if not any(is_image(n) for n in names):
        return None
    root = ""
    while True:
        tops = {n[len(root):].split("/", 1)[0] for n in names}
        if len(tops) != 1 or not all("/" in n[len(root):] for n in names):
            return root
        root += tops.pop() + "/"


def decode(data: bytes) -> tuple[str, str | None]:
    """The CSV's text and, when it was not UTF-8, a note of the encoding used."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "not UTF-8; read as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not UTF-8; read as Latin-1"


def _key(header: str) -> str | None:
    flat = re.sub(r"[\s_\-]", "", header.strip().strip("\ufeff").lower())
    return next((col for col, names in ALIASES.items() if flat in names), None)


def _delimiter(first_line: str) -> str:
    def score(d: str) -> tuple[int, int]:
        return sum(_key(cell) is not None for cell in first_line.split(d)), first_line.count(d)

    return max(DELIMITERS, key=score)


def parse_date(text: str) -> datetime | None:
    """An ISO 8601 date or date-time (or a common local spelling) as naive local time."""
    text = text.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        pass
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their ends, one at a time (as ``StringIO(text, newline="")`` gives them).

    Lazy, so a large CSV is never held a second time (StringIO keeps four bytes per character).
    """
    pos = 0
    while pos < len(text):
        end = LINE_END_RE.search(text, pos)
        stop = end.end() if end else len(text)
        yield text[pos:stop]
        pos = stop


#: The longest caption cell read (Facebook allows 63,206 characters; a larger cell is hostile or broken).
MAX_FIELD_CHARS = 131_072


def read_rows(source: FeedSource, name: str, reading: Reading) -> tuple[list[dict[str, str]], str]:
    """The CSV's rows keyed by column ('id', 'date', 'caption', 'images') and its delimiter.

    Every oddity (encoding, header, unreadable line) is a warning; rows before a bad line are kept.
    """
    text, note = decode(source.read(name))
    if note:
        reading.warn(name, note)
    delimiter = _delimiter(next(lines(text), ""))
    limits = getattr(source, "limits", DEFAULT_LIMITS)
    rows = csv.reader(lines(text), delimiter=delimiter)
    header = next(rows, [])
    keys: list[str | None] = [_key(h) for h in header]
    out: list[dict[str, str]] = []
    if header and not any(keys):
        reading.warn(name, "no header row (id,date,caption,images); columns read in that order")
        keys = list(COLUMNS[: len(header)])
        out.append({k: v for k, v in zip(keys, header, strict=False) if k})
    missing = [c for c in COLUMNS if c not in keys]
    if missing:
        reading.warn(name, f"no {', '.join(repr(c) for c in missing)} column; expected id,date,caption,images")
    unknown = [h for h, k in zip(header, keys, strict=False) if k is None and h.strip()]
    if unknown and any(keys):
        reading.warn(name, f"columns not used: {', '.join(repr(u[:40]) for u in unknown)}")
    try:
        for row in rows:
            if len(out) >= limits.max_posts:
                reading.warn(name, too_many_posts(limits))
                break
            if any(len(cell) > MAX_FIELD_CHARS for cell in row):
                # csv's own field limit is process-wide and other libraries raise it; ours is fixed.
                raise csv.Error(f"field larger than {MAX_FIELD_CHARS} characters")
            record: dict[str, str] = {}
            for key, cell in zip(keys, row, strict=False):
                if key and key not in record:
                    record[key] = cell
            out.append(record)
    except csv.Error as exc:
        reading.warn(name, f"line {rows.line_num} cannot be read as CSV ({exc}); the rest of the file skipped")
    return out, delimiter


def _images(cell: str, delimiter_is_comma: bool) -> list[str]:
    parts = [p for p in IMAGE_SPLIT_RE.split(cell.strip()) if p]
    if len(parts) == 1 and not delimiter_is_comma and "," in parts[0]:
        parts = [p.strip() for p in parts[0].split(",") if p.strip()]
    return parts


def read(source: FeedSource, root: str) -> Reading:
    """posts.csv's rows as posts, then every photo it does not name as a post of its own."""
    reading = Reading()
    names = source.names()
    photos = [n for n in names if is_image(n)]
    index = PathIndex(photos)
    others = PathIndex(n for n in names if not is_image(n))
    ids = IdAllocator()
    named: set[str] = set()
    csv_name = _csv_name(names)
    if csv_name is not None:
        reading.used.add(csv_name)
        with reading.guard(csv_name):
            rows, delimiter = read_rows(source, csv_name, reading)
            for number, row in enumerate(rows, start=2):
                post = _row_post(row, number, csv_name, (index, others, root), delimiter, reading, ids)
                if post:
                    named.update(p.path for p in post.photos)
                    reading.posts.append(post)
    for path in photos:
        reading.used.add(path)
        if path not in named:
            reading.posts.append(Post(ids.take(base_name(path)), photos=(Photo(path),), platform=PLATFORM))
    return reading


def _row_post(
    row: dict[str, str], number: int, csv_name: str, lookup: tuple[PathIndex, PathIndex, str], delimiter: str,
    reading: Reading, ids: IdAllocator,
) -> Post | None:
    """One CSV row as a post; None for a blank row."""
    if not any(v.strip() for v in row.values()):
        return None
    index, others, root = lookup
    paths: list[str] = []
    for ref in _images(row.get("images", ""), delimiter == ","):
        path = index.find(ref, root)
        if path:
            paths.append(path)
        elif others.find(ref, root):
            reading.warn(csv_name, f"row {number}: '{base_name(ref)[:80]}' is not a photo kidsafe reads; skipped")
        else:
            reading.warn(csv_name, f"row {number}: photo '{base_name(ref)[:80]}' is not in the feed")
    posted = parse_date(row.get("date", ""))
    if row.get("date", "").strip() and posted is None:
        reading.warn(csv_name, f"row {number}: date not understood (use 2024-03-10 or 2024-03-10 10:55)")
    wanted = row.get("id", "").strip() or (base_name(paths[0]) if paths else f"row {number}")
    post_id = ids.take(wanted)
    if post_id != wanted:
        reading.warn(csv_name, f"row {number}: id '{wanted[:40]}' used twice; this post is '{post_id}'")
    photos = tuple(Photo(p) for p in dict.fromkeys(paths))
    return Post(post_id, row.get("caption", ""), posted, photos, PLATFORM)
