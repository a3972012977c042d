"""A readable text (or Markdown) summary of a dossier: what a stranger now knows, child by child."""

from __future__ import annotations

import re
from typing import Any

from kidsafe.kinds import KINDS
from kidsafe.models import FAMILY, Dossier, Fact, FactKind

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def _month_day(v: Any) -> str | None:
    return f"{int(v[3:])} {MONTHS[int(v[:2]) - 1]}" if isinstance(v, str) and len(v) == 5 else None


def _weekly(v: Any) -> str | None:
    if not isinstance(v, dict):
        return None
    text = f"{v.get('weekday')}s"
    if v.get("time"):
        text += f" at {v['time']}"
    if v.get("activity"):
        text += f": {v['activity']}"
    return text


def _point(v: Any) -> str | None:
    return f"{v.get('lat'):.4f}, {v.get('lon'):.4f}" if isinstance(v, dict) else None


def _place(v: Any) -> str | None:
    if not isinstance(v, dict):
        return None
    name = v.get("name") or "a place"
    kind = v.get("what") or v.get("role")
    if isinstance(v.get("lat"), (int, float)) and isinstance(v.get("lon"), (int, float)):
        return f"{name} ({kind}) at {v['lat']:.4f}, {v['lon']:.4f}"
    return f"{name} ({kind})"


#: How a value of each shape (``Kind.value``) is written; a shape not here, or a value not of its shape, is
#: written as it is.
DESCRIBERS = {"month_day": _month_day, "weekly": _weekly, "home": _point, "gps": _point, "place": _place}
#: Where evidence of no post comes from: an export names whose account it is in its own files.
ACCOUNT_WORDS = "your account's profile"


def describe_value(fact: Fact) -> str:
    """A fact's value in words ("14 September", "Tuesdays at 09:40: swimming")."""
    describe = DESCRIBERS.get(KINDS[fact.kind].value)
    said = describe(fact.value) if describe else None
    return str(fact.value) if said is None else said


def from_account(fact: Fact) -> bool:
    """Some of the fact's evidence is read from the export's own files (the account's name), not from a post."""
    return any(not e.post for e in fact.evidence)


def _cited(fact: Fact) -> str:
    """The posts a line cites, and the account's profile when the export names the fact there."""
    cited = [f"posts {', '.join(fact.posts[:6])}" + ("…" if len(fact.posts) > 6 else "")] if fact.posts else []
    return "; ".join(cited + ([ACCOUNT_WORDS] if from_account(fact) else []))


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&=^\"'/@%])")
"""Every ASCII punctuation mark Markdown may read as syntax; CommonMark lets each be backslash-escaped."""


def markdown_literal(text: str) -> str:
    """Text from the posts made literal in Markdown: a post id or name like "<b>" or "[x](y)" is shown, not read."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _line(dossier: Dossier, fact: Fact, markdown: bool) -> str:
    from kidsafe.report.plain import fact_words  # plain words build on describe_value above: imported when used

    sure = "" if fact.confidence >= 0.5 else " (possible)"
    label = KINDS[fact.kind].label
    if markdown:
        return f"- {label}: {markdown_literal(fact_words(dossier, fact))}{sure}  \\[{markdown_literal(_cited(fact))}\\]"
    return f"  {label}: {fact_words(dossier, fact)}{sure}  [{_cited(fact)}]"


def to_text(dossier: Dossier, markdown: bool = False) -> str:
    """The dossier as lines a person reads: each child, then the family, then warnings."""
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    posts = f"{dossier.posts_read} post{'s' if dossier.posts_read != 1 else ''}"
    out = [f"{h1}The stranger's dossier ({posts}, as of {dossier.audit_date})", ""]
    lit = markdown_literal if markdown else str
    for child in dossier.children:
        aliases = f" (also {', '.join(child.aliases)})" if child.aliases else ""
        out.append(f"{h2}{lit(child.name + aliases)}")
        for fact in dossier.facts_about(child.id):
            if fact.kind is not FactKind.CHILD_NAME:
                out.append(_line(dossier, fact, markdown))
        out.append("")
    family = [f for f in dossier.facts_about(FAMILY) if f.kind is not FactKind.LOCATION_LEAK]
    leaks = dossier.facts_of_kind(FactKind.LOCATION_LEAK)
    out.append(f"{h2}The family")
    out += [_line(dossier, f, markdown) for f in family]
    if leaks:
        noun = "post carries its GPS position" if len(leaks) == 1 else "posts carry GPS positions"
        out.append(f"{'- ' if markdown else '  '}{len(leaks)} {noun}")
    if not dossier.children and not family and not leaks:
        out.append("  Nothing found. kidsafe can miss things: an empty dossier is not proof of safety.")
    elif not family and not leaks:
        out.append(f"{'- ' if markdown else '  '}Nothing about the family as a whole.")
    if dossier.warnings:
        out += ["", f"{h2}Warnings ({len(dossier.warnings)})"]
        out += [f"{'- ' if markdown else '  '}{lit(w.file)}: {lit(w.message)}" for w in dossier.warnings[:50]]
        if len(dossier.warnings) > 50:
            out.append(f"  … and {len(dossier.warnings) - 50} more")
    if dossier.skipped_checks:
        out += ["", "Checks that did not run: " + "; ".join(dossier.skipped_checks)]
    return "\n".join(out)
