"""Fix it: for each leaking post, the changes that stop its leaks, ranked by how much each removes.

``plan_fixes`` reads the evidence: a fact goes when every piece of its evidence is covered by the
change (it is "weakened" when some is). ``apply_fixes`` then re-runs the stranger engine over the
posts as they would be after the changes, without decoding a photo again, so the dossier's real
shrinking can be shown.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from kidsafe import nlp
from kidsafe.engine import build_dossier
from kidsafe.engine import lexicon as lx
from kidsafe.engine.text import fold, mask_for_nlp
from kidsafe.engine.views import PostView
from kidsafe.errors import ExtractorUnavailable
from kidsafe.kinds import kinds_where
from kidsafe.models import Dossier, Evidence, EvidenceSource, Fact, FactKind, PhotoInfo, Post
from kidsafe.pipeline import AuditResult, PhotoFindings, build_views
from kidsafe.report.leaks import find_spans, leak_terms, segments, without_terms


class Change(StrEnum):
    """A change to one post that stops (some of) its leaks."""

    DELETE_POST = "delete_post"
    REMOVE_LOCATION = "remove_location"
    DROP_HASHTAGS = "drop_hashtags"
    VAGUER_CAPTION = "vaguer_caption"
    COVER_TEXT = "cover_text"
    COVER_FACES = "cover_faces"


#: What each change asks the parent to do; {terms} lists the words concerned.
CHANGE_TEXT = {
    Change.DELETE_POST: "Delete this picture, or keep it off the internet",
    Change.REMOVE_LOCATION: "Remove the location from the photo (and switch location off in the camera app)",
    Change.DROP_HASHTAGS: "Drop the hashtag{s} {terms}",
    Change.VAGUER_CAPTION: "Make the caption vaguer: leave out {terms}",
    Change.COVER_TEXT: "Crop or cover the writing in the photo: {terms}",
    Change.COVER_FACES: "Crop the face out, or cover it with an emoji or a blur",
}
#: Fact kinds that are places: their caption-free evidence is a GPS position.
LOCATION_KINDS = kinds_where("from_location")
#: Changes that rewrite the caption's words.
WORD_CHANGES = frozenset({Change.VAGUER_CAPTION, Change.DROP_HASHTAGS})


@dataclass(frozen=True, slots=True)
class Fix:
    """One change to one post, and what it takes out of the dossier."""

    post: str
    change: Change
    terms: tuple[str, ...] = ()
    removes: tuple[Fact, ...] = ()
    weakens: tuple[Fact, ...] = ()

    @property
    def text(self) -> str:
        """What to do, in words ("Drop the hashtag #…")."""
        terms = ", ".join(f"“{t}”" if not t.startswith("#") else t for t in self.terms) or "the details"
        return CHANGE_TEXT[self.change].format(terms=terms, s="s" if len(self.terms) > 1 else "")

    @property
    def key(self) -> str:
        """A stable id for this fix (post and change)."""
        return f"{self.post}:{self.change}"


@dataclass(frozen=True, slots=True)
class PostPlan:
    """Every change a leaking post needs, and what the dossier loses when all of them are made."""

    post: str
    fixes: tuple[Fix, ...]
    removes: tuple[Fact, ...]
    weakens: tuple[Fact, ...]


@dataclass(frozen=True, slots=True)
class Shrink:
    """The dossier before and after fixes: what went, what is left."""

    before: Dossier
    after: Dossier
    gone: tuple[Fact, ...]
    left: tuple[Fact, ...]
    new: tuple[Fact, ...] = ()  # facts the re-audit reads that the first audit did not (a name read anew)

    def counts(self) -> tuple[tuple[str, int], ...]:
        """(label, number) of what the page shows; before - gone + new = after, so the numbers agree."""
        return (("Facts a stranger knew", len(self.before.facts)), ("Facts gone", len(self.gone)),
                ("Facts new or reworded", len(self.new)), ("Facts a stranger knows", len(self.after.facts)),
                ("Children named", len(self.after.children)))


def _texts(post: Post) -> list[str]:
    return [post.caption, *post.extra_text, *(ph.description for ph in post.photos if ph.description)]


def _aliases(dossier: Dossier, fact: Fact) -> tuple[str, ...]:
    subject = dossier.subject(fact.subject)
    return subject.aliases if subject else ()


def _terms(dossier: Dossier, post: Post, fact: Fact, ev: Evidence) -> tuple[str, ...]:
    aliases = _aliases(dossier, fact)
    return tuple(dict.fromkeys(t for text in _texts(post) for t in leak_terms(fact, ev, text, aliases)))


def _covers(dossier: Dossier, view: PostView, fact: Fact, ev: Evidence) -> dict[Change, tuple[str, ...]]:
    """The changes that take this piece of evidence away, each with the words it concerns."""
    src = ev.source
    if fact.kind is FactKind.SENSITIVE_IMAGE or src is EvidenceSource.IMAGE:
        return {Change.DELETE_POST: ()}
    if src is EvidenceSource.EXIF or (src is EvidenceSource.SIDECAR and (
            fact.kind in LOCATION_KINDS or ev.excerpt.startswith("GPS"))):
        return {Change.REMOVE_LOCATION: ()}
    if src is EvidenceSource.FACE:
        return {Change.COVER_FACES: ()}
    if src is EvidenceSource.OCR:
        return {Change.COVER_TEXT: (ev.excerpt.strip("…").strip(),) if ev.excerpt else ()}
    out: dict[Change, tuple[str, ...]] = {}
    terms = _terms(dossier, view.post, fact, ev)
    if src is EvidenceSource.TIMESTAMP and view.gps is not None:
        out[Change.REMOVE_LOCATION] = ()
    tags = tuple(t for t in terms if t.startswith("#"))
    words = tuple(t for t in terms if not t.startswith("#"))
    if src is EvidenceSource.HASHTAG:
        out[Change.DROP_HASHTAGS] = tags or ((ev.excerpt,) if ev.excerpt.startswith("#") else ())
    elif words or src is not EvidenceSource.TIMESTAMP:
        out[Change.VAGUER_CAPTION] = words
    # the same words written in the post's photo ("HAPPY BIRTHDAY OLIVIA" on a banner) give the fact away as
    # well, whatever the evidence cites: cover them too, or the fixed post still names the child
    written = [p.text for p in view.parts if p.name.startswith("ocr:") and find_spans(p.text, words)]
    if words and written:
        out[Change.COVER_TEXT] = tuple(written)
    return out


def _effect(fact: Fact, covered: set[int]) -> str | None:
    if not covered:
        return None
    return "removes" if len(covered) == len(fact.evidence) else "weakens"


#: post -> change -> (the words concerned, {fact index: {indexes of the evidence it covers}})
Found = dict[str, dict[Change, tuple[list[str], dict[int, set[int]]]]]


def _changes(result: AuditResult, facts: Sequence[Fact] | None = None) -> Found:
    """The changes that cover each piece of evidence of the dossier's facts (or only of ``facts``)."""
    dossier = result.dossier
    views = {v.id: v for v in result.views}
    found: Found = defaultdict(dict)
    for fi, fact in enumerate(dossier.facts):
        if facts is not None and not any(fact is f for f in facts):
            continue
        for ei, ev in enumerate(fact.evidence):
            view = views.get(ev.post)
            if view is None:
                continue
            for change, terms in _covers(dossier, view, fact, ev).items():
                words, hits = found[ev.post].setdefault(change, ([], {}))
                words += [t for t in terms if t not in words]
                hits.setdefault(fi, set()).add(ei)
    return found


