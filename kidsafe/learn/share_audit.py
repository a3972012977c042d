"""How safe the safe share's copy is on feeds with a truth file: which of the truth's words survive in it.

A corpus voice becomes a real input the share reads: a folder in kidsafe's plain format
(posts.csv of id, date, caption, images, and one small plain photo per post, since each corpus
post stands for a photo post). The plain format has no place for comments or tagged people, so
those are left out of the input: only captions are measured.

The copy's every text (file names, posts.csv, report.json, report.md) is searched for the truth's
words: first tier the children's names and aliases, schools and towns; second tier pets, parents,
the surname and named relatives. ``python -m kidsafe.learn.share_audit [test|dev ...]`` prints one
line per voice and the totals.
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
from datetime import date
from pathlib import Path

from PIL import Image

from kidsafe.learn.corpus import CORPUS_DIR, Voice, load_split

GENERIC = {"school", "primary", "elementary", "infant", "infants", "junior", "academy", "nursery", "preschool",
           "kindergarten", "college", "high", "middle", "the", "of", "saint", "and", "church", "england", "c", "e"}
"""Words of a school's name that say nothing on their own; every other word of it is looked for alone too."""
SECOND_TIER_KINDS = ("pet", "parent_name", "surname", "relative")


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _values(fact: dict) -> list[str]:
    return [str(fact["value"]), *(a for a in fact.get("also", []) if isinstance(a, str))]


def truth_words(truth: dict) -> set[str]:
    """First tier: the children's names and aliases, the schools (and each telling word of them), the towns."""
    words = {w for child in truth["children"] for w in (child["name"], *child["aliases"])}
    for fact in truth["facts"]:
        if fact["kind"] in ("school", "town"):
            values = _values(fact)
            words.update(values)
            if fact["kind"] == "school":
                words.update(w for v in values for w in re.findall(r"[\w'’-]+", v) if fold(w) not in GENERIC)
    return {fold(w) for w in words if w.strip()}


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


def hits(text: str, words: set[str]) -> list[str]:
    """The words found whole in the text, or run together inside a word of it (a hashtag, a file name)."""
    folded = fold(text)
    runs = re.findall(r"\w+", folded)
    return sorted(w for w in words if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", folded)
                  or any(len(w) >= 4 and re.sub(r"\W", "", w) in run for run in runs))


def copy_texts(files: dict[str, bytes]) -> dict[str, str]:
    """Every text of a copy: its file names, and each file that is not a photo."""
    texts = {"file names": "\n".join(files)}
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
    from kidsafe import safe_share

    feed = write_plain_feed(voice, work / "feed")
    out = work / "copy.zip"
    report = safe_share.share(feed, out, as_of=date.fromisoformat(voice.truth["audit_date"]))
    with zipfile.ZipFile(out) as zf:
        return report, {name: zf.read(name) for name in zf.namelist()}


def measure(voice: Voice) -> Measured:
    with tempfile.TemporaryDirectory() as tmp:
        report, files = share_voice(voice, Path(tmp))
    text = "\n".join(copy_texts(files).values())
    kept = {p.source_post for p in report.posts}
    return Measured(voice.id, hits(text, truth_words(voice.truth)), hits(text, second_tier_words(voice.truth)),
                    sorted(sensitive_truth_posts(voice.truth) & kept, key=str), report.safe, len(report.remaining))


def main(argv: list[str]) -> int:
    for split in argv or ["test", "dev"]:
        results = [measure(v) for v in sorted(load_split(split, CORPUS_DIR), key=lambda v: v.id)]
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
