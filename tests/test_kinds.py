"""Tests of kidsafe.kinds: every kind declared once, its readers find what it names, and no module outside the
engine branches on the kind again."""

import ast
import string
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kidsafe import kinds
from kidsafe.kinds import KINDS, FactKind
from kidsafe.models import FAMILY, Dossier, Evidence, EvidenceSource, Fact, Subject
from kidsafe.report import advice, fixgroups, narrative, plain, presenter, risk, summary
from kidsafe.share import terms

ROOT = Path(__file__).resolve().parent.parent
#: A module outside the engine may name a kind this many times (a rule about one kind, a lookup of one
#: kind's facts); more is an if-chain on the kind, which belongs in the registry.
MOST_REFERENCES = 5


def kind_references(source: str) -> int:
    """How many times ``FactKind.<member>`` is written in Python source."""
    return sum(1 for node in ast.walk(ast.parse(source))
               if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "FactKind")


def modules_outside_the_engine() -> list[Path]:
    library = [p for p in (ROOT / "kidsafe").rglob("*.py")
               if "engine" not in p.relative_to(ROOT / "kidsafe").parts[:1] and p.name != "kinds.py"]
    return library + sorted((ROOT / "ui").rglob("*.py")) + sorted((ROOT / "pages").rglob("*.py")) + [ROOT / "app.py"]


def test_kinds_the_counter_counts_references_not_words():
    source = "from kidsafe.models import FactKind\n# FactKind.AGE in a comment\nx = 'FactKind.AGE'\n" + \
             "if k is FactKind.AGE or k is FactKind.TOWN:\n    pass\n"
    assert kind_references(source) == 2


def test_kinds_no_module_outside_the_engine_branches_on_the_kind():
    modules = modules_outside_the_engine()
    assert len(modules) > 40 and ROOT / "kidsafe" / "report" / "narrative.py" in modules  # the walk found the report
    counts = {str(p.relative_to(ROOT)): kind_references(p.read_text(encoding="utf-8")) for p in modules}
    over = {name: n for name, n in counts.items() if n > MOST_REFERENCES}
    assert not over, f"declare what these modules branch on in kidsafe/kinds.py instead: {over}"


def test_kinds_every_kind_is_declared_once():
    assert set(KINDS) == set(FactKind)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_kinds_every_name_a_declaration_gives_is_known_to_its_reader():
    habits = {a.key for a in advice.ADVICE if a.key}
    for kind, d in KINDS.items():
        assert d.value == "text" or d.value in summary.DESCRIBERS or d.value in plain.SAYERS, kind
        assert not d.teller or d.teller in narrative.STEP_TELLERS, kind
        assert not d.card or d.card.says in narrative.CARD_TELLERS or _fields(d.card.says) <= {
            *narrative.Voice.of(Subject("c", "child", "Zara")).fields(), "value", "described"}, kind
        assert d.fix in fixgroups.ACTIONS or _fields(d.fix) <= {
            "posts", "photos", "the_photos", "who", "whose", "value", "loved", "when"}, kind
        assert not d.share_term or d.share_term in terms.TERM_MAKERS, kind
        assert d.habits <= habits, kind
        assert (d.reveal > 0) != (d.told_with is not None), kind  # revealed on its own or with another kind
        assert (d.fix_rank > 0) != (d.told_with is not None), kind
        assert not d.must_go or d.recheck, kind  # what must be gone is looked for in the copy


def test_kinds_orders_have_no_ties():
    for rank in ("fix_rank", "reveal", "recheck"):
        values = [getattr(d, rank) for d in KINDS.values() if getattr(d, rank)]
        assert len(values) == len(set(values)), rank


def _dossier(*facts: Fact) -> Dossier:
    kid = Subject(id="child-1", kind="child", name="Zara", gender="girl")
    return Dossier(audit_date=date(2025, 1, 1), posts_read=3, subjects=(kid, Subject(FAMILY, "family")), facts=facts)


def _fact(kind: FactKind, subject: str, value: object) -> Fact:
    return Fact(kind, subject, value, 0.9, (Evidence(post="1", source=EvidenceSource.CAPTION, excerpt="x"),))


def test_kinds_the_report_says_what_the_declaration_says(monkeypatch):
    """A kind is told from its declaration alone: change it there and every reader follows."""
    pet = replace(KINDS[FactKind.PET], label="animal", family_says="The hamster is {value}.", fix_rank=99,
                  note="Hamsters talk.", fix="Hide {value} in {posts}", rapport=(0, "hamster"))
    monkeypatch.setitem(KINDS, FactKind.PET, pet)
    dossier = _dossier(_fact(FactKind.CHILD_NAME, "child-1", "Zara"), _fact(FactKind.AGE, "child-1", 5),
                       _fact(FactKind.PET, FAMILY, "Biscuit"))
    assert "The hamster is Biscuit." in narrative.family_story(dossier)
    assert "  animal: Biscuit  [posts 1]" in summary.to_text(dossier).splitlines()
    step = next(s for s in narrative.reveal_steps(dossier) if s.kind is FactKind.PET)
    assert step.text == "The hamster is Biscuit." and presenter.note(step.kind) == "Hamsters talk."
    group = fixgroups.FixGroup(FAMILY, "the family", FactKind.PET, dossier.facts[2:], (), 0)
    monkeypatch.setattr(fixgroups.FixGroup, "posts", property(lambda g: ("1",)))
    assert group.action == "Hide Biscuit in 1 post"
    assert "they know Zara's hamster and age." in " ".join(risk.assess(dossier, "child-1").reasons)


def test_kinds_a_kind_without_a_sentence_is_still_told():
    """A new kind with only a label and a fix is said in the reveal by its value, and fixed by its template."""
    bare = kinds.Kind("shoe size", fix_rank=17, reveal=17)
    dossier = _dossier(_fact(FactKind.APPEARANCE, "child-1", "size 11"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(KINDS, FactKind.APPEARANCE, bare)
        step = narrative.reveal_steps(dossier)[-1]
        assert step.text == "Size 11."
        assert presenter.note(step.kind) == "Ask the room what a stranger could do with this."
        group = fixgroups.FixGroup("child-1", "Zara", FactKind.APPEARANCE, dossier.facts, (), 0)
        mp.setattr(fixgroups.FixGroup, "posts", property(lambda g: ("1", "2")))
        assert group.action == "Take this out of 2 posts"
