"""Tests of kidsafe.report.fixes: changes per leaking post ranked by what they remove, and the real re-audit."""

import pytest

from kidsafe.models import FactKind
from kidsafe.report import fixes
from kidsafe.report.fixes import Change

pytestmark = pytest.mark.load  # the re-audit runs the real spaCy model


@pytest.fixture
def result(fixable_result):
    return fixable_result


def kinds(dossier):
    return {(f.kind, str(f.value)) for f in dossier.facts}


def fix_of(plans, post, change):
    return next(f for p in plans if p.post == post for f in p.fixes if f.change is change)


def test_fixes_plan_names_each_change_and_what_it_removes(result):
    plans = fixes.plan_fixes(result)
    school = fix_of(plans, "2", Change.VAGUER_CAPTION)
    assert {"Brookfield Primary School", "Maya", "Theo"} <= set(school.terms)
    assert (FactKind.SCHOOL, "Brookfield Primary School") in {(f.kind, f.value) for f in school.removes}
    gps = fix_of(plans, "3", Change.REMOVE_LOCATION)
    assert FactKind.LOCATION_LEAK in {f.kind for f in gps.removes}
    assert FactKind.HOME in {f.kind for f in gps.weakens}  # home rests on other posts too
    assert fix_of(plans, "5", Change.DELETE_POST).removes[0].kind is FactKind.SENSITIVE_IMAGE


def test_fixes_are_ranked_by_what_they_remove(result):
    plans = fixes.plan_fixes(result)
    removed = [len(p.removes) for p in plans]
    assert removed == sorted(removed, reverse=True)
    ranked = fixes.ranked_fixes(plans)
    assert [len(f.removes) for f in ranked] == sorted((len(f.removes) for f in ranked), reverse=True)


def test_fixes_without_changes_reaudit_to_the_same_dossier(result):
    assert kinds(fixes.apply_fixes(result, ())) == kinds(result.dossier)


def test_fixes_reaudit_really_removes_the_school(result):
    plans = fixes.plan_fixes(result)
    after = fixes.apply_fixes(result, [fix_of(plans, "2", Change.VAGUER_CAPTION)])
    shrink = fixes.compare(result.dossier, after)
    assert FactKind.SCHOOL in {f.kind for f in shrink.gone}
    assert FactKind.SCHOOL not in {f.kind for f in after.facts}


def test_fixes_delete_post_drops_it(result):
    plans = fixes.plan_fixes(result)
    after = fixes.apply_fixes(result, [fix_of(plans, "5", Change.DELETE_POST)])
    assert after.posts_read == result.dossier.posts_read - 1
    assert not after.facts_of_kind(FactKind.SENSITIVE_IMAGE)


def test_fixes_all_of_them_empty_the_dossier(result):
    plans = fixes.plan_fixes(result)
    after = fixes.apply_fixes(result, fixes.ranked_fixes(plans))
    assert len(after.facts) < len(result.dossier.facts) / 3
    assert not after.children
    assert not after.facts_of_kind(FactKind.HOME)


def test_fixes_suggested_caption_leaves_the_words_out(result):
    plans = fixes.plan_fixes(result)
    post = next(p for p in result.posts if p.id == "1")
    plan = next(p for p in plans if p.post == "1")
    caption = fixes.suggested_caption(post, plan.fixes)
    assert "Maya" not in caption and "7th birthday" not in caption
    assert caption == "to our! 🎂 #birthdaygirl"


def test_fixes_compare_counts_agree(result):
    plans = fixes.plan_fixes(result)
    after = fixes.apply_fixes(result, [f for p in plans for f in p.fixes][:3])
    counts = dict(fixes.compare(result.dossier, after).counts())
    assert counts["Facts a stranger knew"] - counts["Facts gone"] + counts["Facts new or reworded"] \
        == counts["Facts a stranger knows"] == len(after.facts)
    assert counts["Facts gone"] > 0


def test_fixes_reaudit_keeps_the_accounts_name(result):
    from dataclasses import replace

    from kidsafe.engine import build_dossier

    held = replace(result, feed=replace(result.feed, holder="Thủy"))
    before = build_dossier(result.views, as_of=result.dossier.audit_date, holder="Thủy")
    assert [f.value for f in before.facts_of_kind(FactKind.PARENT_NAME) if not f.posts] == ["Thủy"]
    held = replace(held, dossier=before)
    after = fixes.apply_fixes(held, fixes.ranked_fixes(fixes.plan_fixes(held)))
    assert "Thủy" in [f.value for f in after.facts_of_kind(FactKind.PARENT_NAME)]  # no post fix renames the account
    assert "Thủy" not in [f.value for f in fixes.compare(before, after).gone]


