"""Resident memory of this process, sampled in the background, so that each stage's peak can be read."""

from __future__ import annotations

import bisect
import os
import resource
import threading
import time
from types import TracebackType

SAMPLE_SECONDS = 0.01
"""How often the resident set size is read (each read costs a few microseconds)."""

_STATM = "/proc/self/statm"


def rss_mb() -> float:
    """The current resident set size in MB (the peak so far where /proc is missing)."""
    try:
        with open(_STATM, encoding="ascii") as fh:
            pages = int(fh.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return peak_rss_mb()


def peak_rss_mb() -> float:
    """The process's peak resident set size so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class RssSampler:
    """Reads the resident set size every ``SAMPLE_SECONDS`` while in use: ``with RssSampler() as rss: ...``."""

    def __init__(self, interval: float = SAMPLE_SECONDS) -> None:
        """Prepare a sampler; sampling starts on ``__enter__``."""
        self.interval = interval
        self.times: list[float] = []
        self.values: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def __enter__(self) -> RssSampler:
        """Start sampling."""
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        """Stop sampling (one last sample is taken)."""
        self._stop.set()
        self._thread.join()
        self._sample()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def _sample(self) -> None:
        self.times.append(time.perf_counter())
        self.values.append(rss_mb())

    def peak(self, start: float | None = None, end: float | None = None) -> float:
        """The highest sample between ``start`` and ``end`` (``perf_counter`` times; all samples when None)."""
        lo = 0 if start is None else max(0, bisect.bisect_left(self.times, start) - 1)
        hi = len(self.times) if end is None else bisect.bisect_right(self.times, end) + 1
        window = self.values[lo:hi]
        return max(window) if window else 0.0

    @property
    def first(self) -> float:
        """The resident set size when sampling started."""
        return self.values[0] if self.values else 0.0
