"""The benchmark's report: per-stage figures, side-by-side comparisons and targets, as JSON, text or Markdown."""

from __future__ import annotations

import json
import os
import platform
import sys
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA = "kidsafe.bench/1"

STAGES: tuple[tuple[str, str], ...] = (
    ("reading", "reading the feed and each photo's bytes"),
    ("exif", "EXIF and GPS, read without decoding"),
    ("decode", "one reduced decode per photo, shared by the detectors"),
    ("text_check", "the cheap check for letters (decides where OCR runs)"),
    ("text_decode", "a larger decode, only for photos with small letters"),
    ("ocr", "OCR of the regions the check found"),
    ("faces", "face detection"),
    ("nudity", "nudity score"),
    ("captions", "spaCy in batches: captions while the photos are read, then text found in photos"),
    ("aggregation", "views and the engine's dossier"),
)
"""Every stage the report lists, in pipeline order, with what it covers."""


@dataclass(frozen=True, slots=True)
class Stage:
    """One pipeline stage of the end-to-end run: time summed over photos and threads, and peak memory."""

    name: str
    what: str
    wall_s: float
    cpu_s: float
    count: int
    peak_rss_mb: float | None

    @property
    def ms_per_item(self) -> float | None:
        """CPU milliseconds per item (photo, region or batch) of this stage."""
        return self.cpu_s * 1000 / self.count if self.count else None


@dataclass(frozen=True, slots=True)
class Comparison:
    """kidsafe and a baseline on the same inputs, same machine, same run: medians over ``runs``."""

    name: str
    kidsafe: str  # what was timed on kidsafe's side
    baseline: str  # what was timed on the other side
    items: int
    runs: int
    kidsafe_s: float | None  # median wall seconds
    baseline_s: float | None
    kidsafe_cpu_s: float | None = None
    baseline_cpu_s: float | None = None
    note: str = ""
    found: dict[str, Any] = field(default_factory=dict)  # what each side found, to show the work was the same

    @property
    def speedup(self) -> float | None:
        """Baseline time over kidsafe's: above 1, kidsafe is faster."""
        if not self.kidsafe_s or self.baseline_s is None:
            return None
        return self.baseline_s / self.kidsafe_s

    @property
    def cpu_speedup(self) -> float | None:
        """The same by CPU time: steadier than wall time when other work shares the cores."""
        if not self.kidsafe_cpu_s or self.baseline_cpu_s is None:
            return None
        return self.baseline_cpu_s / self.kidsafe_cpu_s


