"""``python -m kidsafe``: audit a feed from the command line (and, later, share it safely)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from kidsafe.errors import KidsafeError
from kidsafe.ingest.report import format_words
from kidsafe.pipeline import AuditOptions, audit
from kidsafe.report.dossier_json import to_json
from kidsafe.report.summary import to_text

EXIT_NOTHING_READ = 2
EXIT_CHECK_FAILED = 1
EXIT_CANNOT_WRITE = 1


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


def _progress_bar(enabled: bool):  # type: ignore[no-untyped-def]
    """A one-line progress bar on stderr (only on a terminal, or when asked)."""
    def report(stage: str, done: int, total: int) -> None:
        if not enabled or total <= 0:
            return
        width = 30
        filled = int(width * done / total)
        sys.stderr.write(f"\r{stage:<9} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()
    return report


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command and its help."""
    parser = argparse.ArgumentParser(
        prog="python -m kidsafe",
        description="See what a stranger can learn about your children from your own posts. Runs offline.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    aud = commands.add_parser(
        "audit", help="build the stranger's dossier of a feed",
        description="Read a folder or ZIP of posts (photos + posts.csv, or an Instagram, Facebook or "
                    "Google Photos export) and print what a stranger learns from it.")
    aud.add_argument("path", help="a folder, a ZIP, or a platform data export")
    aud.add_argument("--json", dest="json_out", metavar="OUT", help="also write the dossier as JSON to OUT")
    aud.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="the date ages are computed on (default today)")
    aud.add_argument("--no-ocr", action="store_true", help="do not read text inside photos")
    aud.add_argument("--no-faces", action="store_true", help="do not look for faces")
    aud.add_argument("--no-nudity", action="store_true", help="do not run the nudity detector")
    aud.add_argument("--markdown", action="store_true", help="print the summary as Markdown")
    aud.add_argument("--progress", action="store_true", help="show a progress bar even when not on a terminal")
    aud.add_argument("--quiet", action="store_true", help="print nothing but errors")
    _add_share_parser(commands)
    ins = commands.add_parser(
        "inspect", help="show what kidsafe reads in a feed or export, without auditing it",
        description="Read a folder, ZIP, .tgz or platform export (or a folder holding its parts) and print what "
                    "was found: the format and layout, posts, posts with a caption, photos, places, people tagged, "
                    "comments, and every file skipped with the reason. Counts only: no caption or name is printed.")
    ins.add_argument("path", help="a folder, a ZIP, or a platform data export")
    ben = commands.add_parser(
        "bench", help="time kidsafe on a synthetic feed, beside exiftool, Presidio and the decode-once floor",
        description="Write a synthetic feed of N posts (1600x1200 JPEG photos with EXIF and GPS, some showing "
                    "text) to a temporary folder, audit it, and report each stage's time and peak memory, posts "
                    "per second, and kidsafe side by side with exiftool, Presidio and the decode-once floor.")
    ben.add_argument("--posts", type=int, default=1000, metavar="N", help="posts in the feed (default 1000)")
    ben.add_argument("--no-ocr", action="store_true", help="do not read text inside photos")
    ben.add_argument("--no-faces", action="store_true", help="do not look for faces")
    ben.add_argument("--no-nudity", action="store_true", help="do not run the nudity detector")
    ben.add_argument("--runs", type=int, default=3, metavar="R", help="runs of each comparison (default 3)")
    ben.add_argument("--out", metavar="DIR", help="also write bench.json and bench.md to DIR")
    ben.add_argument("--accuracy", action="store_true",
                     help="instead of timing, score the face and nudity models on the reference photos "
                          "(the accuracy guard: fp32 against the audit's and the other ways of running them)")
    ev = commands.add_parser(
        "eval", help="grade the engine on the corpus's held-out voices and on graded feeds",
        description="Audit the labelled corpus's test voices (data/corpus/, never used in training or tuning) "
                    "and the graded feeds in --feeds, and grade every dossier with the stranger test's scorer: "
                    "precision, recall and F1 by kind of fact, and the stranger errors.")
    ev.add_argument("--split", choices=("test", "dev", "train"), default="test",
                    help="which corpus voices to grade (default: test, the held-out voices)")
    ev.add_argument("--feeds", metavar="DIR", type=Path,
                    help="graded feeds as the bench lays them out (default: ../shared/feeds when it exists)")
    ev.add_argument("--no-feeds", action="store_true", help="grade the corpus voices only")
    ev.add_argument("--photo-checks", action="store_true",
                    help="run OCR, faces and nudity on the feeds' photos too (slower; the bench's run.sh does)")
    ev.add_argument("--json", dest="json_out", metavar="OUT", help="also write every figure as JSON to OUT")
    ev.add_argument("--corpus", metavar="DIR", type=Path, default=None,
                    help="the labelled corpus (default: data/corpus of this checkout)")
    return parser


