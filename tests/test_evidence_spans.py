"""Evidence read from text carries its span: the part of the post it was read in, the offsets, the words.

The contract (shared/spec/dossier-json.md): ``span.text == texts[span.part][span.start:span.end]``,
where ``texts`` are the post's texts as read (``caption``, ``extra:N``, ``ocr:PHOTO``). Checked here on
small posts, on the graded development feeds and the demo family (through ``python -m kidsafe audit``),
and on a few corpus voices.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from datetime import date, datetime

import pytest

from kidsafe.demo import DEMO_AS_OF, DEMO_FEED
from kidsafe.engine import build_dossier
from kidsafe.engine.views import PostView, TextPart
from kidsafe.learn.cli_eval import DEFAULT_FEEDS
from kidsafe.learn.corpus import load_voice, voice_dirs
from kidsafe.learn.evaluate import graded_feeds, post_views, voice_views
from kidsafe.models import EvidenceSource, Post
from kidsafe.pipeline import audit
from kidsafe.report.dossier_json import to_dict

TEXT_SOURCES = {"caption", "hashtag", "comment", "ocr", "sidecar"}
#: Platform metadata that a sidecar gives without words: a photo's tags and its GPS position.
METADATA_EXCERPTS = ("tagged ", "GPS ")
#: Kinds whose value is written as it is read: their span holds one of its words (or a child's alias).
WRITTEN_KINDS = {"child_name", "school", "town", "pet"}
FEEDS = [feed for feed, _ in graded_feeds(DEFAULT_FEEDS)] if DEFAULT_FEEDS.is_dir() else []
FEW_VOICES = 6


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _says_any(text: str, names: list[str]) -> bool:
    """Whether the text holds a word of one of the names, alone or run together in a hashtag ("#harrogatemums")."""
    run_together = _fold(text).replace(" ", "")
    words = {_fold(w).strip(".,'’") for w in text.split()}
    return any(w in words or len(w) >= 3 and w in run_together
               for n in names for w in (_fold(x).strip(".,'’") for x in n.split()))


def span_problems(dossier: dict, texts: dict[str, dict[str, str]], *, words: bool = True) -> list[str]:
    """Every way the dossier's evidence breaks the span contract (empty when it keeps it)."""
    aliases = {s["id"]: s.get("aliases", []) for s in dossier["subjects"]}
    problems = []
    for fact in dossier["facts"]:
        for ev in fact["evidence"]:
            span = ev.get("span")
            if span is None:
                # evidence of no post (the account holder's name, from the export's profile) has no text to point into
                if ev["post"] is not None and ev["source"] in TEXT_SOURCES and not ev["excerpt"].startswith(METADATA_EXCERPTS):
                    problems.append(f"{fact['kind']} in post {ev['post']}: no span ({ev['excerpt'][:40]!r})")
                continue
            part = texts[ev["post"]].get(span["part"])
            if part is None or part[span["start"]:span["end"]] != span["text"] or not span["text"].strip():
                problems.append(f"{fact['kind']} in post {ev['post']}: {span} is not the words of {span['part']}")
            elif words and fact["kind"] in WRITTEN_KINDS and isinstance(fact["value"], str):
                names = [fact["value"], *aliases.get(fact["subject"], [])]
                if not _says_any(span["text"], names):
                    problems.append(f"{fact['kind']} {fact['value']!r}: span {span['text']!r} holds none of its words")
    return problems


def _view(caption: str, *extra: str, ocr: tuple[str, ...] = (), photo: str = "p/IMG_1.jpg", post: str = "1"
          ) -> PostView:
    parts = [TextPart(caption, EvidenceSource.CAPTION)] if caption else []
    parts += [*(TextPart(t, EvidenceSource.SIDECAR) for t in extra)]
    parts += [TextPart(line, EvidenceSource.OCR, photo) for line in ocr]
    return PostView(post=Post(post, caption, posted_at=datetime(2025, 3, 4, 10)), parts=tuple(parts),
                    posted_local=datetime(2025, 3, 4, 10), local_time=datetime(2025, 3, 4, 10))


def test_parts_are_named_caption_extra_and_ocr_per_photo():
    view = _view("Hi", "a comment", "another", ocr=("OAKFIELD", "PRIMARY"))
    assert [p.name for p in view.parts] == ["caption", "extra:0", "extra:1", "ocr:p/IMG_1.jpg", "ocr:p/IMG_1.jpg"]
    assert view.texts["ocr:p/IMG_1.jpg"] == "OAKFIELD\nPRIMARY"


def test_span_offsets_refer_to_the_text_as_read_before_html_clean_up():
    view = _view("Ivy &amp; Noor<br>at Oakfield")
    assert view.parts[0].text == "Ivy & Noor\nat Oakfield"
    start = view.parts[0].text.index("Oakfield")
    span = view.span(0, start, start + len("Oakfield"))
    assert (span.start, span.end, span.text) == (21, 29, "Oakfield")
    assert view.span(0, 0, 10).text == "Ivy &amp; Noor"


def test_a_long_caption_with_html_maps_its_spans_back_from_one_reading_of_it(monkeypatch):
    """Every span of a cleaned caption maps back through where each character came from; read per span, a caption
    of 50,000 characters with HTML in it took 25 s to audit. The map is made once per part and view."""
    from kidsafe.engine import views

    calls = []
    real = views.plain_positions
    monkeypatch.setattr(views, "plain_positions", lambda *a, **k: calls.append(1) or real(*a, **k))
    view = _view("Ivy &amp; Noor at Oakfield<br>" * 200)
    text = view.parts[0].text
    spans = [view.span(0, m.start(), m.end()) for m in re.finditer("Oakfield", text)]
    assert len(spans) == 200 and {s.text for s in spans} == {"Oakfield"}
    assert spans[1].start == spans[0].start + len("Ivy &amp; Noor at Oakfield<br>")
    assert len(calls) == 1


