"""Tests of ``python -m kidsafe bench`` and its parts: the synthetic feed, the report's structure, skipped baselines.

The whole benchmark runs once, on 12 posts; speed is asserted nowhere (machines differ and are shared).
"""

from __future__ import annotations

import gc
import json
import re
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from kidsafe import pipeline
from kidsafe.bench import baselines, runner
from kidsafe.bench.captions import FAMILIES, plan_posts
from kidsafe.bench.feed import PHOTO_SIZE, write_feed
from kidsafe.bench.memory import RssSampler, rss_mb
from kidsafe.bench.report import STAGES, BenchReport
from kidsafe.cli import main
from kidsafe.media import photos
from kidsafe.models import PhotoInfo

POSTS = 12
COMPARISONS = {"EXIF/GPS", "image prep vs floor", "image stage (no OCR) vs floor", "faces vs deface", "captions"}
TARGETS = {"end to end", "memory", "captions", "faces vs deface", "EXIF/GPS", "image stage"}


def _bench_dirs() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("kidsafe-bench-*")}


@pytest.fixture(scope="module")
def bench_run() -> tuple[BenchReport, set[str], set[str]]:
    """One small benchmark run, and the temporary bench folders before and after it."""
    before = _bench_dirs()
    report = runner.run_bench(runner.BenchOptions(posts=POSTS, runs=1))
    return report, before, _bench_dirs()


# --- The synthetic feed -------------------------------------------------------------------------------


def test_bench_plan_is_deterministic_and_varied():
    family, posts = plan_posts(300, seed=4)
    assert (family, posts) == plan_posts(300, seed=4)
    captions = [p.caption for p in posts]
    assert len(set(captions)) > 0.6 * len(captions)
    assert len({p.id for p in posts}) == 300
    assert sum(bool(p.sign) for p in posts) > 10  # some photos show text for OCR
    assert sum(p.gps is None for p in posts) > 0  # and a few carry no position
    names = {c.name for c in family.children}
    assert sum(any(n in c for n in names) for c in captions) > 50


@pytest.mark.parametrize("seed", range(len(FAMILIES)))
def test_bench_every_family_writes_posts(seed):
    family, posts = plan_posts(40, seed=seed)
    assert family is FAMILIES[seed]
    assert all(p.posted >= p.taken for p in posts)


def test_bench_feed_photos_carry_date_and_gps(tmp_path):
    feed = write_feed(tmp_path / "feed", 6, seed=1, workers=1)
    assert (tmp_path / "feed" / "posts.csv").is_file()
    for post, name in zip(feed.posts, feed.photo_names, strict=True):
        info = photos.read_photo_info((tmp_path / "feed" / name).read_bytes(), name)
        assert (info.width, info.height, info.format) == (*PHOTO_SIZE, "JPEG")
        assert info.taken_at == post.taken
        if post.gps is None:
            assert info.gps is None
        else:
            assert info.gps.lat == pytest.approx(post.gps.lat, abs=1e-5)
            assert info.gps.lon == pytest.approx(post.gps.lon, abs=1e-5)


# --- The report -----------------------------------------------------------------------------------------


def test_bench_report_structure(bench_run):
    report, _, _ = bench_run
    data = json.loads(report.to_json())
    assert data["schema"] == "kidsafe.bench/1"
    assert {"cores", "memory_gb", "cpu", "python", "load_before", "load_after"} <= data["machine"].keys()
    assert data["feed"]["posts"] == data["feed"]["photos"] == POSTS
    assert data["options"] == {"ocr": True, "faces": True, "nudity": True, "workers": 2, "runs": 1,
                               "image_sample": POSTS}
    e = data["end_to_end"]
    assert e["wall_s"] > 0 and e["cpu_s"] > 0 and e["posts_per_s"] > 0
    assert e["peak_rss_mb"] >= e["start_rss_mb"] > 0
    assert 0 <= e["ocr_read"] <= e["ocr_text_photos"] == report.feed["text_photos"]
    assert {"feed", "photos", "captions", "dossier"} <= e["phases_s"].keys()


