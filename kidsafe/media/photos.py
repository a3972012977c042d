"""Photo metadata read without decoding pixels, and bomb-safe decoding at reduced size.

``read_photo_info`` reads what a stranger reads from a posted file (EXIF date taken, GPS,
camera, size) from the container's headers only. ``open_image`` decodes a photo once, at
reduced size, upright and in RGB, for the optional image checks. Both refuse anything
unreadable or oversized with an ``IngestError`` that names the file, and never raise
anything else, whatever the bytes.
"""

from __future__ import annotations

import functools
import io
import logging
import math
import re
import struct
import warnings
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar

import numpy as np
import pillow_heif
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError
from PIL.ExifTags import GPS, IFD, Base

from kidsafe.errors import IngestError, UnsafeInputError
from kidsafe.models import GeoPoint, PhotoInfo

log = logging.getLogger(__name__)
T = TypeVar("T")
#: Pillow's TIFF/EXIF parser logs every tag's raw value at DEBUG (GPS position, owner's name, captions);
#: kidsafe never lets a photo's metadata reach a log, whatever level the host application logs at.
logging.getLogger("PIL.TiffImagePlugin").setLevel(logging.INFO)

MAX_IMAGE_PIXELS: int = 64_000_000
"""Largest picture accepted (width x height); Pillow's own bomb check uses it too."""

Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
warnings.filterwarnings("error", category=Image.DecompressionBombWarning)
# Damaged EXIF makes Pillow warn on stderr ("Corrupt EXIF data"); the audit reports the file itself.
warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL(\..*)?$")
pillow_heif.register_heif_opener()

IMAGE_SUFFIXES: frozenset[str] = frozenset({".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif"})

ACCEPTED_FORMATS: tuple[str, ...] = ("JPEG", "MPO", "PNG", "WEBP", "HEIF", "AVIF", "GIF")
"""Pillow formats tried, in order. Others (EPS, PSD, TIFF, …) are refused: not photos of posts."""

FORMAT_NAMES: Mapping[str, str] = {"MPO": "JPEG"}
"""Pillow format names reported under a plainer name (an MPO file is a JPEG with extra frames)."""

DATE_TAGS: tuple[tuple[int | None, int], ...] = (
    (IFD.Exif, Base.DateTimeOriginal),
    (None, Base.DateTimeOriginal),
    (IFD.Exif, Base.DateTimeDigitized),
    (None, Base.DateTime),
)
"""Where the date taken is looked for, best first: (sub-IFD or None for IFD0, tag)."""

DATE_RE = re.compile(
    r"(?P<y>\d{4})[:\-/.](?P<mo>\d{1,2})[:\-/.](?P<d>\d{1,2})"
    r"(?:[ T]+(?P<h>\d{1,2}):(?P<mi>\d{1,2})(?::(?P<s>\d{1,2}))?)?"
)
"""EXIF's ``YYYY:MM:DD HH:MM:SS`` and the variants real software writes."""

ZERO_GPS_DEGREES = 1e-6
"""A fix this close to 0,0 is an unset GPS block, not a place."""

MAX_ARC_COMPONENT = 60.0
"""Minutes and seconds above this are garbage (60 itself appears through rounding)."""

BACKGROUND_RGB = (255, 255, 255)
"""Transparent pixels are flattened onto white."""

_NEGATIVE_REFS = frozenset({"S", "W"})
_LAT_REFS = frozenset({"N", "S"})
_LON_REFS = frozenset({"E", "W"})
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def read_photo_info(data: bytes, path: str) -> PhotoInfo:
    """Read a photo's size, date taken, GPS, camera and orientation, without decoding pixels.

    ``taken_at`` is naive local time, as cameras write it. An EXIF block that cannot be
    parsed leaves those fields empty; a file that is not a readable image raises
    ``IngestError`` (``UnsafeInputError`` when it is too large).
    """
    im = _open(data, path)
    try:
        exif = _exif_of(im, data)
        width, height = im.size
        return PhotoInfo(
            path=path,
            width=width,
            height=height,
            format=FORMAT_NAMES.get(im.format or "", im.format),
            taken_at=_taken_at(exif),
            gps=_guarded(lambda: gps_from_ifd(exif.get_ifd(IFD.GPSInfo))),
            camera=_guarded(lambda: _camera(exif)),
            orientation=_orientation(im, exif),
        )
    except IngestError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure is the file's fault
        raise _unreadable(path, exc) from exc
    finally:
        im.close()


