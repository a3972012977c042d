"""Photos rebuilt from their pixels alone: upright, in sRGB, saved as a JPEG that carries no metadata.

A photo is decoded at full resolution with ``kidsafe.media.photos.open_image`` (bomb-safe, EXIF
orientation applied, HEIC included), its colours are converted to sRGB when it embeds a colour
profile, and a new image is made from the raw pixel bytes, so nothing of the original file
(EXIF, GPS, XMP, IPTC, ICC profile, comments, maker notes, thumbnails) can ride along.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageCms

from kidsafe.errors import IngestError
from kidsafe.media import photos

log = logging.getLogger(__name__)

FULL_RESOLUTION = 1_000_000
"""``max_side`` that keeps every accepted photo at its own size (the pixel limit still applies)."""

JPEG_QUALITY = 90

METADATA_KEYS: Mapping[str, str] = {
    "exif": "EXIF",
    "xmp": "XMP",
    "XML:com.adobe.xmp": "XMP",
    "icc_profile": "ICC profile",
    "comment": "comment",
    "photoshop": "IPTC/Photoshop",
    "adobe": "Adobe segment",
    "mp": "MPO extra frames",
    "thumbnails": "thumbnails",
    "depth_images": "depth map",
}
"""Pillow ``info`` keys of a decoded photo, and the name of the metadata they hold."""

MARKERS: Mapping[bytes, str] = {
    b"Exif\x00\x00": "EXIF",
    b"http://ns.adobe.com/xap": "XMP",
    b"<x:xmpmeta": "XMP",
    b"ICC_PROFILE": "ICC profile",
    b"Photoshop 3.0": "IPTC/Photoshop",
}
"""Byte strings that only a metadata block puts in an image file."""

PNG_TECHNICAL_KEYS = frozenset({"dpi", "gamma", "transparency", "srgb", "chromaticity", "aspect", "interlace",
                                "bbox", "duration", "loop", "disposal", "blend", "default_image", *METADATA_KEYS})
"""PNG ``info`` keys that describe the pixels; any other key is a text chunk someone wrote."""

MAKER_NOTE_TAG = 0x927C
EXIF_IFD = 0x8769
GPS_IFD = 0x8825


@dataclass(frozen=True, slots=True)
class CleanPhoto:
    """A photo decoded upright at full size, with what its original file carried."""

    image: Image.Image
    source_format: str | None
    metadata: tuple[str, ...]
    rotated: bool


def decode(data: bytes, path: str) -> CleanPhoto:
    """The photo's pixels, upright and in sRGB, in a new image with no metadata; IngestError if unreadable."""
    info = photos.read_photo_info(data, path)
    upright = photos.open_image(data, path, max_side=FULL_RESOLUTION)
    try:
        found = metadata_in(data, path)
        if info.gps is not None:
            found = (*found, "GPS")
        srgb = _to_srgb(upright, _icc_profile(data, path))
        pixels = Image.frombytes("RGB", srgb.size, srgb.tobytes())
    except Exception as exc:  # noqa: BLE001 - any decoder failure is the file's fault
        raise IngestError(f"{path}: cannot be rebuilt from its pixels") from exc
    finally:
        upright.close()
    return CleanPhoto(image=pixels, source_format=info.format, metadata=tuple(dict.fromkeys(found)),
                      rotated=info.orientation not in (None, 1))


def encode_jpeg(image: Image.Image) -> bytes:
    """The image as a baseline JPEG with no EXIF, XMP, ICC profile or comment."""
    bare = Image.frombytes("RGB", image.size, image.convert("RGB").tobytes())
    out = io.BytesIO()
    bare.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def metadata_in(data: bytes, path: str) -> tuple[str, ...]:
    """Names of the metadata an image file carries, read from its headers and bytes."""
    found: list[str] = []
    try:
        with Image.open(io.BytesIO(data)) as im:
            for key, name in METADATA_KEYS.items():
                value = im.info.get(key)
                if value:
                    found.append(name)
            exif = im.getexif()
            if len(exif):
                found.append("EXIF")
                if exif.get_ifd(GPS_IFD):
                    found.append("GPS")
                if exif.get_ifd(EXIF_IFD).get(MAKER_NOTE_TAG):
                    found.append("maker notes")
            if getattr(im, "n_frames", 1) > 1:
                found.append("extra frames")
            if im.format == "PNG" and any(k not in PNG_TECHNICAL_KEYS for k in im.info):
                found.append("PNG text")
    except Exception as exc:  # noqa: BLE001 - a damaged header: the byte scan below still runs
        log.debug("metadata headers unreadable (%s)", type(exc).__name__)
    head = bytes(data[: 1 << 20])
    found += [name for marker, name in MARKERS.items() if marker in head]
    if _has_jpeg_comment(data):
        found.append("comment")
    return tuple(dict.fromkeys(found))


def _has_jpeg_comment(data: bytes) -> bool:
    """True when a JPEG's header segments (before the image data) include a COM segment."""
    return any(marker == 0xFE for marker, _ in jpeg_segments(data))


def jpeg_segments(data: bytes) -> list[tuple[int, int]]:
    """(marker, length) of a JPEG's segments up to the start of the image data; empty if not a JPEG."""
    if not data.startswith(b"\xff\xd8"):
        return []
    out, pos = [], 2
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        out.append((marker, length))
        if marker == 0xDA:  # start of scan: the compressed pixels follow
            break
        pos += 2 + length
    return out


def _icc_profile(data: bytes, path: str) -> bytes | None:
    try:
        with Image.open(io.BytesIO(data)) as im:
            value = im.info.get("icc_profile")
    except Exception:  # noqa: BLE001 - photos.open_image already accepted the file
        return None
    return value if isinstance(value, bytes) and value else None


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """The image converted from its embedded colour profile to sRGB (as is when there is none)."""
    rgb: Any = image.convert("RGB") if image.mode != "RGB" else image
    if not icc:
        return rgb
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(rgb, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
    except Exception as exc:  # noqa: BLE001 - a profile Pillow cannot apply is dropped, not fatal
        log.debug("colour profile not applied (%s)", type(exc).__name__)
        return rgb
    return converted if converted is not None else rgb