def test_a_tag_in_typed_text_is_markup_never_a_name_and_spans_still_map_back():
    """"<b>Sophie</b> turns 7 <script>x</script>": the engine reads "Sophie turns 7 x" (a tag is a space); its spans
    point into the caption as typed. A name in angle brackets stays a name; text read in a photo keeps its
    brackets."""
    view = _view("<b>Sophie</b> turns 7 <script>x</script> love to our <Oscar>", ocr=("EXIT <Mia>",))
    assert view.parts[0].text.split() == ["Sophie", "turns", "7", "x", "love", "to", "our", "<Oscar>"]
    start = view.parts[0].text.index("Sophie")
    assert view.span(0, start, start + len("Sophie")).text == "Sophie"
    assert view.parts[-1].text == "EXIT <Mia>"


def test_span_of_folded_text_maps_back_where_folding_changes_lengths():
    view = _view("ﬁrst day for Zoë at Straße")  # the ligature folds to two letters
    low = view.folded[0]
    start = low.index("zoe")
    assert view.span_folded(0, start, start + 3).text == "Zoë"
    start = low.index("strasse")
    assert view.span_folded(0, start, start + len("strasse")).text == "Straße"


def test_a_name_across_two_lines_of_a_sign_is_one_span_of_that_photo():
    view = _view("", ocr=("OAKFIELD", "PRIMARY"))
    span = view.span_joined([0, 1], " ", 0, len("OAKFIELD PRIMARY"))
    assert (span.part, span.text) == ("ocr:p/IMG_1.jpg", "OAKFIELD\nPRIMARY")


def test_engine_evidence_cites_the_words_it_read():
    views = [_view("Happy 5th birthday to our girl Olivia!", "Nana Pat sent love from Harrogate"),
             _view("Olivia's first day at Oakfield Primary School today 🎒 #harrogatemums", post="2")]
    dossier = build_dossier(views, as_of=date(2025, 6, 1))
    cited = {(str(f.kind), e.span.text) for f in dossier.facts for e in f.evidence if e.span}
    assert ("child_name", "Olivia") in cited
    assert ("relative", "Nana Pat") in cited
    assert ("school", "Oakfield Primary School") in cited
    assert ("birthday", "Happy 5th birthday") in cited
    assert ("town", "Harrogate") in cited and ("town", "#harrogatemums") in cited
    texts = {v.id: v.texts for v in views}
    assert span_problems(to_dict(dossier), texts) == []


def test_span_problems_sees_a_span_that_is_not_the_words():
    span = {"part": "caption", "start": 0, "end": 7, "text": "Biscuit"}
    dossier = {"subjects": [], "facts": [{"kind": "pet", "subject": "family", "value": "Biscuit", "evidence": [
        {"post": "1", "source": "caption", "excerpt": "Biscuit!", "span": span},
        {"post": "1", "source": "caption", "excerpt": "Biscuit!"},
        {"post": "1", "source": "sidecar", "excerpt": "tagged as Biscuit"}]}]}
    texts = {"1": {"caption": "Biscuit!"}}
    problems = span_problems(dossier, texts)
    assert len(problems) == 1 and "no span" in problems[0]
    span["text"] = "Bix"
    assert "is not the words" in span_problems(dossier, texts)[0]
    span.update(end=3, text="Bis")
    assert "holds none of its words" in span_problems(dossier, texts)[0]


@pytest.mark.slow
@pytest.mark.parametrize("feed", FEEDS, ids=lambda f: f.name)
def test_every_text_evidence_of_a_feed_has_its_span(feed):
    result = audit(feed, as_of=DEMO_AS_OF)
    try:
        dossier, texts = to_dict(result.dossier), {v.id: v.texts for v in result.views}
    finally:
        result.close()
    assert any("span" in ev for fact in dossier["facts"] for ev in fact["evidence"])
    assert span_problems(dossier, texts) == []


@pytest.mark.slow
def test_the_demo_familys_json_from_the_command_line_has_its_spans(tmp_path):
    out = tmp_path / "dossier.json"
    subprocess.run([sys.executable, "-m", "kidsafe", "audit", str(DEMO_FEED), "--json", str(out),
                    "--as-of", DEMO_AS_OF.isoformat()], check=True, capture_output=True, timeout=300)
    dossier = json.loads(out.read_text(encoding="utf-8"))
    result = audit(DEMO_FEED, as_of=DEMO_AS_OF)
    try:
        texts = {v.id: v.texts for v in result.views}
    finally:
        result.close()
    assert sum("span" in ev for fact in dossier["facts"] for ev in fact["evidence"]) >= 10
    assert span_problems(dossier, texts) == []


@pytest.mark.slow
@pytest.mark.parametrize("voice", voice_dirs()[:FEW_VOICES], ids=lambda d: d.name)
def test_every_text_evidence_of_a_corpus_voice_has_its_span(voice):
    """The words check is left out: a voice's nicknames are pooled with the name ("Gordie" is Gordon)."""
    loaded = load_voice(voice)
    views = voice_views(loaded)
    dossier = build_dossier(views, as_of=date.fromisoformat(loaded.truth["audit_date"]))
    assert span_problems(to_dict(dossier), {v.id: v.texts for v in views}, words=False) == []
    assert any(e.span for f in dossier.facts for e in f.evidence)


def test_post_views_of_posts_name_their_comments_in_order():
    posts = [Post("1", "Caption", extra_text=("first comment", "second comment"))]
    view = post_views(posts)[0]
    assert view.texts == {"caption": "Caption", "extra:0": "first comment", "extra:1": "second comment"}
