#!/usr/bin/env python3
"""Agreement of the second, independent labelling (agreement/second.jsonl) with the corpus's own.

`python3 data/corpus/agreement.py`: span F1 (same text and label in the same post), by label, and
Cohen's kappa of the labels of the texts both labellers marked (each side's whole set of labels).
"""
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def spans_of(path: Path, voice: str) -> dict[str, set[tuple[str, str]]]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[str(row["id"])] = {(t, label) for t, label in row.get("spans", [])}
    return out


def main() -> int:
    second = [json.loads(line) for line in (HERE / "agreement" / "second.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]
    first: dict[str, dict[str, set[tuple[str, str]]]] = {}
    tp: Counter[str] = Counter()
    n_first: Counter[str] = Counter()
    n_second: Counter[str] = Counter()
    pairs: list[tuple[str, str]] = []
    for row in second:
        voice = row["voice"]
        if voice not in first:
            first[voice] = spans_of(HERE / "voices" / voice / "posts.jsonl", voice)
        a = first[voice].get(str(row["id"]), set())
        b = {(t, label) for t, label in row.get("spans", [])}
        for _, label in a:
            n_first[label] += 1
        for _, label in b:
            n_second[label] += 1
        for _, label in a & b:
            tp[label] += 1
        by_text_a, by_text_b = defaultdict(set), defaultdict(set)
        for t, label in a:
            by_text_a[t].add(label)
        for t, label in b:
            by_text_b[t].add(label)
        for t in by_text_a.keys() & by_text_b.keys():
            # the whole set of labels each labeller gave the text ("CHARACTER" vs "CHARACTER+FAVOURITE" differ)
            pairs.append(("+".join(sorted(by_text_a[t])), "+".join(sorted(by_text_b[t]))))
    print(f"posts: {len(second)}, voices: {len(first)}")
    print(f"{'label':<12}{'first':>7}{'second':>8}{'both':>6}{'F1':>7}")
    for label in sorted(n_first.keys() | n_second.keys()):
        f1 = 2 * tp[label] / (n_first[label] + n_second[label]) if n_first[label] + n_second[label] else 0.0
        print(f"{label:<12}{n_first[label]:>7}{n_second[label]:>8}{tp[label]:>6}{f1:>7.3f}")
    total_f1 = 2 * sum(tp.values()) / (sum(n_first.values()) + sum(n_second.values()))
    agree = sum(a == b for a, b in pairs) / len(pairs)
    pa, pb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    chance = sum(pa[k] * pb[k] for k in pa) / len(pairs) ** 2
    kappa = (agree - chance) / (1 - chance)
    print(f"span F1 (text and label): {total_f1:.3f}")
    print(f"texts marked by both: {len(pairs)}; same labels: {agree:.3f}; Cohen's kappa: {kappa:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