def fixes_for(result: AuditResult, facts: Sequence[Fact]) -> tuple[Fix, ...]:
    """The changes, post by post, that take these facts out of the dossier (each with only their words)."""
    return tuple(_fix(result, post, change, words, hits)
                 for post, changes in _changes(result, facts).items() for change, (words, hits) in changes.items())


def plan_fixes(result: AuditResult) -> tuple[PostPlan, ...]:
    """Every leaking post with its changes, the post that removes most first; changes ranked too."""
    dossier = result.dossier
    order = {v.id: i for i, v in enumerate(result.views)}
    found = _changes(result)
    plans = []
    for post, changes in found.items():
        fixes = []
        every: dict[int, set[int]] = defaultdict(set)
        for change, (words, hits) in changes.items():
            fixes.append(_fix(result, post, change, words, hits))
            for fi, eis in hits.items():
                every[fi] |= eis
        fixes.sort(key=lambda f: (-len(f.removes), -len(f.weakens), list(Change).index(f.change)))
        removes, weakens = _split(dossier, every)
        plans.append(PostPlan(post, tuple(fixes), removes, weakens))
    plans.sort(key=lambda p: (-len(p.removes), -len(p.weakens), order.get(p.post, 0)))
    return tuple(plans)


def _split(dossier: Dossier, hits: dict[int, set[int]]) -> tuple[tuple[Fact, ...], tuple[Fact, ...]]:
    removes: list[Fact] = []
    weakens: list[Fact] = []
    for fi, eis in sorted(hits.items()):
        fact = dossier.facts[fi]
        (removes if _effect(fact, eis) == "removes" else weakens).append(fact)
    return tuple(removes), tuple(weakens)