@dataclass(frozen=True, slots=True)
class Target:
    """One of the issue's targets: the goal, what was measured, whether it is met (None: not measured)."""

    name: str
    goal: str
    measured: str
    met: bool | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class BenchReport:
    """Everything one benchmark run measured."""

    machine: dict[str, Any]
    feed: dict[str, Any]
    options: dict[str, Any]
    end_to_end: dict[str, Any]
    stages: tuple[Stage, ...]
    comparisons: tuple[Comparison, ...]
    targets: tuple[Target, ...]

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-able data (the ``kidsafe.bench/1`` layout)."""
        stages = [{**asdict(s), "ms_per_item": _round(s.ms_per_item)} for s in self.stages]
        comparisons = [{**asdict(c), "speedup": _round(c.speedup), "cpu_speedup": _round(c.cpu_speedup)}
                       for c in self.comparisons]
        return {"schema": SCHEMA, "machine": self.machine, "feed": self.feed, "options": self.options,
                "end_to_end": self.end_to_end, "stages": stages, "comparisons": comparisons,
                "targets": [asdict(t) for t in self.targets]}

    def to_json(self) -> str:
        """The report as indented JSON."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False, default=str)

    def to_text(self, markdown: bool = False) -> str:
        """The report for people: machine, end to end, stages, comparisons, targets."""
        m, e = self.machine, self.end_to_end
        out = [f"{'# ' if markdown else ''}kidsafe benchmark: {self.feed['posts']} posts, {self.feed['photos']} photos",
               ""]
        out += [f"Machine: {m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB, Python {m['python']}; "
                f"load average {m['load_before']} before, {m['load_after']} after (other work shares these cores).",
                f"Feed: {self.feed['posts']} posts, {self.feed['photos']} JPEG photos "
                f"{self.feed['photo_size']}, {self.feed['text_photos']} showing text; "
                f"written in {self.feed['generated_s']:.0f} s (not counted).",
                f"Checks: {', '.join(k for k in ('ocr', 'faces', 'nudity') if self.options.get(k)) or 'none'}; "
                f"{self.options['workers']} worker threads; runs per comparison: {self.options['runs']}.", ""]
        out += [f"{'## ' if markdown else ''}End to end", "",
                f"{e['wall_s']:.1f} s wall, {e['cpu_s']:.1f} s CPU: {e['posts_per_s']:.1f} posts/s; "
                f"peak RSS {e['peak_rss_mb']:.0f} MB (at start {e['start_rss_mb']:.0f} MB).",
                f"OCR read the drawn text of {e['ocr_read']} of {e['ocr_text_photos']} text photos." if
                e.get("ocr_text_photos") else "", ""]
        out += _table(markdown, ("stage", "wall s", "CPU s", "items", "CPU ms/item", "peak RSS MB", "covers"),
                      [(s.name, f"{s.wall_s:.2f}", f"{s.cpu_s:.2f}", str(s.count), _fmt(s.ms_per_item, ".1f"),
                        _fmt(s.peak_rss_mb, ".0f"), s.what) for s in self.stages])
        out += ["", "Stage times are summed over photos and both threads; on a busy machine wall exceeds CPU.", ""]
        out += [f"{'## ' if markdown else ''}Side by side (medians, same inputs, same run)", ""]
        out += _table(markdown, ("comparison", "items", "kidsafe s", "baseline s", "speedup", "by CPU", "kidsafe",
                                 "baseline"),
                      [(c.name, str(c.items), _fmt(c.kidsafe_s, ".2f"), _fmt(c.baseline_s, ".2f"),
                        _fmt(c.speedup, ".2f", "x"), _fmt(c.cpu_speedup, ".2f", "x"), c.kidsafe, c.baseline)
                       for c in self.comparisons])
        out += ["", "speedup: the baseline's median wall time over kidsafe's (above 1, kidsafe is faster); "
                "by CPU: the same with CPU time."]
        notes = [f"- {c.name}: {c.note}" for c in self.comparisons if c.note]
        out += ["", *notes, ""] if notes else [""]
        out += [f"{'## ' if markdown else ''}Targets", ""]
        out += _table(markdown, ("target", "goal", "measured", "met"),
                      [(t.name, t.goal, t.measured, {True: "yes", False: "NO", None: "not measured"}[t.met])
                       for t in self.targets])
        out += ["", *[f"- {t.name}: {t.note}" for t in self.targets if t.note]]
        return "\n".join(out).rstrip() + "\n"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _fmt(value: float | None, spec: str, suffix: str = "") -> str:
    return "-" if value is None else f"{value:{spec}}{suffix}"


def _table(markdown: bool, head: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    if markdown:
        return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head),
                *["| " + " | ".join(row) + " |" for row in rows]]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(head)]
    widths[-1] = len(head[-1])  # the last column is free text
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    return [line.format(*head).rstrip(), *[line.format(*row).rstrip() for row in rows]]


def machine_info() -> dict[str, Any]:
    """Cores, memory, CPU model, Python and the load average now."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cores": cores, "memory_gb": _memory_gb(), "cpu": _cpu_model(), "python": platform.python_version(),
            "platform": f"{platform.system()} {platform.machine()}", "load_before": load_average(),
            "executable": sys.executable}


def load_average() -> str:
    """The 1-minute load average (how busy the machine is), as text."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "unknown"


def _memory_gb() -> float | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    try:
        return round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (OSError, ValueError):
        return None


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"
