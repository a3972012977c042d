# The stranger test's scorer, copied unchanged from shared/bench/score.py (the project runs without
# shared/), so `kidsafe eval` grades corpus voices exactly as the bench grades feeds.
"""Grade a kidsafe dossier (``kidsafe.dossier/1``) against a truth file: the stranger test.

Usage::

    python score.py DOSSIER.json TRUTH.json [--json] [--explain]

Recall: the share of truth facts the dossier states (spec/truth-format.md). Each output fact
matches at most one truth fact (a maximum bipartite matching), except for the per-post kinds
``location_leak`` and ``sensitive_image``: a truth fact of those kinds is found when any output
fact of the kind names its post in its evidence (one claim may cite many posts). All location
leaks of a feed together weigh 1 in recall, every other truth fact weighs 1.

Precision: over the output facts of the kinds in ``PRECISION_KINDS``; such a fact is correct
when the matching pairs it with a truth fact. Any output fact (of any kind) that makes a claim
listed in the truth's ``must_not_claim`` is a "stranger error": it counts as wrong in precision
and is reported separately.

Matching, kind by kind:

- names (``child_name``, ``parent_name``): equal ignoring case and accents, or the same first
  name (``Olivia Parker`` states ``Olivia``); a child's name also matches any of its aliases;
- ``school``, ``town``, ``pet``, ``relative``, ``surname``, ``other_child``, ``favourite``,
  ``appearance``: the distinctive words of one are all in the other (generic words such as
  school, primary, nursery, the dropped; ``st`` read as saint; plurals folded); for a relative
  that has a name (``Grandma Jean``) the output must carry that name, not only ``Grandma``;
- ``place``: within 250 m, or matching names as above;
- ``birthday``: within one day; ``birth_year`` and ``age``: equal; ``home``: within 250 m;
- ``routine``: same weekday, and the activity words agree, and the times are within 60 minutes
  when both give one; a truth routine without an activity (seen only in timestamps and GPS)
  needs a time within 60 minutes instead;
- ``location_leak``: names the post and lies within 250 m of it; ``sensitive_image``: names the post.

A truth fact may list ``also``: other values that count as the same fact. A truth fact about a
child only matches an output fact whose subject is that child (by the subject's name or aliases).

Prints a per-kind table, the stranger errors, and last the line
``score: F1=0.xxx recall=0.xxx precision=0.xxx must_not_claim_hits=N``; exit 0. A dossier or
truth file that breaks its contract: a message on stderr and exit 2. Standard library only.
"""
from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from typing import Any

PRECISION_KINDS = ("child_name", "school", "town", "pet", "relative", "surname", "home", "routine",
                   "parent_name")
PER_POST_KINDS = ("location_leak", "sensitive_image")
NAME_KINDS = ("child_name", "parent_name")
WITHIN_M = 250.0
ROUTINE_MINUTES = 60
GENERIC = frozenset("""
    primary school schools nursery preschool pre academy club centre center the of and at in
    infant infants junior juniors elementary public ps ns community kindergarten kinder kindy
    daycare childcare early learning montessori college scoil ce cofe c e rc catholic national
    """.split())
RELATION = frozenset("""
    grandma grandmother granny gran nana nanna nan nanny grandad granddad grandpa grandfather
    gramps grampa pop pops papa mamo uncle unc auntie aunty aunt cousin nani dadi dada nana ji
    ba ong ngoai noi oma opa abuela abuelo lola lolo koro kuia tia tio
    """.split())
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Malformed(Exception):
    """An input file does not follow its contract."""


# ----------------------------------------------------------------------------- text helpers
def fold(value: Any) -> str:
    """Lower-case, accent-free form of a value's text."""
    text = unicodedata.normalize("NFKD", str(value))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