def _merged(texts: Sequence[str], terms: Sequence[str]) -> tuple[str, ...]:
    """The terms as they stand in the texts, overlapping ones joined ("is THREE", "THREE today" -> "is THREE today")."""
    out = {text[a:b].casefold(): text[a:b] for text in reversed(texts) for a, b in reversed(find_spans(text, terms))}
    return tuple(reversed(out.values())) or tuple(terms)


def _fix(result: AuditResult, post: str, change: Change, words: list[str], hits: dict[int, set[int]]) -> Fix:
    removes, weakens = _split(result.dossier, hits)
    found = next((p for p in result.posts if p.id == post), None)
    terms = _merged(_texts(found), words) if found and change in WORD_CHANGES and words else tuple(words)
    return Fix(post, change, terms, removes, weakens)


def ranked_fixes(plans: Sequence[PostPlan]) -> tuple[Fix, ...]:
    """Every fix of every post, the one that removes most from the dossier first."""
    return tuple(sorted((f for p in plans for f in p.fixes), key=lambda f: (-len(f.removes), -len(f.weakens))))


def suggested_caption(post: Post, fixes: Iterable[Fix]) -> str:
    """The post's caption after the chosen word changes (names, ages, places and hashtags left out)."""
    terms = [t for f in fixes if f.post == post.id and f.change in WORD_CHANGES for t in f.terms]
    return without_terms(post.caption, terms)


#: Weekdays as a caption may say them ("Tuesday", "Tuesdays"), folded.
_WEEKDAY_WORDS = frozenset(w for day in lx.WEEKDAYS for w in (fold(day), fold(day) + "s"))


def safer_caption(reworded: str, fixes: Iterable[Fix], dossier: Dossier | None = None) -> str:
    """A caption as the share's rewriter words it (``reworded``: "my daughter", "a park nearby"), with any word
    the ``fixes`` say to leave out that the rewriter kept said vaguely as well: the wording offered never keeps
    what its instruction says to drop. A weekday becomes "weekday", a favourite "his favourite" (her, their: the
    child's, as the ``dossier`` knows them), so the sentence still reads ("If my son could marry his favourite he
    would"); anything else is left out."""
    said: dict[str, str] = {}
    for fix in (f for f in fixes if f.change in WORD_CHANGES):
        facts = (*fix.removes, *fix.weakens)
        loved = [f for f in facts if f.kind is FactKind.FAVOURITE]
        child = dossier.subject(loved[0].subject) if loved and dossier is not None else None
        whose = {"girl": "her", "boy": "his"}.get(getattr(child, "gender", None) or "", "their")
        for term in fix.terms:
            said[term.casefold()] = ("weekday" if fold(term) in _WEEKDAY_WORDS
                                     else f"{whose} favourite" if loved else "")
    if not find_spans(reworded, said):
        return reworded
    out = ""
    for piece, leak in segments(reworded, said):
        vague = said.get(piece.casefold(), "") if leak else piece
        at_start = not out.strip() or out.rstrip()[-1] in ".!?\n"
        out += vague[:1].upper() + vague[1:] if leak and at_start else vague
    return without_terms(out, ())


def _fixed_post(post: Post, changes: dict[Change, list[str]], info: dict[str, PhotoInfo],
                findings: dict[str, PhotoFindings]) -> Post:
    terms = [t for c in WORD_CHANGES for t in changes.get(c, [])]
    photos = []
    for ph in post.photos:
        ph = dataclasses.replace(ph, description=without_terms(ph.description, terms) if ph.description else "")
        if Change.REMOVE_LOCATION in changes:
            ph = dataclasses.replace(ph, gps=None)
            if ph.path in info:
                info[ph.path] = dataclasses.replace(info[ph.path], gps=None)
        if ph.path in findings:
            found = findings[ph.path]
            if Change.COVER_TEXT in changes:
                found = dataclasses.replace(found, ocr_lines=())
            if Change.COVER_FACES in changes:
                found = dataclasses.replace(found, faces=())
            findings[ph.path] = found
        photos.append(ph)
    located = Change.REMOVE_LOCATION not in changes
    return dataclasses.replace(
        post, caption=without_terms(post.caption, terms), photos=tuple(photos),
        extra_text=tuple(_without_terms_said(t, terms) for t in post.extra_text),
        place_gps=post.place_gps if located else None, place_name=post.place_name if located else None)


