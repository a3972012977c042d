"""The one-page take-home handout of a workshop: the family's key facts, the habits that stop them, where to get help.

Print-ready HTML: no size in its @page rule, so it prints on the paper the browser is set to (A4 or
Letter) and fits one page of either; every text from the posts is escaped; no scripts, images or links.
"""

from __future__ import annotations

from html import escape

from kidsafe.models import Dossier
from kidsafe.report.advice import Advice, habits
from kidsafe.report.handout import DISCLAIMER
from kidsafe.report.narrative import child_story, family_story
from kidsafe.report.plain import long_date, sentence_start
from kidsafe.report.summary import ACCOUNT_WORDS, from_account

TITLE = "What a stranger learned from one family's posts"
#: Each child's and the family's story is cut to this many sentences, so that the page stays one page.
SENTENCES_KEPT = 9
#: Where a parent can get help (UK services; each also answers questions from elsewhere by its website).
HELP = (
    ("NSPCC helpline", "advice for any adult worried about a child: 0808 800 5000, nspcc.org.uk"),
    ("CEOP (National Crime Agency)", "report someone who contacts a child online: ceop.police.uk"),
    ("Internet Matters", "step-by-step privacy settings for each app: internetmatters.org"),
    ("Your child's school", "its safeguarding lead can help when a picture or a name is being shared"),
)
#: Sized for the shorter of A4 and Letter (Letter: 279 mm tall), at arm's length.
CSS = """
@page { margin: 12mm; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; background: #fff;
       font-size: 10.5pt; line-height: 1.35; margin: 0 auto; max-width: 46rem; padding: 0 .5rem; }
h1 { font-size: 17pt; margin: 0 0 .2rem; } h2 { font-size: 12.5pt; margin: .7rem 0 .25rem;
     border-bottom: 1.5px solid #111; }
p { margin: .25rem 0; } ol, ul { margin: .2rem 0; padding-left: 1.3rem; } li { margin-bottom: .2rem; }
.meta, .small { color: #333; font-size: 9pt; } section { break-inside: avoid; page-break-inside: avoid; }
"""


def _story(title: str, sentences: tuple[str, ...]) -> str:
    kept = " ".join(sentences[:SENTENCES_KEPT]) + (" …" if len(sentences) > SENTENCES_KEPT else "")
    return f"<p><strong>{escape(title)}.</strong> {escape(kept)}</p>" if sentences else ""


def take_home_html(dossier: Dossier, *, source: str = "", chosen: tuple[Advice, ...] | None = None) -> str:
    """The one-page handout for this dossier, as a complete HTML document."""
    facts = [_story(child.name or "A child", child_story(dossier, child.id)) for child in dossier.children]
    facts.append(_story("The family", family_story(dossier)))
    known = "".join(facts) or "<p>No child was named in these posts.</p>"
    tips = "".join(f"<li><strong>{escape(a.title)}.</strong> {escape(a.text)}</li>"
                   for a in (chosen if chosen is not None else habits(dossier)))
    help_items = "".join(f"<li><strong>{escape(name)}</strong>: {escape(what)}</li>" for name, what in HELP)
    meta = f"{escape(sentence_start(source) + ': ') if source else ''}{dossier.posts_read} posts, read on {long_date(dossier.audit_date)}"
    # the account's name is read from the export's profile, not from any post
    read = f"the posts and {ACCOUNT_WORDS}" if any(from_account(f) for f in dossier.facts) else "the posts"
    body = (f"<h1>{escape(TITLE)}</h1><p class=meta>{meta}. Every fact below comes from {escape(read)} alone.</p>"
            f"<section><h2>What a stranger now knows</h2>{known}</section>"
            f"<section><h2>Five habits that stop it</h2><ol>{tips}</ol></section>"
            f"<section><h2>Where to get help</h2><ul>{help_items}</ul></section>"
            f"<p class=small>{escape(DISCLAIMER)} Made offline with kidsafe.</p>")
    return ("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width, initial-scale=1'>"
            "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{escape(TITLE)}</title><style>{CSS}</style></head><body>{body}</body></html>\n")
