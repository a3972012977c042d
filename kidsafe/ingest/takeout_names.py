"""How Google Takeout names things: sidecars and their variants, edited copies, year and album folders."""

from __future__ import annotations

import re

from kidsafe.ingest.files import base_name

SUPPLEMENTAL = "supplemental-metadata"
DUPLICATE_RE = re.compile(r"\(\d+\)$")
#: The title Takeout gives a year folder ("Photos from 2024", "Fotos von 2024", "Zdjęcia z 2024"): not the owner's.
YEAR_TITLE_RE = re.compile(r"(?:\w+\s+){0,2}\w+\s+(?:19|20)\d\d|(?:19|20)\d\d")
# "-edited" in the languages Takeout writes it in; an edited copy shares its original's sidecar.
EDITED_SUFFIXES = (
    "-edited", "-bearbeitet", "-modifié", "-modifie", "-editado", "-modificato", "-bewerkt",
    "-redigerad", "-redigert", "-muokattu", "-edytowane", "-upraveno", "-szerkesztett", "-編集済み",
)
#: Folders Google Photos makes itself (in English and the languages seen): their names are not the owner's words.
SPECIAL_FOLDERS = frozenset({
    "archive", "trash", "bin", "failed videos", "locked folder", "archiv", "papierkorb", "corbeille", "archives",
    "papelera", "archivo", "cestino", "archivio", "prullenbak", "kosz", "archiwum", "lixeira", "arquivo",
})


def split_name(name: str) -> tuple[str, str]:
    """``(stem, extension)`` of a base name; the extension keeps its dot."""
    stem, dot, ext = name.rpartition(".")
    return (stem, dot + ext) if stem else (name, "")


def with_duplicate(name: str, duplicate: str) -> str:
    """``IMG_1.jpg`` with ``(1)`` gives ``IMG_1(1).jpg``, the way Takeout numbers clashing names."""
    stem, ext = split_name(name)
    return f"{stem}{duplicate}{ext}"


def sidecar_target(json_name: str) -> tuple[str, str] | None:
    """The media name a sidecar names (maybe truncated) and its duplicate mark, or None if not a sidecar.

    ``IMG_1.jpg.json``, ``IMG_1.jpg.supplemental-metadata.json``, ``IMG_1.jpg.suppl.json`` and
    ``IMG_1.jpg.supplemental-metadata(1).json`` (-> ``IMG_1(1).jpg``) are all recognised.
    """
    base = base_name(json_name)
    if not base.lower().endswith(".json"):
        return None
    stem = base[:-5]
    mark = DUPLICATE_RE.search(stem)
    duplicate = mark.group() if mark else ""
    stem = stem[: len(stem) - len(duplicate)]
    head, _, tail = stem.rpartition(".")
    if head and tail and SUPPLEMENTAL.startswith(tail.lower()):
        stem = head
    return (stem, duplicate) if stem else None


def unedited(stem: str) -> str | None:
    """The original's stem of an edited copy (``IMG_1-edited(1)`` -> ``IMG_1(1)``), or None if not an edit."""
    mark = DUPLICATE_RE.search(stem)
    duplicate = mark.group() if mark else ""
    bare, lower = stem[: len(stem) - len(duplicate)], stem[: len(stem) - len(duplicate)].lower()
    found = next((bare[: -len(s)] for s in EDITED_SUFFIXES if lower.endswith(s) and len(bare) > len(s)), None)
    return found + duplicate if found is not None else None


def is_year_title(title: str) -> bool:
    """True for the name Takeout gives a year folder, in any language ("Photos from 2024", "Zdjęcia z 2021")."""
    return bool(YEAR_TITLE_RE.fullmatch(title.strip()))


def album_folder_name(folder: str, folders: set[str]) -> str:
    """The name of an album folder that has no ``metadata.json`` (the owner chose it), else ''.

    A folder is an album when it sits in the Google Photos folder (named "Google …" in every language, or
    beside a year folder) and is neither a year folder nor one Google Photos makes (Archive, Trash).
    """
    parent, _, name = folder.rpartition("/")
    if not name or is_year_title(name) or name.casefold() in SPECIAL_FOLDERS:
        return ""
    in_photos = "google" in base_name(parent).casefold() if parent else False
    beside_year = any(f.rpartition("/")[0] == parent and is_year_title(f.rpartition("/")[2]) for f in folders)
    return name if in_photos or beside_year else ""