def open_image(data: bytes, path: str, max_side: int = 1280) -> Image.Image:
    """Decode a photo once, no larger than ``max_side`` on either side, upright, in RGB.

    JPEGs are decoded at reduced scale (``draft``), so a large photo costs a fraction of a
    full decode. Raises ``IngestError`` (``UnsafeInputError`` when too large).
    """
    return _decode(data, path, max_side, lambda upright: shrink(upright, max_side))


def decode_pixels(data: bytes, path: str, max_side: int) -> np.ndarray:
    """The detectors' one reduced decode: ``open_image``'s pixels as an array (height, width, 3) of uint8.

    The face model reads an array: handing it the array the shrink makes, instead of a picture it turns back into
    one, spares Pillow's copies (``np.asarray`` of a picture packs its pixels through ``tobytes``). Pillow still decodes, so a damaged photo is refused as ``open_image`` refuses it (OpenCV's
    decoder, tried, fills some damage in without a word). Raises ``IngestError``.
    """
    return _decode(data, path, max_side, lambda upright: shrunk_pixels(upright, max_side))


def _decode(data: bytes, path: str, max_side: int, finish: Callable[[Image.Image], T]) -> T:
    """Decode at reduced size, turn upright and to RGB, then ``finish`` (which shrinks to ``max_side``)."""
    if max_side < 1:
        raise ValueError(f"max_side must be positive, got {max_side}")
    im = _open(data, path)
    try:
        if im.format in ("JPEG", "MPO"):
            im.draft("RGB", (max_side, max_side))
        decoded = _reduced(im, max_side)
        ImageOps.exif_transpose(decoded, in_place=True)  # turns it upright (decodes, if not yet)
        small = finish(_to_rgb(decoded))
        return small if small is not im else im.copy()  # im is closed below
    except IngestError:
        raise
    except Exception as exc:  # noqa: BLE001 - any decoder failure is the file's fault
        raise _unreadable(path, exc) from exc
    finally:
        im.close()


def rgb_pixels(image: Image.Image | np.ndarray) -> np.ndarray:
    """An image's RGB pixels as an array (height, width, 3): an array (from ``decode_pixels``) as it is."""
    if isinstance(image, np.ndarray):
        return image
    return np.asarray(image if image.mode == "RGB" else image.convert("RGB"))


def gps_from_ifd(gps: Mapping[int, Any]) -> GeoPoint | None:
    """The GPS fix of an EXIF GPS IFD, or None when it is missing, invalid or 0,0.

    Refs may be str or bytes, any case; a missing ref leaves the value's own sign. A
    negative value stays negative whatever its ref (a writer that stores signed degrees
    with a W or S ref means west or south). Values may be IFDRational, (num, den) pairs or
    numbers, as degrees, degrees+minutes or degrees+minutes+seconds. As in exiftool, a zero
    denominator anywhere makes the value invalid.
    """
    if not isinstance(gps, Mapping):
        return None
    lat = _signed_degrees(gps.get(GPS.GPSLatitude), gps.get(GPS.GPSLatitudeRef), _LAT_REFS)
    lon = _signed_degrees(gps.get(GPS.GPSLongitude), gps.get(GPS.GPSLongitudeRef), _LON_REFS)
    if lat is None or lon is None:
        return None
    if abs(lat) > 90 or abs(lon) > 180:
        return None
    if abs(lat) < ZERO_GPS_DEGREES and abs(lon) < ZERO_GPS_DEGREES:
        return None
    return GeoPoint(lat, lon)


