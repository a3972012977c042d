"""`python -m kidsafe eval`: the figures that predict how the engine does on voices it has never seen."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from kidsafe.learn.corpus import CORPUS_DIR, load_split
from kidsafe.learn.evaluate import Report, grade_feeds, grade_voices

#: Where the bench's graded feeds sit beside a checkout of the project.
DEFAULT_FEEDS = CORPUS_DIR.parents[1].parent / "shared" / "feeds"


def _table(report: Report, title: str) -> str:
    lines = [title, f"  {'kind':<16}{'truth':>7}{'found':>7}{'recall':>8}{'output':>8}{'right':>7}{'precision':>11}"]
    for kind, c in report.per_kind().items():
        recall = "" if c["recall"] is None else f"{c['recall']:.3f}"
        precision = "" if c["precision"] is None else f"{c['precision']:.3f}"
        lines.append(f"  {kind:<16}{c.get('truth_n', 0):>7.0f}{c.get('found', 0):>7.1f}{recall:>8}"
                     f"{c.get('output_n', 0):>8.0f}{c.get('output_ok', 0):>7.0f}{precision:>11}")
    for g in report.graded:
        lines.append(f"  {g.name:<40} F1={g.result.f1:.3f} recall={g.result.recall:.3f} "
                     f"precision={g.result.precision:.3f} stranger_errors={g.result.must_not_claim_hits}")
        lines += [f"      stranger error: {e}" for e in g.result.stranger_errors]
    return "\n".join(lines)


def _line(label: str, report: Report, unit: str) -> str:
    t = report.totals
    return (f"eval: {label} F1={t['f1']:.3f} recall={t['recall']:.3f} precision={t['precision']:.3f} "
            f"stranger_errors={t['stranger_errors']} {unit}={t['feeds']}")


def run_eval(args: argparse.Namespace) -> int:
    args.corpus = args.corpus or CORPUS_DIR
    voices = load_split(args.split, args.corpus)
    if not voices:
        print(f"kidsafe: no {args.split} voices in {args.corpus}")
        return 2
    out: dict[str, Any] = {}
    corpus = grade_voices(voices)
    print(_table(corpus, f"Corpus {args.split} voices ({len(voices)}), text as each platform exports it, no photos"))
    out["corpus"] = {"split": args.split, **corpus.as_dict()}
    feeds_dir = None if args.no_feeds else (args.feeds or (DEFAULT_FEEDS if DEFAULT_FEEDS.is_dir() else None))
    feed_line = None
    if feeds_dir is not None:
        feeds = grade_feeds(Path(feeds_dir), photo_checks=args.photo_checks)
        checks = "photo checks on" if args.photo_checks else "photo checks off"
        print(_table(feeds, f"Graded feeds in {feeds_dir} ({checks})"))
        out["feeds"] = {"folder": str(feeds_dir), "photo_checks": args.photo_checks, **feeds.as_dict()}
        feed_line = _line("feeds", feeds, "feeds")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(out, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    if feed_line:
        print(feed_line)
    print(_line(f"{args.split} voices", corpus, "voices"))
    return 0