def test_bench_report_every_stage_in_order(bench_run):
    report, _, _ = bench_run
    assert [s.name for s in report.stages] == [name for name, _ in STAGES]
    by_name = {s.name: s for s in report.stages}
    for name in ("reading", "exif", "decode", "text_check", "faces", "nudity"):
        assert by_name[name].count >= POSTS, name
    assert by_name["captions"].count == 2  # the captions during the photos, then the text read in them
    for stage in report.stages:
        assert stage.wall_s >= 0 and stage.cpu_s >= 0
        if stage.count:
            assert stage.peak_rss_mb and stage.peak_rss_mb > 0


def test_bench_report_side_by_side(bench_run):
    report, _, _ = bench_run
    by_name = {c.name: c for c in report.comparisons}
    assert by_name.keys() == COMPARISONS
    for c in report.comparisons:
        assert c.runs == 1 and c.items > 0 and c.kidsafe_s is not None and c.kidsafe_s > 0
    exif = by_name["EXIF/GPS"]
    assert exif.items == POSTS
    assert exif.found["kidsafe_gps"] == sum(p.gps is not None for p in plan_posts(POSTS)[1])
    if exif.baseline_s is not None:  # exiftool installed: both read the same positions
        assert exif.found["agree"] == exif.found["compared"] == POSTS
    deface = by_name["faces vs deface"]
    assert deface.items == POSTS and deface.baseline_s is not None and deface.baseline_s > 0
    assert deface.found["kidsafe_faces"] == 0  # the bench's drawn photos show no face, to either detector
    captions = by_name["captions"]
    assert captions.items == POSTS
    assert sum(captions.found["kidsafe_facts"].values()) > 0


def test_bench_report_targets(bench_run):
    report, _, _ = bench_run
    targets = {t.name: t for t in report.targets}
    assert targets.keys() == TARGETS
    assert targets["end to end"].met is None  # 12 posts do not measure a 1,000-post target
    assert "--posts 1000" in targets["end to end"].note
    assert targets["memory"].met in (True, False)
    assert targets["faces vs deface"].met in (True, False)
    captions = {c.name: c for c in report.comparisons}["captions"]
    if captions.baseline_s is not None:  # Presidio installed: judged against its batch engine
        assert targets["captions"].measured.startswith(f"{captions.found['presidio_batch_speedup']:.2f}x")


def test_bench_report_as_text_and_markdown(bench_run):
    report, _, _ = bench_run
    text = report.to_text()
    for heading in ("End to end", "Side by side", "Targets"):
        assert heading in text
    for name, _ in STAGES:
        assert re.search(rf"^{name}\s", text, re.M), name
    markdown = report.to_text(markdown=True)
    assert markdown.startswith("# kidsafe benchmark")
    assert "| stage | wall s |" in markdown


def test_bench_removes_its_temporary_feed(bench_run):
    _, before, after = bench_run
    assert after <= before


def test_bench_cli_prints_and_writes_the_report(bench_run, monkeypatch, tmp_path, capsys):
    report, _, _ = bench_run
    seen = []
    monkeypatch.setattr(runner, "run_bench", lambda options, say=None: seen.append(options) or report)
    assert main(["bench", "--posts", "7", "--no-ocr", "--runs", "2", "--out", str(tmp_path / "out")]) == 0
    assert seen == [runner.BenchOptions(posts=7, ocr=False, runs=2)]
    assert "Side by side" in capsys.readouterr().out
    assert json.loads((tmp_path / "out" / "bench.json").read_text())["schema"] == "kidsafe.bench/1"
    assert (tmp_path / "out" / "bench.md").read_text().startswith("# kidsafe benchmark")


@pytest.mark.parametrize("argv", [["--posts", "0"], ["--runs", "0"]])
def test_bench_cli_rejects_nothing_to_measure(argv, capsys):
    assert main(["bench", *argv]) == 2
    assert "at least 1" in capsys.readouterr().err