#: A comment's writer as the Facebook reader gives it ("Maureen Kelly: so proud"): short, on one line.
_WRITER = re.compile(r"[^:\n]{1,60}:\s")


def _without_terms_said(text: str, terms: Sequence[str]) -> str:
    """``without_terms`` on the words a post's owner can change: a comment's writer stays, since Facebook
    shows the name whatever the caption says (an album's "Summer 2024:" stays too, the careful way round:
    a leak it holds is still counted)."""
    writer = _WRITER.match(text)
    if writer is None:
        return without_terms(text, terms)
    return text[:writer.end()] + without_terms(text[writer.end():], terms)


def _with_entities(views: list[PostView], known: dict[str, tuple[tuple[str, str], ...]]) -> list[PostView]:
    """Attach spaCy's entities as the pipeline does, reusing the audit's for unchanged texts."""
    missing = list(dict.fromkeys(p.text for v in views for p in v.parts if p.text not in known))
    if missing:
        try:
            known = {**known, **dict(zip(missing, nlp.entities([mask_for_nlp(t) for t in missing]), strict=True))}
        except ExtractorUnavailable:
            return views
    return [dataclasses.replace(v, entities=tuple(known[p.text] for p in v.parts)) for v in views]


def apply_fixes(result: AuditResult, fixes: Iterable[Fix]) -> Dossier:
    """The dossier a stranger would build if the posts were changed as the fixes say."""
    chosen: dict[str, dict[Change, list[str]]] = defaultdict(dict)
    for fix in fixes:
        chosen[fix.post].setdefault(fix.change, []).extend(fix.terms)
    info, findings = dict(result.photo_info), dict(result.findings)
    posts = []
    for post in result.posts:
        changes = chosen.get(post.id)
        if not changes:
            posts.append(post)
        elif Change.DELETE_POST not in changes:
            posts.append(_fixed_post(post, changes, info, findings))
    views = build_views(posts, info, findings, result.feed)
    known = {p.text: ents for v in result.views for p, ents in zip(v.parts, v.entities, strict=False)}
    if any(v.entities for v in result.views):
        views = _with_entities(views, known)
    d = result.dossier
    after = build_dossier(views, as_of=d.audit_date, warnings=d.warnings, skipped_checks=d.skipped_checks,
                          holder=result.feed.holder)  # no change to a post renames the account
    return only_what_was_known(d, after)


def only_what_was_known(before: Dossier, after: Dossier) -> Dossier:
    """The re-audit's dossier without what the first audit never read. Taking words out adds nothing a stranger
    can know, so a fact of a kind and value the posts never gave is the engine misreading the edited words
    ("Happy 5th birthday to Olivia's bestie!!" with the friend's name gone is no birthday of Olivia's), and a
    child the first audit never named (a guest's child read as the family's) no child of the family."""
    said = {(f.kind, _value_key(f)) for f in before.facts}
    names = {fold(n) for c in before.children for n in (c.name or "", *c.aliases) if n}
    strangers = {c.id for c in after.children if not ({fold(n) for n in (c.name or "", *c.aliases) if n} & names)}
    facts = tuple(f for f in after.facts if (f.kind, _value_key(f)) in said and f.subject not in strangers)
    subjects = tuple(s for s in after.subjects if s.id not in strangers)
    return dataclasses.replace(after, subjects=subjects, facts=facts)


def _value_key(fact: Fact) -> str:
    return json.dumps(fact.value, sort_keys=True, default=str).casefold()


def fact_key(dossier: Dossier, fact: Fact) -> tuple[str, str, str]:
    """What a fact says, independent of subject ids (which may be renumbered after fixes)."""
    subject = dossier.subject(fact.subject)
    who = subject.name if subject and subject.kind == "child" and subject.name else fact.subject
    return str(fact.kind), str(who).casefold(), _value_key(fact)


def compare(before: Dossier, after: Dossier) -> Shrink:
    """What the fixes took out of the dossier, and what a stranger still knows."""
    # Facts are matched one to one (the same claim twice is two facts), so before - gone + new = after.
    unmatched = Counter(fact_key(after, f) for f in after.facts)
    gone = []
    for fact in before.facts:
        key = fact_key(before, fact)
        if unmatched[key] > 0:
            unmatched[key] -= 1
        else:
            gone.append(fact)
    new = []
    for fact in reversed(after.facts):
        key = fact_key(after, fact)
        if unmatched[key] > 0:
            unmatched[key] -= 1
            new.append(fact)
    return Shrink(before, after, tuple(gone), after.facts, tuple(reversed(new)))