def _signed_degrees(value: Any, ref: Any, valid_refs: frozenset[str]) -> float | None:
    """Signed decimal degrees from an EXIF GPS value and its ref, or None."""
    parts = _arc_parts(value)
    if parts is None:
        return None
    degrees, minutes, seconds = parts
    if not 0 <= abs(minutes) <= MAX_ARC_COMPONENT or not 0 <= abs(seconds) <= MAX_ARC_COMPONENT:
        return None
    magnitude = abs(degrees) + abs(minutes) / 60 + abs(seconds) / 3600
    negative = min(degrees, minutes, seconds) < 0 or _ref_letter(ref, valid_refs) in _NEGATIVE_REFS
    return -magnitude if negative else magnitude


def _arc_parts(value: Any) -> tuple[float, float, float] | None:
    """(degrees, minutes, seconds) from the forms cameras write, or None."""
    if value is None:
        return None
    if isinstance(value, (str, bytes)):
        text = value.decode("latin-1") if isinstance(value, bytes) else value
        items: list[Any] = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", text)]
    elif _is_int_pair(value):
        items = [value]  # a lone (num, den) rational
    elif isinstance(value, (tuple, list)):
        items = list(value)
    else:
        items = [value]
    if not 1 <= len(items) <= 3:
        return None
    numbers = [_number(item) for item in items]
    if any(n is None for n in numbers):
        return None
    padded = [n for n in numbers if n is not None] + [0.0] * (3 - len(numbers))
    return padded[0], padded[1], padded[2]


def _is_int_pair(value: Any) -> bool:
    """A 2-sequence of ints is one (num, den) rational, as older EXIF libraries give it."""
    return (
        isinstance(value, (tuple, list))
        and len(value) == 2
        and all(isinstance(x, int) and not isinstance(x, bool) for x in value)
    )


def _number(item: Any) -> float | None:
    """A finite float from an IFDRational, a (num, den) pair or a number; None if invalid."""
    if isinstance(item, (tuple, list)):
        if len(item) != 2:
            return None
        num, den = (_number(x) for x in item)
        if num is None or den is None or den == 0:
            return None
        result = num / den
    elif hasattr(item, "denominator") and hasattr(item, "numerator") and not isinstance(item, int):
        try:
            num, den = float(item.numerator), float(item.denominator)
        except (TypeError, ValueError, OverflowError):
            return None
        if den == 0:
            return None
        result = num / den
    elif isinstance(item, (int, float)) and not isinstance(item, bool):
        result = float(item)
    else:
        return None
    return result if math.isfinite(result) else None


def _ref_letter(ref: Any, valid: frozenset[str]) -> str | None:
    """'N', 'S', 'E' or 'W' from a ref as written (str or bytes, any case, NUL-padded)."""
    if isinstance(ref, bytes):
        ref = ref.decode("latin-1")
    if not isinstance(ref, str):
        return None
    letter = ref.strip(" \x00\t\r\n")[:1].upper()
    return letter if letter in valid else None


def _open(data: bytes, path: str) -> ImageFile.ImageFile:
    """Identify the image and check its declared size; nothing is decoded."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise IngestError(f"{path}: not an image (no bytes)")
    if len(data) == 0:
        raise IngestError(f"{path}: not an image (empty file)")
    try:
        im = Image.open(io.BytesIO(data), formats=_formats())
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_large(path, _declared_size(data)) from exc
    except UnidentifiedImageError as exc:
        raise IngestError(f"{path}: not an image kidsafe can open (damaged, or another kind of file)") from exc
    except Exception as exc:  # noqa: BLE001 - any parser failure is the file's fault
        raise _unreadable(path, exc) from exc
    width, height = im.size
    if width < 1 or height < 1:
        im.close()
        raise IngestError(f"{path}: not an image (size {width}x{height})")
    if width * height > MAX_IMAGE_PIXELS:
        im.close()
        raise _too_large(path, (width, height))
    return im


REDUCIBLE_MODES = frozenset({"RGB", "RGBA", "RGBX", "L", "LA", "I", "F", "I;16"})
"""Modes Pillow's ``Image.reduce`` handles; others (palettes, CMYK) are converted at full size."""


