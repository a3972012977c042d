"""How safe the safe share's copy is on feeds with a truth file: which of the truth's words survive in it.

A corpus voice becomes a real input the share reads: a folder in kidsafe's plain format
(posts.csv of id, date, caption, images, and one small plain photo per post, since each corpus
post stands for a photo post). The plain format has no place for comments or tagged people, so
those are left out of the input: only captions are measured.

The copy's every text (file names, posts.csv, report.json, report.md) is searched for the truth's
words: first tier the children's names and aliases, schools and towns; second tier pets, parents,
the surname and named relatives. ``python -m kidsafe.learn.share_audit [test|dev|train|VOICE-ID ...]`` prints
one line per voice and the totals (a voice id measures that voice alone; a test voice only with its split).
"""

from __future__ import annotations

import csv
import json
import re
import sys
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from functools import cache
from datetime import date
from pathlib import Path

from PIL import Image

from kidsafe.learn.corpus import CORPUS_DIR, SPLITS, Voice, load_split, load_voice, splits, voice_dirs

GENERIC = {"school", "primary", "elementary", "infant", "infants", "junior", "academy", "nursery", "preschool",
           "kindergarten", "college", "high", "middle", "the", "of", "saint", "and", "church", "england", "c", "e",
           "daycare", "creche", "montessori", "garderie", "cpe", "mdo", "vidyalaya", "ecole", "ysgol", "cylch",
           "meithrin", "gyfun", "gymraeg", "boys", "girls"}
"""Words of a school's name that say nothing on their own (in several languages: "garderie", "vidyalaya")."""
COMMON_RANK = 5000
"""A word of a school's name this common in English ("Woods", "Little", "Day") gives nothing away alone."""
SECOND_TIER_KINDS = ("pet", "parent_name", "surname", "relative")
FILE_NAMES = "file names"


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _values(fact: dict) -> list[str]:
    return [str(fact["value"]), *(a for a in fact.get("also", []) if isinstance(a, str))]


def truth_words(truth: dict) -> set[str]:
    """First tier: the children's names and aliases, the schools (and each telling word of them), the towns.

    An alias the truth writes in lower case is a common word said fondly ("bug", "ma grande"): looking
    for it everywhere would ask the copy to lose the word itself, so it is not looked for.
    """
    words = {w for child in truth["children"] for w in (child["name"], *child["aliases"]) if not w[:1].islower()}
    for fact in truth["facts"]:
        if fact["kind"] in ("school", "town"):
            values = _values(fact)
            words.update(values)
            if fact["kind"] == "school":
                words.update(w for v in values for w in re.findall(r"[\w'’-]+", v) if _telling(w))
    return {fold(w) for w in words if w.strip()}


def _telling(word: str) -> bool:
    """Whether one word of a school's name gives the school away on its own: a capitalised, uncommon word."""
    from kidsafe.engine.text import english_rank

    key = re.sub(r"['’]s?$", "", fold(word))
    rank = english_rank(key)
    return word[:1].isupper() and key not in GENERIC and key not in _school_type_words() \
        and (rank is None or rank >= COMMON_RANK)


@cache
def _school_type_words() -> frozenset[str]:
    """Every word the lexicon's lists give as a kind of school, in any language ("tadika", "naíonra", "dayhome"):
    like "primary", such a word names no school on its own, so the copy may keep it ("last year of tadika")."""
    from kidsafe.engine import lexicon as lx

    phrases = [*lx.SCHOOL_TYPE_WORDS, *lx.word_set("share", "school_types_before_name"),
               *lx.word_set("share", "school_types_after_name")]
    return frozenset(fold(w) for phrase in phrases for w in phrase.split())


def second_tier_words(truth: dict) -> set[str]:
    """Pets, parents, the surname and relatives by name; a relative's kin title alone ("Nan", "Uncle") is no name."""
    from kidsafe.engine import lexicon as lx

    titles = lx.KIN_TITLES | lx.KIN_TITLE_SECOND | lx.PARENT_WORDS
    words: set[str] = set()
    for fact in truth["facts"]:
        if fact["kind"] in SECOND_TIER_KINDS:
            for value in _values(fact):
                named = [w for w in re.findall(r"[\w'’-]+", value) if fold(w) not in titles and w[:1].isupper()]
                words.update(named if fact["kind"] == "relative" else [value])
    return {fold(w) for w in words if len(w.strip()) >= 2} - truth_words(truth)