def test_a_vaguer_caption_leaves_a_comment_s_writer_as_facebook_shows_it():
    """The owner can reword a caption, not rename the people who commented: "Maureen Kelly: so proud of Noah"
    keeps its writer, so a surname she carries still counts as leaking after the fix."""
    from datetime import datetime

    from kidsafe.models import Post

    post = Post(id="1", caption="Noah Kelly is five", posted_at=datetime(2024, 5, 4, 10),
                extra_text=("Maureen Kelly: so proud of Noah Kelly", "Noah: so proud of you"))
    fixed = fixes._fixed_post(post, {Change.VAGUER_CAPTION: ["Noah", "Kelly"]}, {}, {})
    assert "Noah" not in fixed.caption and "Kelly" not in fixed.caption
    assert fixed.extra_text[0].startswith("Maureen Kelly: ") and "Noah" not in fixed.extra_text[0][15:]
    assert fixed.extra_text[1].startswith("Noah: ")


def test_fixes_a_name_also_written_in_a_photo_is_covered_there_too():
    """Taking a child's name out of a post also covers the name on its banner ("HAPPY BIRTHDAY OLIVIA"), though
    the fact cites the caption: a re-audit with every fix but the pet's keeps the pet and nothing else, with no
    friend's birthday given to the child and no child read as a parent from what was left."""
    from datetime import date
    from pathlib import Path

    from kidsafe.pipeline import audit
    from kidsafe.report.fixgroups import fix_groups

    result = audit(Path("kidsafe/demo/parker-plain"), as_of=date(2025, 6, 1))
    groups = fix_groups(result)
    olivia = next(g for g in groups if g.action.startswith("Take Olivia's name"))
    assert any(f.change is Change.COVER_TEXT and any("OLIVIA" in t for t in f.terms) for f in olivia.fixes)
    after = fixes.apply_fixes(result, [f for g in groups if ":pet:" not in g.key for f in g.fixes])
    assert {f.kind for f in after.facts} == {FactKind.PET}, kinds(after)


def test_fixes_the_safer_wording_never_keeps_what_its_instruction_drops():
    from kidsafe.models import FAMILY, Fact

    fav = Fact(FactKind.FAVOURITE, FAMILY, "Bluey", 0.6, ())
    routine = Fact(FactKind.ROUTINE, FAMILY, {"weekday": "Tuesday"}, 0.6, ())
    said = fixes.safer_caption("If my son could marry Bluey he would",
                               [fixes.Fix("1", Change.VAGUER_CAPTION, ("Bluey",), (fav,))])
    assert said == "If my son could marry their favourite he would"  # no dossier: whose is not known
    from datetime import date

    from kidsafe.models import Dossier, Subject

    jack = Subject("child-1", "child", "Jack", gender="boy")
    d = Dossier(subjects=(jack,), facts=(fav,), audit_date=date(2025, 6, 1), posts_read=1)
    loved = Fact(FactKind.FAVOURITE, "child-1", "Bluey", 0.6, ())
    assert fixes.safer_caption("If my son could marry Bluey he would",
                               [fixes.Fix("1", Change.VAGUER_CAPTION, ("Bluey",), (loved,))], d) == \
        "If my son could marry his favourite he would"
    said = fixes.safer_caption("Tuesday mornings 💙", [fixes.Fix("2", Change.VAGUER_CAPTION, ("Tuesday",), (routine,))])
    assert said == "Weekday mornings 💙"
    assert fixes.safer_caption("Swim at the pool", [fixes.Fix("3", Change.VAGUER_CAPTION, ("Tuesday",))]) == \
        "Swim at the pool"


def test_fixes_a_partial_fix_only_takes_away():
    """Leave a child's name in but take the friend's out: the re-audit of "Happy 5th birthday to Olivia's bestie!!"
    must not hand Olivia the friend's birthday, nor make the friend a child of the family."""
    from datetime import date
    from pathlib import Path

    from kidsafe.pipeline import audit
    from kidsafe.report.fixgroups import fix_groups

    result = audit(Path("kidsafe/demo/parker-plain"), as_of=date(2025, 6, 1))
    groups = fix_groups(result)
    for undone in (("Take Olivia's name", "Take Dan's name"), ("Take Ava's name", "Take the town")):
        after = fixes.apply_fixes(result, [f for g in groups if not g.action.startswith(undone) for f in g.fixes])
        assert "06-15" not in {str(f.value) for f in after.facts_of_kind(FactKind.BIRTHDAY)}, undone
        assert {c.name for c in after.children} <= {c.name for c in result.dossier.children}, undone
        said = {(f.kind, str(f.value)) for f in result.dossier.facts}
        assert all((f.kind, str(f.value)) in said for f in after.facts), undone