def _reduced(im: ImageFile.ImageFile, max_side: int) -> Image.Image:
    """The decoded image, box-reduced by a whole factor when it is at least twice ``max_side``.

    Formats with no reduced decode (PNG, WebP, HEIF) come out at full size: reducing them before
    turning or converting them keeps the full-size pixels in memory once, not three times (an
    8000x8000 PNG is 256 MB decoded). The EXIF orientation stays in ``info`` for exif_transpose.
    """
    factor = max(im.size) // max_side
    if factor < 2 or im.mode not in REDUCIBLE_MODES:
        return im
    im.load()
    return im.reduce(factor)


def _formats() -> tuple[str, ...]:
    """The accepted formats that this Pillow build can open."""
    if not all(f in Image.OPEN for f in ACCEPTED_FORMATS):
        Image.init()
    return tuple(f for f in ACCEPTED_FORMATS if f in Image.OPEN)


def _declared_size(data: bytes) -> tuple[int, int] | None:
    """The size an image's header declares, read without Pillow's bomb check (for messages)."""
    prefix = data[:16]
    for name in _formats():
        factory, accept = Image.OPEN[name]
        try:
            accepted = accept(prefix) if accept is not None else True
            if not accepted or isinstance(accepted, str):
                continue
            with factory(io.BytesIO(data), "") as im:
                return im.size
        except Exception:  # noqa: BLE001, S112 - only for the message; try the next format
            continue
    return None


def _too_large(path: str, size: tuple[int, int] | None) -> UnsafeInputError:
    shown = f"{size[0]}x{size[1]} pixels" if size else "more pixels than allowed"
    return UnsafeInputError(f"{path}: image too large: {shown} (limit {MAX_IMAGE_PIXELS:,} pixels)")


def _unreadable(path: str, exc: BaseException) -> IngestError:
    """The IngestError for a failure inside Pillow or a codec."""
    if isinstance(exc, (Image.DecompressionBombError, Image.DecompressionBombWarning)):
        return _too_large(path, None)
    detail = str(exc).strip() or type(exc).__name__
    if isinstance(exc, EOFError) or "truncated" in detail.lower():
        return IngestError(f"{path}: the picture is cut short (damaged), so what it shows was not checked")
    if isinstance(exc, MemoryError):
        return UnsafeInputError(f"{path}: image too large to decode")
    return IngestError(f"{path}: not an image or damaged ({detail[:120]})")


def _guarded(read: Callable[[], T]) -> T | None:
    """The result of one EXIF read, or None when that part of the EXIF is damaged."""
    try:
        return read()
    except Exception as exc:  # noqa: BLE001 - a damaged tag only loses that tag
        log.debug("EXIF field unreadable (%s)", type(exc).__name__)
        return None


def _exif_of(im: ImageFile.ImageFile, data: bytes) -> Image.Exif:
    """The image's EXIF, read from headers only; empty when absent or unreadable."""
    try:
        if im.format == "PNG" and "exif" not in im.info:
            # Pillow's PNG getexif() decodes the pixels to reach a trailing eXIf chunk.
            exif = Image.Exif()
            chunk = _png_exif_chunk(data)
            if chunk:
                exif.load(chunk)
            return exif
        return im.getexif()
    except Exception as exc:  # noqa: BLE001 - damaged EXIF: the photo is still a photo
        log.debug("EXIF block unreadable (%s)", type(exc).__name__)
        return Image.Exif()


def _png_exif_chunk(data: bytes) -> bytes | None:
    """The payload of a PNG's eXIf chunk, found by walking chunk headers (no inflating)."""
    if not data.startswith(_PNG_SIGNATURE):
        return None
    pos = len(_PNG_SIGNATURE)
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        start, end = pos + 8, pos + 8 + length
        if end > len(data):
            return None
        if kind == b"eXIf":
            return bytes(data[start:end])
        if kind == b"IEND":
            return None
        pos = end + 4  # skip the CRC
    return None


