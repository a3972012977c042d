"""The labelled corpus (`data/corpus/`): loading voices, placing span labels, checking them.

Standard library only, so `data/corpus/validate.py` runs without the project's environment.
A voice's posts name their spans by text (`["Freya", "CHILD"]`); here each becomes character
offsets into the part of the post it stands in (the caption, a comment or a tagged name).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

LABELS = ("CHILD", "PARENT", "RELATIVE", "OTHER_CHILD", "ADULT", "PET", "CHARACTER", "SURNAME", "SCHOOL",
          "CLUB", "TOWN", "PLACE", "AGE", "DATE", "FAVOURITE", "ROUTINE", "SENSITIVE")
#: Labels that name someone or something: the roles the feed-level model decides between.
NAME_LABELS = ("CHILD", "PARENT", "RELATIVE", "OTHER_CHILD", "ADULT", "PET", "CHARACTER", "SURNAME", "SCHOOL",
               "CLUB", "TOWN", "PLACE")
FACT_KINDS = frozenset({"child_name", "birthday", "birth_year", "age", "school", "town", "routine", "pet",
                        "relative", "parent_name", "surname", "other_child", "favourite", "appearance",
                        "sensitive_image", "place", "home", "location_leak"})
SPLITS = ("train", "dev", "test")
CORPUS_DIR = Path(__file__).resolve().parents[2] / "data" / "corpus"


@dataclass(frozen=True)
class Span:
    """A labelled stretch of one part of a post: part 0 is the caption, 1.. the comments, then tags."""

    part: int
    start: int
    end: int
    label: str
    text: str


@dataclass
class CorpusPost:
    id: str
    date: datetime
    caption: str
    comments: list[str] = field(default_factory=list)
    tagged: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    @property
    def parts(self) -> list[str]:
        """The post's texts in span order: caption, comments, tagged names."""
        return [self.caption, *self.comments, *self.tagged]


@dataclass
class Voice:
    id: str
    meta: dict
    posts: list[CorpusPost]
    truth: dict
    path: Path
    problems: list[str] = field(default_factory=list)


def fold(text: str) -> str:
    """Lower case without accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _occurrences(parts: list[str], needle: str) -> list[tuple[int, int, int]]:
    """(part, start, end) where ``needle`` stands in a post's parts: its whole-word places; inside a
    word (a hashtag) only when it stands nowhere in the post as a whole word."""
    whole = [(i, m.start(), m.end()) for i, text in enumerate(parts)
             for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text)]
    if whole:
        return whole
    return [(i, m.start(), m.end()) for i, text in enumerate(parts) for m in re.finditer(re.escape(needle), text)]


def place_spans(post: CorpusPost, raw_spans: list, problems: list[str]) -> list[Span]:
    """Turn a post's `[text, LABEL]` pairs into offsets; each problem is appended as a message."""
    spans: list[Span] = []
    parts = post.parts
    for item in raw_spans:
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)):
            problems.append(f"post {post.id}: span {item!r} is not [text, LABEL]")
            continue
        text, label = item
        if label not in LABELS:
            problems.append(f"post {post.id}: unknown label {label!r} on {text!r}")
            continue
        if not text.strip():
            problems.append(f"post {post.id}: empty span text for {label}")
            continue
        places = _occurrences(parts, text)
        spans += [Span(index, start, end, label, text) for index, start, end in places]
        if not places:
            problems.append(f"post {post.id}: span text {text!r} ({label}) is not in the post")
    return spans


def _parse_date(value: str) -> datetime:
    return datetime.fromisoformat(value.strip().replace("T", " "))


def load_voice(path: Path) -> Voice:
    """Read one voice's folder; problems (bad JSON lines, unplaced spans) are collected, not raised."""
    problems: list[str] = []
    meta = _read_json(path / "voice.json", problems) or {}
    truth = _read_json(path / "truth.json", problems) or {}
    posts: list[CorpusPost] = []
    lines = (path / "posts.jsonl").read_text(encoding="utf-8").splitlines() if (path / "posts.jsonl").exists() else []
    if not lines:
        problems.append("posts.jsonl is missing or empty")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            post = CorpusPost(id=str(raw["id"]), date=_parse_date(raw["date"]), caption=str(raw.get("caption", "")),
                              comments=[str(c) for c in raw.get("comments") or []],
                              tagged=[str(t) for t in raw.get("tagged") or []])
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(f"posts.jsonl line {number}: {exc}")
            continue
        post.spans = place_spans(post, raw.get("spans") or [], problems)
        posts.append(post)
    return Voice(id=path.name, meta=meta, posts=posts, truth=truth, path=path, problems=problems)


def _read_json(path: Path, problems: list[str]) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"{path.name} is missing")
    except ValueError as exc:
        problems.append(f"{path.name}: {exc}")
    return None


def voice_dirs(root: Path = CORPUS_DIR) -> list[Path]:
    """Every voice folder of the corpus, sorted by id."""
    return sorted(p for p in (root / "voices").iterdir() if p.is_dir()) if (root / "voices").is_dir() else []


def splits(root: Path = CORPUS_DIR) -> dict[str, str]:
    """voice id -> train | dev | test, from `splits.json`."""
    path = root / "splits.json"
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {voice: split for split in SPLITS for voice in data.get(split, [])}