def test_bench_cli_out_must_be_a_folder(tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    assert main(["bench", "--posts", "3", "--out", str(tmp_path / "file")]) == 2
    assert "must be a folder" in capsys.readouterr().err


# --- Missing baselines are skipped with a note ------------------------------------------------------------


@pytest.fixture(scope="module")
def small_feed(tmp_path_factory):
    return write_feed(tmp_path_factory.mktemp("bench") / "feed", 5, seed=2, workers=1)


def test_bench_without_exiftool_says_how_to_install(small_feed, monkeypatch):
    monkeypatch.setattr(baselines.shutil, "which", lambda name: None)
    comparison = runner._exif(small_feed, runner.BenchOptions(posts=5, runs=1))
    assert comparison.baseline_s is None and comparison.speedup is None
    assert comparison.kidsafe_s is not None
    assert "exiftool skipped" in comparison.note and "libimage-exiftool-perl" in comparison.note


def test_bench_without_presidio_says_how_to_install(small_feed, monkeypatch):
    def missing():
        raise baselines.Unavailable(f"presidio-analyzer is not installed: {baselines.PRESIDIO_INSTALL}")

    monkeypatch.setattr(baselines, "presidio_analyzer", missing)
    comparison = runner._captions(small_feed, runner.BenchOptions(posts=5, runs=1))
    assert comparison.baseline_s is None and comparison.speedup is None
    assert "Presidio skipped" in comparison.note and "requirements-bench.txt" in comparison.note


def test_bench_gps_agreement_counts_matching_readings():
    ours = {"a": (1.0, 2.0), "b": None, "c": (5.0, 6.0), "d": (1.0, 1.0)}
    theirs = {"a": (1.000001, 2.0), "b": None, "c": (5.1, 6.0)}
    assert baselines.gps_agreement(ours, theirs) == (2, 4)


def test_bench_interleaved_alternates_and_keeps_every_result():
    order = []
    timed = baselines.interleaved({"x": lambda: order.append("x") or len(order),
                                   "y": lambda: order.append("y") or len(order)}, 3)
    assert order == ["x", "y", "y", "x", "x", "y"]
    assert timed["x"].results == [1, 4, 5] and len(timed["y"].wall) == 3


# --- Memory sampling and the pipeline's timing hooks -------------------------------------------------------


def test_bench_rss_sampler_sees_an_allocation():
    with RssSampler(interval=0.001) as rss:
        gc.collect()
        before = rss_mb()  # not rss.first: the process may still be handing back an earlier test's memory
        block = bytearray(64 * 2**20)
        block[::4096] = b"x" * len(block[::4096])
        rss._sample()
        del block
    assert rss.peak() >= before + 50
    assert rss_mb() > 0


def test_bench_pipeline_timings_cover_every_photo_stage(feed_folder, jpeg_with_gps):
    folder = feed_folder({f"p{i}.jpg": jpeg_with_gps(51.5, -0.1, size=(640, 480)) for i in range(3)})
    timings = pipeline.Timings()
    result = pipeline.audit(folder, as_of=date(2025, 1, 1), options=pipeline.AuditOptions(nudity=False),
                            timings=timings)
    assert Counter(timings.counts) >= Counter({"exif": 3, "decode": 3, "text_check": 3, "faces": 3, "reading": 4})
    assert {"feed", "photos", "captions", "dossier"} <= timings.phases.keys()
    assert all(end >= start for start, end in timings.phases.values())
    assert "nudity" not in timings.counts and "ocr" not in timings.counts  # no text in a plain photo
    assert len(result.photo_info) == 3


@pytest.mark.parametrize(("size", "fmt", "side"), [
    ((1600, 1200), "JPEG", 600),  # 1/2 scale: 800x600, then 600x450
    ((4032, 3024), "JPEG", 640),  # 1/4 scale already reaches 640
    ((1920, 1080), "JPEG", 640),  # the short side is too short for a reduced decode
    ((640, 480), "JPEG", 640),
    ((1600, 1200), "PNG", 640),  # no draft mode outside JPEG
])
def test_bench_detector_side_picks_a_cheap_decode(size, fmt, side):
    info = PhotoInfo(path="x", width=size[0], height=size[1], format=fmt)
    assert pipeline.detector_side(info, 640) == side
    assert pipeline.detector_side(None, 640) == 640
