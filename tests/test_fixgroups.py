"""Tests of kidsafe.report.fixgroups: one action per thing a stranger knows, worst first, each taking only its words."""

import pytest

from kidsafe.models import FactKind
from kidsafe.report import fixes
from kidsafe.report.fixgroups import SEVERITY, chosen_fixes, fix_groups
from kidsafe.share.redact import redact
from kidsafe.share.terms import vocabulary

pytestmark = pytest.mark.load  # the re-audit runs the real spaCy model


@pytest.fixture
def result(fixable_result):
    return fixable_result


def test_fixgroups_one_action_per_fact_worst_first(result):
    groups = fix_groups(result)
    assert len(groups) < len(result.dossier.facts)
    by_who: dict[str, list[int]] = {}
    for g in groups:
        by_who.setdefault(g.who, []).append(SEVERITY.index(g.kind))
    assert all(ranks == sorted(ranks) for ranks in by_who.values()), by_who
    assert list(by_who)[-1] == "the family"  # the children first
    actions = {g.action for g in groups}
    assert "Take the school out of 1 post" in actions
    assert "Take Maya's age and birthday out of 1 post" in actions
    assert any(a.startswith("Delete the bath picture") for a in actions)
    assert len({g.key for g in groups}) == len(groups)


def test_fixgroups_a_group_takes_out_only_its_own_words(result):
    school = next(g for g in fix_groups(result) if g.kind is FactKind.SCHOOL)
    words = {t for f in school.fixes for t in f.terms}
    assert words == {"Brookfield Primary School"}  # not the children named in the same caption
    after = fixes.apply_fixes(result, school.fixes)
    assert not after.facts_of_kind(FactKind.SCHOOL)
    assert {c.name for c in after.children} == {c.name for c in result.dossier.children}


def test_fixgroups_unticked_groups_are_kept(result):
    groups = fix_groups(result)
    kept = next(g for g in groups if g.kind is FactKind.CHILD_NAME)
    chosen = chosen_fixes(groups, lambda g: g is not kept)
    assert all(f in chosen for g in groups if g is not kept for f in g.fixes)
    after = fixes.apply_fixes(result, chosen)
    assert kept.facts[0].value in {c.name for c in after.children}


@pytest.mark.parametrize(("caption", "said"), [
    ("First day back at Brookfield Primary School for Maya and Theo 🎒",
     "First day back at school for my daughter and my child 🎒"),
    ("Maya and Theo at Grandma Rose's", "My daughter and my child at Grandma's"),
])
def test_fixgroups_safer_captions_read_as_english_with_two_children(result, caption, said):
    # The Fix page's suggestion is the safe share's rewriter: names become who they are to the parent.
    assert redact(caption, vocabulary(result.dossier, result.views)).text == said


def test_fixgroups_the_accounts_name_is_changed_on_the_account_not_in_posts(result):
    from kidsafe.models import FAMILY, Dossier, Evidence, EvidenceSource, Fact
    from kidsafe.report.fixgroups import account_fixes

    assert account_fixes(result.dossier) == ()  # a plain feed names no account
    parent = Fact(FactKind.PARENT_NAME, FAMILY, "Thủy", 0.9, (Evidence("", EvidenceSource.SIDECAR, "Thủy"),))
    d = result.dossier
    d = Dossier(d.audit_date, d.posts_read, d.subjects, (*d.facts, parent))
    (action,) = account_fixes(d)
    assert "Thủy" in action and "account's name" in action
