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
    if max_side < 1:
        raise ValueError(f"max_side must be positive, got {max_side}")
    im = _open(data, path)
    try:
        if im.format in ("JPEG", "MPO"):
            im.draft("RGB", (max_side, max_side))
        decoded = _reduced(im, max_side)
        ImageOps.exif_transpose(decoded, in_place=True)  # turns it upright (decodes, if not yet)
        small = shrink(_to_rgb(decoded), max_side)
        return small if small is not im else im.copy()  # im is closed below
    except IngestError:
        raise
    except Exception as exc:  # noqa: BLE001 - any decoder failure is the file's fault
        raise _unreadable(path, exc) from exc
    finally:
        im.close()


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
        raise IngestError(f"{path}: not an image (unrecognised or damaged header)") from exc
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


def decode_pixels(data: bytes, path: str, max_side: int, info: PhotoInfo | None = None) -> np.ndarray:
    """The detectors' one reduced decode: like ``open_image`` (upright, RGB, no larger than ``max_side``), as
    an array (height, width, 3) of uint8.

    A whole JPEG is decoded by OpenCV straight into an array at the same reduced scale as Pillow's draft mode
    (the same pixels, and EXIF orientation applied the same way), which spares the copies Pillow makes to hand
    its pixels over: about a millisecond a photo, one in six of the image stage before its models. Anything
    else (other formats, CMYK, a file cut short, which OpenCV would fill with grey instead of refusing) goes
    through ``open_image``. ``info``: what ``read_photo_info`` read of the same bytes, which spares reading the
    header again. Raises ``IngestError`` (``UnsafeInputError`` when too large).
    """
    if max_side < 1:
        raise ValueError(f"max_side must be positive, got {max_side}")
    if info is not None and info.format == "JPEG" and info.width and info.height:
        size, components = (info.width, info.height), _jpeg_components(data)
        if size[0] * size[1] > MAX_IMAGE_PIXELS:
            raise _too_large(path, size)
    else:
        im = _open(data, path)  # the header check and the bomb check, whatever decodes the pixels
        size, components = im.size, {"RGB": 3, "L": 1}.get(im.mode) if im.format in ("JPEG", "MPO") else None
        im.close()
    scale = _draft_scale(size, max_side)
    # A photo still twice ``max_side`` after the reduced decode (a panorama) is box-reduced by ``_reduced``.
    if components in (1, 3) and _ends_whole(data) and max(math.ceil(side / scale) for side in size) < 2 * max_side:
        cv2 = opencv()
        reads = {1: cv2.IMREAD_COLOR, 2: cv2.IMREAD_REDUCED_COLOR_2, 4: cv2.IMREAD_REDUCED_COLOR_4,
                 8: cv2.IMREAD_REDUCED_COLOR_8}  # all of them turn the photo upright by its EXIF orientation
        pixels = cv2.imdecode(np.frombuffer(data, np.uint8), reads[scale])
        if pixels is not None and pixels.ndim == 3:
            height, width = pixels.shape[:2]
            if max(width, height) > max_side:
                factor = max_side / max(width, height)
                pixels = resample(pixels, (max(1, round(width * factor)), max(1, round(height * factor))), factor)
            return cv2.cvtColor(pixels, cv2.COLOR_BGR2RGB)
    with open_image(data, path, max_side=max_side) as image:
        return np.asarray(image)


JPEG_END = b"\xff\xd9"


def rgb_pixels(image: Image.Image | np.ndarray) -> np.ndarray:
    """An image's RGB pixels as an array (height, width, 3): an array (from ``decode_pixels``) as it is."""
    if isinstance(image, np.ndarray):
        return image
    return np.asarray(image if image.mode == "RGB" else image.convert("RGB"))


def _draft_scale(size: tuple[int, int], max_side: int) -> int:
    """The scale Pillow's ``draft(mode, (max_side, max_side))`` decodes a JPEG of ``size`` at: the largest of 8, 4,
    2 and 1 that leaves both sides at least ``max_side``."""
    fits = min(size[0] // max_side, size[1] // max_side)
    return next(scale for scale in (8, 4, 2, 1) if scale <= max(fits, 1))


_START_OF_FRAME = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}  # SOF0-15 but DHT, JPG and DAC
_STANDALONE = frozenset(range(0xD0, 0xDA)) | {0x01}  # RSTn, SOI, EOI, TEM: no length follows


def _jpeg_components(data: bytes) -> int | None:
    """How many colour components a JPEG's frame header declares (1 grey, 3 colour, 4 CMYK), or None."""
    at = 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in _STANDALONE:
            at += 2
            continue
        if marker in _START_OF_FRAME:
            return data[at + 9] if at + 9 < len(data) else None
        at += 2 + int.from_bytes(data[at + 2:at + 4], "big")
    return None


def _ends_whole(data: bytes) -> bool:
    """Whether a JPEG ends with its end-of-image marker (some writers pad a few bytes after it)."""
    return JPEG_END in data[-16:]


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
        return IngestError(f"{path}: truncated image")
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
    width, height = image.size
    if max(width, height) <= max_side:
        return image
    scale = max_side / max(width, height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return Image.fromarray(resample(np.asarray(image), size, scale))


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