def words(value: Any) -> list[str]:
    """Folded words of a text: apostrophes dropped, 'st' read as 'saint', plurals folded."""
    text = fold(value.get("name", "") if isinstance(value, dict) else value)
    text = re.sub(r"['\u2019`]", "", text).replace("pre-school", "preschool")
    out = []
    for w in re.split(r"[^\w]+", text):
        if not w:
            continue
        if w == "st":
            w = "saint"
        elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return out


def tokens_match(a: Any, b: Any) -> bool:
    """The distinctive words of one are all among the other's (generic words dropped)."""
    wa, wb = words(a), words(b)
    ta, tb = set(wa) - GENERIC, set(wb) - GENERIC
    if not ta or not tb:  # nothing distinctive on one side: only the whole text can match
        return bool(wa) and wa == wb
    return ta <= tb or tb <= ta


def relative_match(truth: Any, out: Any) -> bool:
    """Relatives: where the truth has a name ('Grandma Jean'), the output must carry it."""
    t_names = set(words(truth)) - RELATION - GENERIC
    o_names = set(words(out)) - RELATION - GENERIC
    if t_names:
        return bool(o_names) and (t_names <= o_names or o_names <= t_names)
    return tokens_match(truth, out)  # a relation used as a name: 'Pop', 'Koro', 'Bà Ngoại'


def name_match(truth: Any, out: Any) -> bool:
    """Same name ignoring case and accents, or the same first name when the truth is one word."""
    a, b = (re.sub(r"^\W+|\W+$", "", fold(x)) for x in (truth, out))
    if not a or not b:
        return False
    if a == b:
        return True
    return " " not in a and re.split(r"[\s\-]+", b)[0] == a


def stem(word: str) -> str:
    """A light stemmer for activity words: swimming/swim, dancing/dance, lessons/lesson."""
    for suffix in ("ing", "es", "s", "e", "er"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2]:
        word = word[:-1]
    return word


def activity_match(truth: Any, out: Any) -> bool:
    """Activities agree when one contains the other or they share a stemmed word."""
    a, b = fold(truth or ""), fold(out or "")
    if not a or not b:
        return False
    if a in b or b in a or a.replace(" ", "") in b.replace(" ", "") or b.replace(" ", "") in a.replace(" ", ""):
        return True
    sa = {stem(w) for w in re.split(r"[^\w]+", a) if len(w) > 2}
    sb = {stem(w) for w in re.split(r"[^\w]+", b) if len(w) > 2}
    return bool(sa & sb)


# ----------------------------------------------------------------------------- value helpers
def coords(value: Any) -> tuple[float, float] | None:
    """(lat, lon) of a value, or None."""
    try:
        lat, lon = float(value["lat"]), float(value["lon"])
    except (TypeError, KeyError, ValueError):
        return None
    return (lat, lon) if math.isfinite(lat) and math.isfinite(lon) else None


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2)
    return 2 * 6371000 * math.asin(min(1.0, math.sqrt(h)))


def near(a: Any, b: Any) -> bool:
    """Both values carry coordinates, within WITHIN_M of each other."""
    ca, cb = coords(a), coords(b)
    return ca is not None and cb is not None and metres(ca, cb) <= WITHIN_M


