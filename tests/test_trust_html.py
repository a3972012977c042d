"""No HTML injection: hostile captions, post ids, file names, hashtags and text inside photos, on every page.

A feed whose every user-controlled string carries a payload (``<script>``, ``<img onerror>``,
``javascript:`` links, Markdown and Streamlit markup) is audited in the app (AppTest). Then every
element of every page is read from its protobuf: any text that Streamlit renders as Markdown (bodies,
labels, help, captions, alerts, expanders) is rendered with a CommonMark parser and must hold no raw
HTML, no link and no image; raw-HTML elements must hold no user text at all; ``allow_html`` is never on
where user text is. The browser half (dialogs, visible text) is in test_trust_browser.py.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToDict
from markdown_it import MarkdownIt
from PIL import Image, ImageDraw, ImageFont

from kidsafe.pipeline import AuditOptions

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[click me](javascript:alert(3))",
    "<javascript:alert(4)>",
    '<a href="javascript:alert(5)">tap</a>',
    "![pixel](http://tracker.example/p.png?alert=6)",
    "**bold** _it_ `code` ~~gone~~ $x^2$ :red[red] :material/home: <b>b</b> www.example.com",
)
#: A file name may not hold "/" (it is a path separator): these names carry the rest.
PHOTO_NAMES = ("<img src=x onerror=alert(7)>.jpg", "[pic](javascript:alert(8)).jpg", "photo3.jpg",
               "ocr sign.jpg", "<script>alert(12)</script>.jpg")
HOSTILE_ID = "<img src=x onerror=alert(9)>"
OCR_LINES = ("Maya <img src=x onerror=alert(10)>", "Theo [x](javascript:alert(11))")
HOME = (51.4545, -2.5879)
#: Anything holding one of these is user text carrying a payload.
MARKERS = re.compile(r"alert|javascript|tracker\.example|onerror|<b>")
#: Element types that show text literally (never as Markdown or HTML).
LITERAL_TYPES = frozenset({"text", "code", "dataframe", "arrow_data_frame", "json", "arrow_vega_lite_chart",
                           "vega_lite_chart", "deck_gl_json_chart", "table", "arrow_table", "exception"})
#: Proto fields Streamlit renders as Markdown.
MARKDOWN_FIELDS = frozenset({"body", "label", "help", "caption", "captions", "text", "title", "description"})
FORBIDDEN_TOKENS = frozenset({"html_inline", "html_block", "link_open", "image"})
MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
MD.validateLink = lambda url: True  # a link with an unsafe URL is still a link (browsers get an empty href)


def _exif(lat: float, lon: float, taken: str) -> bytes:
    def dms(value: float) -> tuple[int, int, float]:
        value = abs(value)
        minutes = (value - int(value)) * 60
        return int(value), int(minutes), round((minutes - int(minutes)) * 60, 4)

    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = taken
    exif.get_ifd(0x8825).update({1: "N" if lat >= 0 else "S", 2: dms(lat), 3: "E" if lon >= 0 else "W",
                                 4: dms(lon)})
    return exif.tobytes()


def photo(taken: str, color: tuple[int, int, int], lines: tuple[str, ...] = ()) -> bytes:
    """A JPEG with EXIF date and home GPS; with ``lines``, large black text on white (for OCR)."""
    if lines:
        image = Image.new("RGB", (1100, 180 + 110 * len(lines)), "white")
        font = ImageFont.load_default(size=56)
        draw = ImageDraw.Draw(image)
        for i, line in enumerate(lines):
            draw.text((60, 90 + 110 * i), line, fill="black", font=font)
    else:
        image = Image.new("RGB", (96, 72), color)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, exif=_exif(*HOME, taken))
    return out.getvalue()


def hostile_feed() -> bytes:
    """A plain-format ZIP where every caption, id, file name, hashtag and photo text carries a payload."""
    rows = [
        ("1", "2024-05-18 18:05", f"Happy 7th birthday to our Maya! {PAYLOADS[0]} #__Maya__ #birthday",
         PHOTO_NAMES[0]),
        ("2", "2024-09-04 08:50", f"First day back at Brookfield Primary School for Maya and Theo {PAYLOADS[1]} "
         f"{PAYLOADS[2]}", PHOTO_NAMES[1]),
        (HOSTILE_ID, "2024-10-12 19:10", f"Theo turns 4 today!! {PAYLOADS[3]} {PAYLOADS[4]}", PHOTO_NAMES[2]),
        ("4", "2024-11-03 13:30", f"Sunday roast at Grandma Rose's {PAYLOADS[5]} {PAYLOADS[6]}", PHOTO_NAMES[3]),
        ("5", "2024-11-09 10:00", "Park day for Theo", PHOTO_NAMES[4]),
    ]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "date", "caption", "images"])
    writer.writerows(rows)
    files = {"posts.csv": out.getvalue().encode(),
             PHOTO_NAMES[0]: photo("2024:05:18 17:40:00", (200, 80, 60)),
             PHOTO_NAMES[1]: photo("2024:09:04 08:30:00", (60, 80, 200)),
             PHOTO_NAMES[2]: photo("2024:10:12 18:00:00", (60, 200, 80)),
             PHOTO_NAMES[3]: photo("2024:11:03 13:00:00", (0, 0, 0), OCR_LINES),
             PHOTO_NAMES[4]: b"not a photo at all"}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


# --- Reading what a page would show ---------------------------------------------------------------


def strings(value: object, key: str = "") -> Iterator[tuple[str, str]]:
    """(field name, text) of every string in a proto turned into a dict."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v, key)
    elif isinstance(value, str):
        yield key, value