def _taken_at(exif: Image.Exif) -> datetime | None:
    """The first parseable date of ``DATE_TAGS``: naive local time."""
    for ifd, tag in DATE_TAGS:
        value = _guarded(lambda ifd=ifd, tag=tag: (exif.get_ifd(ifd) if ifd else exif).get(tag))
        when = parse_exif_datetime(value)
        if when is not None:
            return when
    return None


def parse_exif_datetime(value: Any) -> datetime | None:
    """A naive datetime from an EXIF date string (``2011:01:13 14:33:39`` and variants)."""
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    if not isinstance(value, str):
        return None
    match = DATE_RE.search(value.strip("\x00 "))
    if not match:
        return None
    fields = [int(match[g]) if match[g] else 0 for g in ("y", "mo", "d", "h", "mi", "s")]
    try:
        return datetime(*fields)
    except ValueError:
        return None


def _camera(exif: Image.Exif) -> str | None:
    """'Make Model', without the make repeated when the model already names it."""
    make, model = (_clean_text(exif.get(tag)) for tag in (Base.Make, Base.Model))
    if make and model:
        if model.lower().startswith(make.split()[0].lower()):
            return model
        return f"{make} {model}"
    return model or make or None


def _clean_text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    if not isinstance(value, str):
        return ""
    return " ".join(value.replace("\x00", " ").split())


def _orientation(im: ImageFile.ImageFile, exif: Image.Exif) -> int | None:
    """The EXIF orientation as stored (HEIF decoders apply it and keep the original aside)."""
    value = im.info.get("original_orientation") or _guarded(lambda: exif.get(Base.Orientation))
    return value if isinstance(value, int) and 1 <= value <= 8 else None


LINEAR_DOWN_TO = 0.5
"""Reductions to at least this scale are resampled bilinearly, larger ones by area averaging."""


def shrink(image: Image.Image, max_side: int) -> Image.Image:
    """An RGB ``image`` scaled down to fit ``max_side`` on both sides (as ``Image.thumbnail`` would),
    or ``image`` itself when it fits.

    OpenCV resamples at a fraction of Pillow's CPU, which matters when every photo of a feed is
    reduced once: bilinear down to half size (each new pixel still draws on every old one; after a
    JPEG's reduced decode that is the usual case), area averaging below it, where bilinear would alias.
    """
    if max(image.size) <= max_side:
        return image
    return Image.fromarray(shrunk_pixels(image, max_side))


def shrunk_pixels(image: Image.Image, max_side: int) -> np.ndarray:
    """``shrink``'s pixels as an array (height, width, 3), without turning them back into a picture."""
    width, height = image.size
    pixels = np.asarray(image)
    if max(width, height) <= max_side:
        return pixels
    scale = max_side / max(width, height)
    return resample(pixels, (max(1, round(width * scale)), max(1, round(height * scale))), scale)


def resample(pixels: Any, size: tuple[int, int], scale: float) -> Any:
    """An image array resized to ``size`` (width, height) by ``scale`` with OpenCV: bilinear when
    enlarging or reducing to at least ``LINEAR_DOWN_TO``, area averaging below it."""
    cv2 = opencv()
    method = cv2.INTER_LINEAR if scale >= LINEAR_DOWN_TO else cv2.INTER_AREA
    return cv2.resize(pixels, size, interpolation=method)


@functools.cache
def opencv() -> Any:
    """OpenCV, set to one thread: the audit runs its own worker threads, which OpenCV's own pool
    would only compete with (and hide CPU time from the per-stage figures)."""
    import cv2

    cv2.setNumThreads(1)
    return cv2


def _to_rgb(im: Image.Image) -> Image.Image:
    """RGB, with any transparency flattened onto ``BACKGROUND_RGB``."""
    if im.mode == "RGB":
        return im
    has_alpha = im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in im.info
    if has_alpha:
        rgba = im.convert("RGBA")
        flat = Image.new("RGB", rgba.size, BACKGROUND_RGB)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return im.convert("RGB")