def load_split(split: str, root: Path = CORPUS_DIR) -> list[Voice]:
    """The voices of one split, loaded."""
    chosen = {v for v, s in splits(root).items() if s == split}
    return [load_voice(p) for p in voice_dirs(root) if p.name in chosen]


# ----------------------------------------------------------------------------- checks
def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def check_voice(voice: Voice) -> list[str]:
    """Every way the voice breaks the corpus format or disagrees with itself (an empty list: clean)."""
    problems = list(voice.problems)
    for key in ("poster", "country", "platform", "register"):
        if not voice.meta.get(key):
            problems.append(f"voice.json: no {key!r}")
    ids = [p.id for p in voice.posts]
    if len(ids) != len(set(ids)):
        problems.append("posts.jsonl: post ids repeat")
    if voice.posts and any(a.date > b.date for a, b in zip(voice.posts, voice.posts[1:])):
        problems.append("posts.jsonl: posts are not in date order")
    problems += _check_truth(voice, set(ids))
    return problems


def _check_truth(voice: Voice, ids: set[str]) -> list[str]:
    truth = voice.truth
    problems: list[str] = []
    if not truth:
        return problems
    try:
        audit = date.fromisoformat(truth["audit_date"])
    except (KeyError, ValueError):
        return ["truth.json: no valid audit_date"]
    if voice.posts and audit < max(p.date for p in voice.posts).date():
        problems.append("truth.json: audit_date is before the last post")
    children = {c.get("name"): c for c in truth.get("children", [])}
    if not children:
        problems.append("truth.json: no children")
    child_forms = {fold(n) for c in children.values() for n in [c.get("name", ""), *c.get("aliases", [])]}
    child_forms |= {w for form in list(child_forms) for w in form.split()}
    labelled: dict[str, set[str]] = {}
    for post in voice.posts:
        for span in post.spans:
            labelled.setdefault(span.label, set()).add(fold(span.text))
    for span_text in labelled.get("CHILD", set()):
        if span_text not in child_forms and not set(span_text.split()) & child_forms:
            problems.append(f"CHILD span {span_text!r} is no child's name or alias in truth.json")
    for fact in truth.get("facts", []):
        kind, child = fact.get("kind"), fact.get("child")
        if kind not in FACT_KINDS:
            problems.append(f"truth.json: unknown fact kind {kind!r}")
            continue
        if child is not None and child not in children:
            problems.append(f"truth.json: {kind} fact about {child!r}, who is not in children")
        missing = [p for p in fact.get("posts", []) if str(p) not in ids]
        if missing:
            problems.append(f"truth.json: {kind} {fact.get('value')!r} cites unknown posts {missing}")
        birth = children.get(child, {}).get("birth_date") if child else None
        if birth and kind in ("birthday", "birth_year", "age"):
            problems += _check_dated(kind, fact.get("value"), date.fromisoformat(birth), audit, child)
        label = {"pet": "PET", "other_child": "OTHER_CHILD", "parent_name": "PARENT", "surname": "SURNAME",
                 "child_name": "CHILD"}.get(kind)
        value = fact.get("value")
        if label and isinstance(value, str) and not (set(fold(value).split()) & {w for t in labelled.get(label, ())
                                                                                   for w in t.split()}):
            problems.append(f"truth.json: {kind} {value!r} is never labelled {label} in posts.jsonl")
    if not truth.get("must_not_claim"):
        problems.append("truth.json: no must_not_claim traps")
    problems += _traps_sprung_by_facts(truth)
    return problems


def _traps_sprung_by_facts(truth: dict) -> list[str]:
    """must_not_claim entries that a true fact, stated as the truth file words it, would hit under the
    stranger test's matching: "Croftdene Stars U7" (a club) beside the school "Croftdene Primary" makes the
    right school a stranger error, as the test matches schools by their distinctive words. Such a trap
    cannot be graded; reword the fact or drop the trap. `springs` is the scorer's own test of a claim against a
    trap (`stranger_score.score`), which is copied unchanged from the bench and so shares no helper."""
    from kidsafe.learn.stranger_score import NAME_KINDS, name_match, value_match

    def springs(kind: str, trap, value) -> bool:
        return value_match(kind, trap, value) or (kind in NAME_KINDS and name_match(value, trap))

    problems = []
    for trap in truth.get("must_not_claim", []):
        if not isinstance(trap, dict):
            problems.append(f"truth.json: must_not_claim entry {trap!r} is no {{kind, value}} object")
            continue
        kind = trap.get("kind")
        sprung = next((value for fact in truth.get("facts", []) if fact.get("kind") == kind
                       for value in [fact.get("value"), *(fact.get("also") or [])]
                       if springs(kind, trap.get("value"), value)), None)
        if sprung is not None:
            problems.append(f"truth.json: the true {kind} {sprung!r} hits the trap {trap.get('value')!r}")
    return problems


def _check_dated(kind: str, value, birth: date, audit: date, child: str) -> list[str]:
    expected = {"birthday": f"{birth.month:02d}-{birth.day:02d}", "birth_year": birth.year,
                "age": _age_on(birth, audit)}[kind]
    if value != expected:
        return [f"truth.json: {kind} of {child} is {value!r}, but birth_date and audit_date give {expected!r}"]
    return []