def _add_share_parser(commands: argparse._SubParsersAction) -> None:
    """The ``share`` command: a copy of the feed that is safer to post."""
    from kidsafe.share.export import CAPTION_MODES, FACE_STYLES

    sh = commands.add_parser(
        "share", help="write a copy of a feed that is safer to share",
        description="Write OUT.zip with every photo rebuilt from its pixels (no EXIF, GPS or other metadata, "
                    "turned upright, HEIC made JPEG), every face and every name, school or place written in a "
                    "photo covered, captions with names, school, town, places, times and ages made vague, and "
                    "sensitive pictures (bath, nudity, potty, distress, swimwear) left out. The copy is then "
                    "checked three ways: a fresh audit of it, the family's words looked for in every text, and "
                    "metadata and faces. Exit status 1 unless all three find nothing.")
    sh.add_argument("path", help="a folder, a ZIP, or a platform data export")
    sh.add_argument("--out", required=True, metavar="OUT.zip", help="the ZIP to write (replaced if it exists)")
    sh.add_argument("--faces", choices=FACE_STYLES, default="blur",
                    help="how faces are covered: strong blur (default), solid fill or an emoji disc")
    sh.add_argument("--captions", choices=CAPTION_MODES, default="redact",
                    help="redact names, school, town, places and times (default) or keep captions as written")
    sh.add_argument("--keep-face-of", metavar="NAME",
                    help="leave this child's face uncovered where kidsafe can tell it is theirs: a photo with one "
                         "face that is tagged with NAME alone, or the only photo of a post naming only NAME")
    sh.add_argument("--put-back", action="append", default=[], metavar="POST",
                    help="put this sensitive post back in the copy (its number as listed: 'sensitive: post 5'; "
                         "may be repeated)")
    sh.add_argument("--keep-word", action="append", default=[], metavar="WORD",
                    help="keep this word as written wherever it appears (may be repeated)")
    sh.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="the date ages are computed on (default today)")
    sh.add_argument("--progress", action="store_true", help="show a progress bar even when not on a terminal")
    sh.add_argument("--quiet", action="store_true", help="print nothing but errors and what is still to fix")


def _share(args: argparse.Namespace) -> int:
    from kidsafe.share.export import share

    show = args.progress or (sys.stderr.isatty() and not args.quiet)
    if args.out.endswith(("/", os.sep)):  # Path() would drop the slash and write a ZIP named like the folder
        print(f"kidsafe: --out {args.out} names a folder; give the ZIP's file name, e.g. {args.out}safe-copy.zip",
              file=sys.stderr)
        return EXIT_CANNOT_WRITE
    try:
        report = share(Path(args.path), Path(args.out), faces=args.faces, captions=args.captions,
                       keep_face_of=args.keep_face_of, put_back=args.put_back, keep_words=args.keep_word,
                       as_of=args.as_of, progress=_progress_bar(show))
    except KidsafeError as exc:
        print(f"kidsafe: {exc}", file=sys.stderr)
        return EXIT_NOTHING_READ
    except OSError as exc:
        print(f"kidsafe: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_CANNOT_WRITE
    if not args.quiet:
        print(f"Wrote {report.out}.")
        for label, n in report.counts():  # the same numbers, from the same place, as the app shows
            print(f"{label}: {n}")
        for post in report.left_out:
            # the copy numbers posts in date order, undated ones last; `kidsafe audit` cites the feed's own ids: both
            print(f"sensitive: post {post.post} ({post.date or 'no date'}; post {post.source_post} in the audit), "
                  f"{post.reason}: " + ("put back by you" if post.put_back else "left out"))
        for note in report.notes:
            print(f"note: {note}")
    for failure in report.failures:
        print(f"kidsafe: still to fix: {failure}", file=sys.stderr)
    if not args.quiet:
        print(report.verdict)
    return 0 if report.safe else EXIT_CHECK_FAILED


def _audit(args: argparse.Namespace) -> int:
    options = AuditOptions(ocr=not args.no_ocr, faces=not args.no_faces, nudity=not args.no_nudity)
    show = args.progress or (sys.stderr.isatty() and not args.quiet)
    try:
        result = audit(Path(args.path), as_of=args.as_of, options=options, progress=_progress_bar(show))
    except KidsafeError as exc:
        print(f"kidsafe: {exc}", file=sys.stderr)
        return EXIT_NOTHING_READ
    try:
        dossier = result.dossier  # a feed with nothing readable at all raised above, as the app's audit does
        if args.json_out:
            try:
                Path(args.json_out).write_text(to_json(dossier), encoding="utf-8")
            except OSError as exc:
                print(f"kidsafe: cannot write {args.json_out}: {exc.strerror or exc}", file=sys.stderr)
                return EXIT_CANNOT_WRITE
        if not args.quiet:
            print(to_text(dossier, markdown=args.markdown))
            print(f"\nRead as: {format_words(result.feed.format, result.feed.layout)}.")
    finally:
        result.close()
    return 0


def _inspect(args: argparse.Namespace) -> int:
    from kidsafe.ingest import open_feed
    from kidsafe.ingest.report import reader_report
    from kidsafe.media.photos import read_photo_info

    try:
        with open_feed(Path(args.path)) as feed:
            report = reader_report(feed, lambda path: read_photo_info(feed.source.read(path), path).gps)
    except KidsafeError as exc:
        print(f"kidsafe: {exc}", file=sys.stderr)
        return EXIT_NOTHING_READ
    print("\n".join(report.lines()))
    return 0


def _bench(args: argparse.Namespace) -> int:
    from kidsafe.bench.runner import run_from_cli

    return run_from_cli(args)


def _eval(args: argparse.Namespace) -> int:
    from kidsafe.learn.cli_eval import run_eval

    return run_eval(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    if args.command == "audit":
        return _audit(args)
    if args.command == "share":
        return _share(args)
    if args.command == "inspect":
        return _inspect(args)
    if args.command == "bench":
        return _bench(args)
    if args.command == "eval":
        return _eval(args)
    return 2  # pragma: no cover - argparse rejects unknown commands