def node_type(node: object) -> str:
    kind = getattr(node, "type", None) or type(node).__name__
    return str(kind).lower()


def rendered(markdown: str) -> tuple[list[str], str]:
    """The kinds of forbidden token CommonMark makes of ``markdown``, and its visible text."""
    bad, text = [], []
    for token in MD.parse(markdown):
        for t in [token, *(token.children or [])]:
            if t.type in FORBIDDEN_TOKENS:
                bad.append(f"{t.type}: {t.content or t.attrs}")
            if t.type in ("text", "code_inline"):
                text.append(t.content)
    return bad, " ".join(text)


def page_problems(at) -> tuple[list[str], str, int]:
    """What on the current page lets a payload through, all the text the page shows, and how many
    Markdown fields holding a payload were checked."""
    problems, shown, checked = [], [], 0
    for node in at._tree:
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "DESCRIPTOR"):
            continue
        kind = node_type(node)
        if kind in ("dataframe", "arrow_data_frame", "table"):  # cells live in Arrow bytes: read them back
            frame = node.value
            shown += [str(v) for v in [*frame.columns, *frame.to_numpy().ravel()]]
        fields = MessageToDict(proto, preserving_proto_field_name=True)
        hostile = [(k, s) for k, s in strings(fields) if MARKERS.search(s)]
        if kind == "html" or fields.get("allow_html") or fields.get("unsafe_allow_html"):
            problems += [f"{kind} with raw HTML shows user text: {s[:120]!r}" for _, s in hostile]
            continue
        for key, text in strings(fields):
            if kind in LITERAL_TYPES or key not in MARKDOWN_FIELDS:
                shown.append(text)
                continue
            bad, visible = rendered(text)
            shown.append(visible)
            if MARKERS.search(text):
                checked += 1
                problems += [f"{kind}.{key} {text[:160]!r} -> {b}" for b in bad]
                if re.search(r"(?<!\\)(?:https?:|www\.)", text):
                    problems.append(f"{kind}.{key} {text[:160]!r} -> a bare URL GFM would link")
    return problems, "\n".join(shown), checked


def app_session():
    from streamlit.testing.v1 import AppTest

    from ui import state

    at = AppTest.from_file(APP, default_timeout=600)
    at.session_state[state.OPTIONS] = AuditOptions()
    return at.run()


def upload(at, name: str, data: bytes, mime: str = "application/zip"):
    at.file_uploader[0].set_value((name, data, mime)).run()
    next(b for b in at.button if b.label == "Audit these posts").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(scope="module")
def hostile_session():
    return upload(app_session(), "family <img src=x onerror=alert(13)>.zip", hostile_feed())


PAGES = ("pages/load.py", "pages/dossier.py", "pages/fix.py", "pages/where_when.py", "pages/workshop.py",
         "pages/privacy.py")


