"""A printable handout: the stranger's dossier and the advice, as one self-contained, print-ready HTML page."""

from __future__ import annotations

from html import escape

from kidsafe.kinds import KINDS
from kidsafe.models import Dossier, Fact, FactKind
from kidsafe.report.advice import ADVICE, Advice
from kidsafe.report.narrative import child_story, family_story
from kidsafe.report.plain import Places, fact_words, given_away_by, long_date, sentence_start
from kidsafe.report.risk import assess

TITLE = "What a stranger learns from these posts"

DISCLAIMER = ("kidsafe can miss things: what is not listed here may still be out there. "
              "An empty section is not proof of safety.")
#: Print-friendly styles: black on white, large enough to read at arm's length, no page-split rows.
CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; background: #fff;
       max-width: 52rem; margin: 2rem auto; padding: 0 1rem; font-size: 12pt; line-height: 1.45; }
h1 { font-size: 22pt; margin-bottom: .2rem; } h2 { font-size: 16pt; margin-top: 1.6rem;
     border-bottom: 2px solid #111; } h3 { font-size: 13pt; }
.meta, .disclaimer { color: #333; font-size: 10pt; }
.risk { font-weight: 700; } table { border-collapse: collapse; width: 100%; margin: .6rem 0; }
th, td { border: 1px solid #555; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #eee; } tr, li, section { break-inside: avoid; page-break-inside: avoid; }
ol.advice li { margin-bottom: .5rem; }
@page { margin: 15mm; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
"""
#: How sure the dossier is, in words (the percentage alone means little to a parent).
SURENESS = ((0.9, "certain"), (0.7, "very likely"), (0.5, "likely"), (0.0, "possible"))


def sureness(confidence: float) -> str:
    """A confidence in words and per cent ("very likely, 80%")."""
    word = next(w for limit, w in SURENESS if confidence >= limit)
    return f"{word}, {round(confidence * 100)}%"


def _facts_table(dossier: Dossier, facts: tuple[Fact, ...]) -> str:
    rows = []
    places = Places(dossier)
    for fact in facts:
        if fact.kind is FactKind.LOCATION_LEAK:
            continue
        rows.append(f"<tr><td>{escape(KINDS[fact.kind].label)}</td>"
                    f"<td>{escape(fact_words(dossier, fact, places))}</td><td>{escape(sureness(fact.confidence))}</td>"
                    f"<td>{escape(given_away_by(fact))}</td></tr>")
    if not rows:
        return ""
    head = "<tr><th>What</th><th>Value</th><th>How sure</th><th>Posts</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def _paragraph(sentences: tuple[str, ...]) -> str:
    return f"<p>{escape(' '.join(sentences))}</p>" if sentences else ""


def handout_html(dossier: Dossier, *, title: str = TITLE, source: str = "",
                 advice: tuple[Advice, ...] = ADVICE) -> str:
    """The dossier (each child, then the family) and the advice, as a complete HTML document.

    Every text from the posts is escaped; the page has no scripts, images or outside links, and
    prints on A4 or Letter from any browser.
    """
    parts = [f"<h1>{escape(title)}</h1>",
             f"<p class=meta>{escape(sentence_start(source) + ': ' if source else '')}{dossier.posts_read} posts read; "
             f"ages as of {long_date(dossier.audit_date)}.</p>"]
    for child in dossier.children:
        risk = assess(dossier, child.id)
        reasons = "".join(f"<li>{escape(r)}</li>" for r in risk.reasons)
        parts.append(f"<section><h2>{escape(child.name or child.id)}</h2>"
                     f"<p class=risk>Risk: {escape(risk.label)}</p><ul>{reasons}</ul>"
                     f"{_paragraph(child_story(dossier, child.id))}"
                     f"{_facts_table(dossier, dossier.facts_about(child.id))}</section>")
    family = family_story(dossier)
    parts.append(f"<section><h2>The family</h2>{_paragraph(family) or '<p>Nothing found about the family.</p>'}"
                 f"{_facts_table(dossier, dossier.facts_about('family'))}</section>")
    if not dossier.children:
        parts.append("<p>No child was named in these posts.</p>")
    tips = "".join(f"<li><strong>{escape(a.title)}.</strong> {escape(a.text)}</li>" for a in advice)
    parts.append(f"<section><h2>What to do</h2><ol class=advice>{tips}</ol></section>")
    parts.append(f"<p class=disclaimer>{escape(DISCLAIMER)} Made offline with kidsafe.</p>")
    return ("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width, initial-scale=1'>"
            "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>{''.join(parts)}</body></html>\n")
