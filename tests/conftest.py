"""Shared test fixtures: every test image is generated here or in tmp_path, never read from a feed."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from tests.served_app import chromium, require_chromium, served_app


@pytest.fixture
def make_scene():
    """Factory of photo-like RGB images (sky, grass, a house, sensor noise) with no face and no text."""

    def make(size: tuple[int, int] = (960, 720), seed: int = 0) -> Image.Image:
        width, height = size
        rng = np.random.default_rng(seed)
        image = Image.new("RGB", size, (110 + seed % 40, 160, 225))
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, int(height * 0.62), width, height), fill=(70, 135 + seed % 30, 60))
        x, y = int(width * (0.15 + 0.1 * (seed % 3))), int(height * 0.35)
        draw.rectangle((x, y, x + width // 3, y + height // 3), fill=(185, 85, 60))
        draw.polygon([(x - 20, y), (x + width // 6, y - height // 6), (x + width // 3 + 20, y)], fill=(90, 50, 40))
        draw.ellipse((int(width * 0.8), 30, int(width * 0.8) + height // 8, 30 + height // 8), fill=(250, 220, 90))
        noise = rng.normal(0, 10, (height, width, 3))
        pixels = np.clip(np.asarray(image, dtype=np.float32) + noise, 0, 255).astype(np.uint8)
        return Image.fromarray(pixels).filter(ImageFilter.GaussianBlur(0.7))

    return make


@pytest.fixture
def feed_jpeg():
    """Factory of tiny JPEG bytes (a flat colour), optionally with EXIF DateTimeOriginal."""
    import io

    def make(color: tuple[int, int, int] = (200, 120, 80), taken: str | None = None) -> bytes:
        out = io.BytesIO()
        exif = Image.Exif()
        if taken:
            exif.get_ifd(0x8769)[0x9003] = taken  # DateTimeOriginal, "YYYY:MM:DD HH:MM:SS"
        Image.new("RGB", (16, 12), color).save(out, "JPEG", exif=exif.tobytes())
        return out.getvalue()

    return make


@pytest.fixture
def feed_zip():
    """Factory of ZIP bytes from ``{path: bytes | str | dict | list}`` (dicts and lists written as JSON)."""
    import io
    import json
    import zipfile

    def make(files: dict, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", compression) as zf:
            for name, data in files.items():
                if isinstance(data, (dict, list)):
                    data = json.dumps(data)
                zf.writestr(name, data)
        return out.getvalue()

    return make


@pytest.fixture
def town_placed_feed(feed_zip, feed_jpeg):
    """ZIP bytes of an Instagram feed with UTC stamps and no GPS naming its Australian town (Ballarat):
    only the town can place it in time. Its birthday post is stamped 21:30 UTC on 9 March 2024."""
    posts = [
        {"title": "Happy 5th birthday to our gorgeous girl Matilda! 🎂", "creation_timestamp": 1_710_019_800,
         "media": [{"uri": "media/posts/202403/1.jpg", "creation_timestamp": 1_710_019_800, "title": ""}]},
        {"title": "Sunday market in Ballarat with Matilda", "creation_timestamp": 1_712_440_800,
         "media": [{"uri": "media/posts/202404/2.jpg", "creation_timestamp": 1_712_440_800, "title": ""}]},
        {"title": "Ballarat frost this morning, Matilda in her gumboots", "creation_timestamp": 1_718_400_000,
         "media": [{"uri": "media/posts/202406/3.jpg", "creation_timestamp": 1_718_400_000, "title": ""}]},
    ]
    files = {"your_instagram_activity/content/posts_1.json": posts}
    files |= {m["uri"]: feed_jpeg() for p in posts for m in p["media"]}
    return feed_zip(files)


@pytest.fixture
def feed_folder(tmp_path):
    """Factory of a feed folder in tmp_path from ``{path: bytes | str | dict | list}``."""
    import json

    def make(files: dict, name: str = "feed"):
        root = tmp_path / name
        root.mkdir(parents=True, exist_ok=True)
        for rel, data in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, (dict, list)):
                data = json.dumps(data)
            path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return root

    return make


# --- Network guard: the whole suite runs offline -------------------------------------------------

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
NETWORK_BLOCKED = "tests run offline: a test tried to reach {what}; only loopback and unix sockets are allowed"


def is_loopback_host(host: object) -> bool:
    """True for a loopback host: 127.0.0.0/8, ::1 (or ::ffff:127.x.x.x), or a localhost name."""
    import ipaddress

    if isinstance(host, (bytes, bytearray)):
        host = bytes(host).decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    name = host.split("%", 1)[0].strip("[]").lower()
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(name)
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_loopback or bool(mapped and mapped.is_loopback)


def is_ip_literal(host: object) -> bool:
    """True when ``host`` is an IP address written out (looking it up needs no DNS)."""
    import ipaddress

    text = bytes(host).decode("ascii", "replace") if isinstance(host, (bytes, bytearray)) else str(host)
    try:
        ipaddress.ip_address(text.split("%", 1)[0].strip("[]"))
    except ValueError:
        return False
    return True


def _network_blocked(what: str) -> None:
    pytest.fail(NETWORK_BLOCKED.format(what=what))


@pytest.fixture(autouse=True, scope="session")
def no_network():
    """Block every socket connection except loopback and unix sockets, for the whole session.

    A test (or the code under test) that reaches out fails with a message naming the address.
    """
    import socket

    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_create_connection, real_getaddrinfo = socket.create_connection, socket.getaddrinfo
    this_host = socket.gethostname()

    def allowed(sock: socket.socket, address: object) -> bool:
        if sock.family == getattr(socket, "AF_UNIX", None):
            return True
        return isinstance(address, tuple) and bool(address) and is_loopback_host(address[0])

    def connect(self, address):
        if not allowed(self, address):
            _network_blocked(f"{address!r} (socket.connect)")
        return real_connect(self, address)

    def connect_ex(self, address):
        if not allowed(self, address):
            _network_blocked(f"{address!r} (socket.connect_ex)")
        return real_connect_ex(self, address)

    def create_connection(address, *args, **kwargs):
        host = address[0] if isinstance(address, tuple) and address else address
        if not is_loopback_host(host):
            _network_blocked(f"{address!r} (socket.create_connection)")
        return real_create_connection(address, *args, **kwargs)

    def getaddrinfo(host, *args, **kwargs):
        # A DNS lookup of an outside name already leaks it; IP literals and this machine are fine.
        if host not in (None, "", b"", this_host) and not is_loopback_host(host) and not is_ip_literal(host):
            _network_blocked(f"{host!r} (DNS lookup)")
        return real_getaddrinfo(host, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", connect)
        mp.setattr(socket.socket, "connect_ex", connect_ex)
        mp.setattr(socket, "create_connection", create_connection)
        mp.setattr(socket, "getaddrinfo", getaddrinfo)
        yield


@pytest.fixture
def jpeg_with_gps():
    """Factory of small JPEG bytes whose EXIF carries a GPS position (refs N/S/E/W, D/M/S rationals)."""
    import io

    def dms(value: float) -> tuple[int, int, float]:
        value = abs(value)
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        return degrees, minutes, round(((value - degrees) * 60 - minutes) * 60, 4)

    def make(lat: float, lon: float, taken: str = "2024:05:04 09:30:00", size: tuple[int, int] = (64, 48),
             color: tuple[int, int, int] = (90, 140, 200)) -> bytes:
        exif = Image.Exif()
        exif.get_ifd(0x8769)[0x9003] = taken  # DateTimeOriginal
        gps = exif.get_ifd(0x8825)
        gps.update({1: "N" if lat >= 0 else "S", 2: dms(lat), 3: "E" if lon >= 0 else "W", 4: dms(lon)})
        out = io.BytesIO()
        Image.new("RGB", size, color).save(out, "JPEG", quality=90, exif=exif.tobytes())
        return out.getvalue()

    return make


# --- A small family feed for the app's tests ------------------------------------------------------

#: (id, posted, caption, EXIF date taken, GPS or None): two children, a school, a birthday each, a relative.
APP_FEED_HOME = (51.4545, -2.5879)
APP_FEED_POSTS = (
    ("1", "2024-05-18 18:05", "Happy 7th birthday to our Maya! 🎂 #birthdaygirl", "2024:05:18 17:40:00",
     APP_FEED_HOME),
    ("2", "2024-09-04 08:50", "First day back at Brookfield Primary School for Maya and Theo 🎒",
     "2024:09:04 08:30:00", None),
    ("3", "2024-10-12 19:10", "Theo turns 4 today!! 🦕", "2024:10:12 18:00:00", APP_FEED_HOME),
    ("4", "2024-11-03 13:30", "Sunday roast at Grandma Rose's", "2024:11:03 13:00:00", APP_FEED_HOME),
)


@pytest.fixture
def app_feed(jpeg_with_gps, feed_jpeg, feed_zip):
    """Factory of a plain-format feed ZIP (photos with EXIF dates and GPS, posts.csv) of a made-up family.

    ``extra`` adds posts as (id, posted, caption); their photo carries the first post's position.
    """
    import csv
    import io

    def make(posts=APP_FEED_POSTS, extra=()) -> bytes:
        rows = io.StringIO()
        writer = csv.writer(rows)
        writer.writerow(["id", "date", "caption", "images"])
        files = {}
        for i, (pid, posted, caption, taken, gps) in enumerate(posts):
            name = f"photo{pid}.jpg"
            color = (40 * i % 255, 120, 180)
            files[name] = jpeg_with_gps(*gps, taken=taken, color=color) if gps else feed_jpeg(color, taken)
            writer.writerow([pid, posted, caption, name])
        for pid, posted, caption in extra:
            name = f"photo{pid}.jpg"
            files[name] = jpeg_with_gps(*APP_FEED_HOME, taken=posted.replace("-", ":") + ":00")
            writer.writerow([pid, posted, caption, name])
        files["posts.csv"] = rows.getvalue()
        return feed_zip(files)

    return make


#: A post with a bath picture, added to the app feed for the Fix it tests.
BATH_POST = ("5", "2024-12-01 19:00", "Bath time bubbles with Theo 🛁")


@pytest.fixture
def fixable_result(app_feed):
    """The app feed with a bath picture, audited with the language model only (no photo checks)."""
    from datetime import date

    from kidsafe.pipeline import AuditOptions, audit

    res = audit(app_feed(extra=(BATH_POST,)), as_of=date(2025, 1, 1), options=AuditOptions(False, False, False))
    yield res
    res.close()


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """The app served by `streamlit run app.py` on a free loopback port, with its own HOME; stopped after the module."""
    require_chromium()
    work = tmp_path_factory.mktemp("app")
    with served_app(work / "streamlit.log", home=work) as (url, _proc):
        yield url.rstrip("/")


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium under playwright, shared by a module's browser tests."""
    with chromium() as browser:
        yield browser