def hits(text: str, words: set[str], *, inside_any_word: bool = False) -> list[str]:
    """The words found whole in the text, or run together inside a hashtag or @mention of it (inside any word
    of it when ``inside_any_word``: file names), so "#smithfamily" holds "smith" but "Valentines" not "vale"."""
    folded = fold(text)
    runs = re.findall(r"\w+", folded) if inside_any_word else re.findall(r"[#@](\w+)", folded)
    return sorted(w for w in words if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", folded)
                  or any(len(w) >= 4 and re.sub(r"\W", "", w) in run for run in runs))


def copy_hits(files: dict[str, bytes], words: set[str]) -> dict[str, list[str]]:
    """Per text of a copy (its file names, each file that is not a photo), the words found in it."""
    return {name: hits(text, words, inside_any_word=name == FILE_NAMES) for name, text in copy_texts(files).items()}


def copy_texts(files: dict[str, bytes]) -> dict[str, str]:
    """Every text of a copy: its file names, and each file that is not a photo."""
    texts = {FILE_NAMES: "\n".join(files)}
    return texts | {name: data.decode("utf-8") for name, data in files.items() if not name.endswith(".jpg")}


def sensitive_truth_posts(truth: dict) -> set[str]:
    return {p for f in truth["facts"] if f["kind"] == "sensitive_image" for p in f["posts"]}


def write_plain_feed(voice: Voice, folder: Path) -> Path:
    """The voice as a plain-format folder: captions and dates in posts.csv, one small grey photo per post."""
    (folder / "photos").mkdir(parents=True, exist_ok=True)
    photo = Image.new("RGB", (64, 48), (128, 128, 128))
    with (folder / "posts.csv").open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["id", "date", "caption", "images"])
        for post in voice.posts:
            name = f"photos/{post.id}.jpg"
            photo.save(folder / name, "JPEG")
            out.writerow([post.id, post.date.strftime("%Y-%m-%d %H:%M"), post.caption, name])
    return folder


@dataclass
class Measured:
    """One voice shared: the truth words left in the copy, sensitive posts kept, what the report said."""

    voice: str
    first_tier: list[str]
    second_tier: list[str]
    sensitive_kept: list[str]
    safe: bool
    remaining: int

    @property
    def wrongly_safe(self) -> bool:
        return self.safe and bool(self.first_tier or self.second_tier or self.sensitive_kept)


def share_voice(voice: Voice, work: Path) -> tuple[object, dict[str, bytes]]:
    """Share the voice with the defaults; (the report, every file of the copy)."""
    from kidsafe.share import export as safe_share

    feed = write_plain_feed(voice, work / "feed")
    out = work / "copy.zip"
    report = safe_share.share(feed, out, as_of=date.fromisoformat(voice.truth["audit_date"]))
    with zipfile.ZipFile(out) as zf:
        return report, {name: zf.read(name) for name in zf.namelist()}


def measure(voice: Voice) -> Measured:
    with tempfile.TemporaryDirectory() as tmp:
        report, files = share_voice(voice, Path(tmp))
    kept = {p.source_post for p in report.posts}

    def found(words: set[str]) -> list[str]:
        return sorted({w for ws in copy_hits(files, words).values() for w in ws})

    return Measured(voice.id, found(truth_words(voice.truth)), found(second_tier_words(voice.truth)),
                    sorted(sensitive_truth_posts(voice.truth) & kept, key=str), report.safe, len(report.remaining))


def voices_named(name: str) -> list[Voice]:
    """The voices of a split ("train"), or the one voice of that id: a fixed subset is measured by its ids."""
    if name in SPLITS:
        return sorted(load_split(name, CORPUS_DIR), key=lambda v: v.id)
    if splits(CORPUS_DIR).get(name) == "test":
        raise SystemExit(f"{name} is a test voice: measure it with the split 'test' only, held out as a whole")
    return [load_voice(p) for p in voice_dirs(CORPUS_DIR) if p.name == name]


def main(argv: list[str]) -> int:
    for split in argv or ["test", "dev"]:
        results = [measure(v) for v in voices_named(split)]
        for r in results:
            print(json.dumps({"split": split, **r.__dict__, "wrongly_safe": r.wrongly_safe}, ensure_ascii=False),
                  flush=True)
        print(f"# {split}: {len(results)} voices, first tier {sum(len(r.first_tier) for r in results)} words in "
              f"{sum(bool(r.first_tier) for r in results)} voices, second tier {sum(len(r.second_tier) for r in results)}"
              f", sensitive kept {sum(len(r.sensitive_kept) for r in results)}, said safe "
              f"{sum(r.safe for r in results)}, wrongly safe {sum(r.wrongly_safe for r in results)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