def as_int(value: Any) -> int | None:
    """Integer form of a value (2019, "2019"), or None."""
    if isinstance(value, bool):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def day_of_year(mmdd: Any) -> int | None:
    """Day number (in a leap year) of an 'MM-DD' value, or None."""
    m = re.fullmatch(r"\s*(?:\d{4}-)?(\d{1,2})-(\d{1,2})\s*", str(mmdd))
    if not m or not (1 <= int(m[1]) <= 12 and 1 <= int(m[2]) <= 31):
        return None
    return sum((31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[: int(m[1]) - 1]) + int(m[2])


def minutes(value: Any) -> int | None:
    """Minutes since midnight of 'HH:MM', or None."""
    m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*", str(value)) if value else None
    return int(m[1]) * 60 + int(m[2]) if m else None


def routine_match(truth: Any, out: Any) -> bool:
    """Same weekday; activity words agree (or, for a timestamps-only routine, the hour does)."""
    if not isinstance(truth, dict) or not isinstance(out, dict):
        return False
    day = fold(truth.get("weekday") or "")
    if not day or fold(out.get("weekday") or "").rstrip("s") != day.rstrip("s"):
        return False
    tm, om = minutes(truth.get("time")), minutes(out.get("time"))
    close = tm is not None and om is not None and abs(tm - om) <= ROUTINE_MINUTES
    if not truth.get("activity"):
        return close
    if not activity_match(truth["activity"], out.get("activity")):
        return False
    return tm is None or om is None or close


def post_ids(fact: dict[str, Any]) -> set[str]:
    """Post ids named in a fact's evidence, with their base names."""
    out: set[str] = set()
    for ev in fact.get("evidence") or []:
        if isinstance(ev, dict) and ev.get("post") not in (None, ""):
            p = str(ev["post"]).strip()
            out |= {p, p.replace("\\", "/").rsplit("/", 1)[-1]}
    return out


def value_match(kind: str, truth_value: Any, out_value: Any) -> bool:
    """Does an output value state a truth value of the same kind (per-post kinds excluded)?"""
    if kind in NAME_KINDS:
        return name_match(truth_value, out_value)
    if kind == "birthday":
        a, b = day_of_year(truth_value), day_of_year(out_value)
        return a is not None and b is not None and min(abs(a - b), 366 - abs(a - b)) <= 1
    if kind in ("birth_year", "age"):
        return as_int(truth_value) is not None and as_int(truth_value) == as_int(out_value)
    if kind == "home":
        return near(truth_value, out_value)
    if kind == "routine":
        return routine_match(truth_value, out_value)
    if kind == "place":
        return near(truth_value, out_value) or tokens_match(truth_value, out_value)
    if kind == "relative":
        return relative_match(truth_value, out_value)
    if isinstance(truth_value, (dict, list)) or isinstance(out_value, (dict, list)):
        return False
    return tokens_match(truth_value, out_value)


# ----------------------------------------------------------------------------- loading
def load(path: str, what: str) -> dict[str, Any]:
    """Read and check a dossier or truth file; raise Malformed with a clear reason."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as exc:
        raise Malformed(f"{what} {path}: cannot read it ({exc.strerror or exc})") from exc
    except ValueError as exc:
        raise Malformed(f"{what} {path}: not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise Malformed(f"{what} {path}: the top level must be a JSON object")
    need = ("facts", "subjects") if what == "dossier" else ("facts",)
    for key in need:
        if not isinstance(data.get(key), list):
            raise Malformed(f"{what} {path}: '{key}' must be a list")
    for i, f in enumerate(data["facts"]):
        if not isinstance(f, dict) or not isinstance(f.get("kind"), str) or "value" not in f:
            raise Malformed(f"{what} {path}: facts[{i}] must be an object with a string 'kind' and a 'value'")
        if what == "dossier" and not isinstance(f.get("evidence", []), list):
            raise Malformed(f"{what} {path}: facts[{i}].evidence must be a list")
    if what == "dossier":
        for i, s in enumerate(data["subjects"]):
            if not isinstance(s, dict) or "id" not in s:
                raise Malformed(f"dossier {path}: subjects[{i}] must be an object with an 'id'")
    else:
        if not isinstance(data.get("children", []), list) or not isinstance(data.get("must_not_claim", []), list):
            raise Malformed(f"truth {path}: 'children' and 'must_not_claim' must be lists")
        for i, f in enumerate(data["facts"]):
            if not isinstance(f.get("posts", []), list):
                raise Malformed(f"truth {path}: facts[{i}].posts must be a list")
    return data


# ----------------------------------------------------------------------------- scoring
@dataclass
class Result:
    """Counts of one grading, JSON-able through as_dict()."""
    truth_n: float = 0.0
    found: float = 0.0
    precision_output_n: int = 0
    tp: int = 0
    must_not_claim_hits: int = 0
    per_kind: dict[str, dict[str, int]] = field(default_factory=dict)
    stranger_errors: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    false_claims: list[str] = field(default_factory=list)
    broken_files: int = 0
    broken_warned: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.truth_n if self.truth_n else 0.0

    @property
    def precision(self) -> float:
        return self.tp / self.precision_output_n if self.precision_output_n else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"truth_n": round(self.truth_n, 4), "found": round(self.found, 4),
                "precision_output_n": self.precision_output_n, "tp": self.tp,
                "must_not_claim_hits": self.must_not_claim_hits, "recall": round(self.recall, 4),
                "precision": round(self.precision, 4), "f1": round(self.f1, 4), "per_kind": self.per_kind,
                "stranger_errors": self.stranger_errors, "missed": self.missed, "false_claims": self.false_claims,
                "broken_files": self.broken_files, "broken_warned": self.broken_warned}


def describe(fact: dict[str, Any]) -> str:
    """One line for a fact in a report."""
    who = fact.get("child") or fact.get("subject") or ""
    val = json.dumps(fact.get("value"), ensure_ascii=False)
    return f"{fact.get('kind')} {val}" + (f" ({who})" if who and who != "family" else "")


def max_matching(edges: list[list[int]]) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn): output index -> truth index."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(edges)):
        augment(i, set())
    return owner


def score(dossier: dict[str, Any], truth: dict[str, Any]) -> Result:
    """Grade one dossier against one truth file."""
    children = {fold(c["name"]): [c["name"], *(c.get("aliases") or [])]
                for c in truth.get("children", []) if isinstance(c, dict) and c.get("name")}
    subject_names = {str(s.get("id")): [n for n in [s.get("name"), *(s.get("aliases") or [])] if n]
                     for s in dossier["subjects"] if isinstance(s, dict) and s.get("kind") == "child"}
    tfacts = [f for f in truth["facts"] if isinstance(f, dict)]
    outs = dossier["facts"]

    def about_child(tf: dict[str, Any], of: dict[str, Any]) -> bool:
        if not tf.get("child"):
            return True
        want = children.get(fold(tf["child"]), [tf["child"]])
        got = subject_names.get(str(of.get("subject")), [])
        return any(name_match(a, b) or name_match(b, a) for a in want for b in got)

    def states(tf: dict[str, Any], of: dict[str, Any]) -> bool:
        kind = tf.get("kind")
        if kind != of["kind"] or not about_child(tf, of):
            return False
        if kind in PER_POST_KINDS:
            named = {str(p) for p in tf.get("posts") or []} & post_ids(of)
            return bool(named) and (kind != "location_leak" or near(tf.get("value"), of.get("value")))
        values = [tf.get("value"), *(tf.get("also") or [])]
        if kind == "child_name" and tf.get("child"):
            values += children.get(fold(tf["child"]), [])
        return any(value_match(kind, v, of.get("value")) for v in values)

    edges = [[j for j, tf in enumerate(tfacts) if states(tf, of)] for of in outs]
    per_post = {j for j, tf in enumerate(tfacts) if tf.get("kind") in PER_POST_KINDS}
    owner = max_matching([[j for j in e if j not in per_post] for e in edges])
    matched_out = set(owner.values())
    found = set(owner) | {j for e in edges for j in e if j in per_post}

    res = Result()
    bad_claims = truth.get("must_not_claim", [])
    stranger: set[int] = set()
    for i, of in enumerate(outs):
        for bad in bad_claims:
            if isinstance(bad, dict) and bad.get("kind") == of["kind"] and (
                    value_match(of["kind"], bad.get("value"), of.get("value"))
                    or (of["kind"] in NAME_KINDS and name_match(of.get("value"), bad.get("value")))):
                stranger.add(i)
                res.stranger_errors.append(f"{describe(of)} is on the must-not-claim list")
                break
    res.must_not_claim_hits = len(stranger)

    leaks = sum(1 for f in tfacts if f.get("kind") == "location_leak")
    weight = [1.0 / leaks if f.get("kind") == "location_leak" else 1.0 for f in tfacts]
    res.truth_n = sum(weight)
    res.found = sum(weight[j] for j in found)
    counted = [i for i, of in enumerate(outs) if of["kind"] in PRECISION_KINDS or i in stranger]
    res.precision_output_n = len(counted)
    res.tp = sum(1 for i in counted if i in matched_out and i not in stranger)

    kinds = sorted({str(f.get("kind")) for f in tfacts} | {of["kind"] for of in outs},
                   key=lambda k: (k not in PRECISION_KINDS, k))
    for k in kinds:
        outs_k = [i for i, of in enumerate(outs) if of["kind"] == k]
        ok = [i for i in outs_k if (i in matched_out or any(j in per_post for j in edges[i])) and i not in stranger]
        res.per_kind[k] = {"truth_n": sum(1 for f in tfacts if f.get("kind") == k),
                           "found": sum(1 for j in found if tfacts[j].get("kind") == k),
                           "output_n": len(outs_k), "output_ok": len(ok)}
    res.missed = [describe(tf) for j, tf in enumerate(tfacts) if j not in found]
    res.false_claims = [describe(outs[i]) for i in counted if i not in matched_out or i in stranger]

    broken = [str(b) for b in truth.get("broken_files", [])]
    warned_text = " ".join(json.dumps(w, ensure_ascii=False) for w in dossier.get("warnings") or [])
    res.broken_files = len(broken)
    res.broken_warned = sum(1 for b in broken if b.rsplit("/", 1)[-1] in warned_text)
    return res


def report(res: Result, explain: bool) -> str:
    """The human-readable table and the last `score:` line."""
    lines = [f"{'kind':<16}{'truth':>6}{'found':>7}{'recall':>8}{'output':>8}{'correct':>9}{'precision':>11}"]
    for k, c in res.per_kind.items():
        rec = f"{c['found'] / c['truth_n']:.3f}" if c["truth_n"] else "-"
        pre = f"{c['output_ok'] / c['output_n']:.3f}" if c["output_n"] and k in PRECISION_KINDS else "-"
        lines.append(f"{k:<16}{c['truth_n']:>6}{c['found']:>7}{rec:>8}{c['output_n']:>8}{c['output_ok']:>9}{pre:>11}")
    lines.append("(all location_leak facts of a feed weigh 1 together in recall; precision counts "
                 + ", ".join(PRECISION_KINDS) + " and stranger errors)")
    if res.broken_files:
        lines.append(f"broken files named in warnings: {res.broken_warned}/{res.broken_files}")
    lines.append(f"stranger errors: {res.must_not_claim_hits}")
    lines += [f"  - {s}" for s in res.stranger_errors]
    if explain:
        lines.append(f"missed ({len(res.missed)}):")
        lines += [f"  - {m}" for m in res.missed]
        lines.append(f"false claims ({len(res.false_claims)}):")
        lines += [f"  - {m}" for m in res.false_claims]
    lines.append(f"score: F1={res.f1:.3f} recall={res.recall:.3f} precision={res.precision:.3f} "
                 f"must_not_claim_hits={res.must_not_claim_hits}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Command line: score.py DOSSIER.json TRUTH.json [--json] [--explain]."""
    flags = {a for a in argv if a.startswith("--")}
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2 or flags - {"--json", "--explain"}:
        print("usage: score.py DOSSIER.json TRUTH.json [--json] [--explain]", file=sys.stderr)
        return 2
    try:
        truth = load(args[1], "truth")
        dossier = load(args[0], "dossier")
    except Malformed as exc:
        print(f"error: malformed {exc}", file=sys.stderr)
        return 2
    res = score(dossier, truth)
    if "--json" in flags:
        print(json.dumps(res.as_dict(), indent=1, ensure_ascii=False))
    else:
        print(report(res, "--explain" in flags))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