@pytest.mark.load
@pytest.mark.filterwarnings("ignore")
def test_html_every_page_shows_hostile_text_only_as_text(hostile_session):
    from ui import state

    at = hostile_session
    run = at.session_state[state.RUN]
    assert run.result.findings and any(
        "onerror" in line for f in run.result.findings.values() for line in f.ocr_lines), "OCR read the payload"
    assert {"Maya", "Theo"} <= {c.name for c in run.dossier.children}
    problems, shown, checked = [], [], {}

    def read(page: str) -> None:
        found, text, n = page_problems(at)
        problems.extend(f"{page}: {p}" for p in found)
        shown.append(text)
        checked[page] = checked.get(page, 0) + n

    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        read(page)
        if page == "pages/workshop.py":  # step through the whole reveal
            while not next(b for b in at.button if b.label == "Next").disabled:
                next(b for b in at.button if b.label == "Next").click().run()
                read(page)
    assert not problems, "\n".join(problems)
    print(f"\nMarkdown fields holding a payload, checked per page: {checked}")
    assert all(checked[p] for p in ("pages/dossier.py", "pages/fix.py")), checked
    everything = "\n".join(shown)
    # Shown, character for character (a payload that vanished would hide what the parent posted).
    for payload in (*PAYLOADS[:3], PHOTO_NAMES[4], OCR_LINES[0], "family <img src=x"):
        assert payload in everything, payload
    assert HOSTILE_ID not in everything  # a post is named by its date and words, never by its id


@pytest.mark.load
def test_html_load_error_quoting_hostile_text_is_text():
    column = "<img src=x onerror=alert(14)> [x](javascript:alert(15))"
    at = upload(app_session(), "posts.csv", f"id,date,caption,images,{column}\n".encode(), "text/csv")
    assert at.error and "no posts found" in at.error[0].value, "the unreadable upload is reported"
    problems, shown, checked = page_problems(at)
    assert not problems, problems
    assert checked and column[:40] in shown, "the error quotes the file's own text, shown as typed"


def test_html_handout_escapes_every_user_string():
    """The printable handout is an HTML file a parent opens in their browser: no user text as markup."""
    from html.parser import HTMLParser

    from kidsafe.pipeline import audit
    from kidsafe.report.handout import handout_html

    result = audit(hostile_feed(), options=AuditOptions(ocr=False, faces=False, nudity=False))
    result.close()
    page = handout_html(result.dossier, source=f"feed {PAYLOADS[1]}")

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[tuple[str, dict]] = []
            self.text: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.tags.append((tag, dict(attrs)))

        def handle_data(self, data):
            self.text.append(data)

    parser = Tags()
    parser.feed(page)
    assert not [t for t in parser.tags if t[0] in ("script", "img", "a", "iframe", "object", "embed")]
    assert not [t for t in parser.tags if any(k.startswith("on") or "javascript" in (v or "") for k, v in t[1].items())]
    assert "<img src=x onerror=alert(2)>" in "".join(parser.text), "the source name is shown as text"


CONTROL_APP = '''
import streamlit as st
payload = {payload!r}
st.{call}
'''
CONTROLS = [
    ("markdown(payload)", True),
    ("markdown(payload, unsafe_allow_html=True)", True),
    ("html('<p>' + payload + '</p>')", True),
    ("caption(payload)", True),
    ("expander(payload).write('x')", True),
    ("checkbox(payload)", True),
    ("info(payload)", True),
    ("text(payload)", False),
    ("code(payload)", False),
    ("dataframe({'a': [payload]})", False),
    ("markdown(__import__('ui.render', fromlist=['esc']).esc(payload))", False),
]


@pytest.mark.parametrize(("call", "unsafe"), CONTROLS,
                         ids=[c[0].split("(")[0] + str(i) for i, c in enumerate(CONTROLS)])
@pytest.mark.parametrize("payload", [PAYLOADS[1], PAYLOADS[2]])
def test_html_page_reader_catches_unescaped_user_text(call, unsafe, payload):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(CONTROL_APP.format(payload=payload, call=call)).run()
    assert not at.exception, [e.value for e in at.exception]
    problems, shown, _ = page_problems(at)
    assert bool(problems) == unsafe, problems
    assert unsafe or payload in shown


def test_escaped_text_holds_no_web_or_email_address_markdown_would_link():
    """GitHub's Markdown links "www.", "https://" and e-mail addresses in the text it parsed, escapes or not: a word
    joiner breaks each, and the text reads the same."""
    from ui.render import esc

    text = "party at www.evil.example, pics https://evil.example/p and me@evil.example"
    out = esc(text)
    assert out.count("\u2060") == 3
    assert out.replace("\u2060", "").replace("\\", "") == text
