"""The app with the demo family: one click to the dossier, evidence, where and when, fixes, workshop, forget.

The demo is audited once per test process (the app caches it like a model); expected names and facts
are read from that audit, so these tests check the app shows the dossier faithfully, whatever it holds.
"""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kidsafe.media import thumbnails
from kidsafe.report.advice import habits
from kidsafe.report.narrative import reveal_steps
from kidsafe.report.plain import fact_words
from ui import render, resources, state

pytestmark = [pytest.mark.slow, pytest.mark.load]
APP = str(Path(__file__).resolve().parents[1] / "app.py")
FIRST_RUN_TIMEOUT = 900  # the first demo audit reads every photo (OCR, faces, nudity) on shared cores


def click(at, label, timeout=None):
    """Click the button with this label and rerun."""
    button = next(b for b in at.button if b.label == label)
    return button.click().run(timeout=timeout)


def demo_app():
    """An app session with the demo family loaded, on the dossier page."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    click(at, "Try the demo family", timeout=FIRST_RUN_TIMEOUT)
    assert not at.exception, [e.value for e in at.exception]
    return at


def markdown_text(at):
    return "\n".join(m.value for m in at.markdown)


def child_fact_posts(dossier, child):
    """The posts behind the child's name, in the order the evidence lists them."""
    return next(f for f in dossier.facts_about(child.id) if f.kind == "child_name").posts


def test_app_demo_one_click_shows_every_child():
    at = demo_app()
    dossier = resources.demo_result().dossier
    names = [c.name for c in dossier.children]
    assert len(names) >= 2
    headers = [h.value for h in at.header]
    assert headers[:len(names) + 1] == [render.esc(n) for n in names] + ["The family"]
    assert at.title[0].value == "The stranger's dossier"
    assert any("Risk:" in m.value for m in at.markdown)
    tables = [df.value for df in at.dataframe]
    values = {v for t in tables for v in t.get("Value", [])}
    assert {fact_words(dossier, f) for f in dossier.facts_about(dossier.children[0].id)} <= values


def test_app_demo_facts_open_onto_their_evidence():
    at = demo_app()
    dossier = resources.demo_result().dossier
    child = dossier.children[0]
    labels = [e.label for e in at.expander]
    assert any(label.startswith(f"Why? name: {render.esc(child.name)}") for label in labels)
    why = next(e for e in at.expander if e.label.startswith(f"Why? name: {render.esc(child.name)}"))
    shown = "\n".join(m.value for m in why.markdown)
    assert f"{render.LEAK_OPEN}{render.esc(child.name)}{render.LEAK_CLOSE}" in shown  # the name highlighted
    first = {v.id: v for v in resources.demo_result().views}[child_fact_posts(dossier, child)[0]]
    assert f"**{render.esc(render.post_label(first))}**" in shown  # the post by its date and words, not its id


def test_app_demo_sensitive_pictures_are_only_ever_blurred(monkeypatch):
    calls = []
    real = thumbnails.thumbnail

    def spy(data, path, *, blur=False, max_side=thumbnails.THUMB_SIDE):
        calls.append((path, blur))
        return real(data, path, blur=blur, max_side=max_side)

    monkeypatch.setattr(thumbnails, "thumbnail", spy)
    at = demo_app()
    at.switch_page("pages/fix.py").run()
    sensitive = thumbnails.sensitive_photos(resources.demo_result())
    assert sensitive, "the demo family has a sensitive picture"
    assert any(path in sensitive for path, _ in calls)
    assert all(blur for path, blur in calls if path in sensitive)
    assert any(c == "blurred: sensitive picture" for img in at.image for c in img.captions)


def test_app_demo_where_and_when_is_offline_by_default():
    at = demo_app()
    at.switch_page("pages/where_when.py").run()
    assert not at.exception
    assert not at.get("deck_gl_json_chart") and not at.warning
    assert any("A stranger knows where" in m.value for m in at.markdown) or any(
        "No weekly routine" in c.value for c in at.caption)
    at.toggle(key=state.ONLINE_MAPS).set_value(True).run()
    assert at.get("deck_gl_json_chart"), "the street map appears only once switched on"
    assert at.warning


def test_app_demo_fix_it_then_reaudit_shrinks_the_dossier():
    at = demo_app()
    at.switch_page("pages/fix.py").run()
    assert sum(1 for c in at.checkbox if c.value) >= 5
    click(at, "Re-audit with the ticked fixes")
    metrics = {m.label: m for m in at.metric}
    before = len(resources.demo_result().dossier.facts)
    assert int(metrics["Facts a stranger knows"].value) < before / 3
    assert int(metrics["Facts gone"].value) > before / 2


def test_app_demo_fix_it_never_says_empty_while_a_fix_is_left_undone():
    """Untick the town's fix: with the other clues gone the re-audit may read no town, but the page still says the
    words are there ("Harrogate in the snow") and never that the dossier is empty."""
    at = demo_app()
    at.switch_page("pages/fix.py").run()
    town = next(c for c in at.checkbox if "town" in c.label)
    town.set_value(False).run()
    click(at, "Re-audit with the ticked fixes")
    assert not [s for s in at.success if "finds nothing more" in s.value]
    assert any("left these undone" in w.value and "town" in w.value for w in at.warning)
    next(c for c in at.checkbox if "town" in c.label).set_value(True).run()  # ticked again, not re-audited:
    assert any("left these undone" in w.value and "town" in w.value for w in at.warning)  # the dossier shown lacks it


def test_app_demo_workshop_reveals_one_fact_at_a_time():
    at = demo_app()
    at.switch_page("pages/workshop.py").run()
    steps = reveal_steps(resources.demo_result().dossier)
    big = [m.value for m in at.markdown if m.value.startswith("## ")]
    assert len(big) == 1 and "posts" in big[0]  # the opening line only
    for i, step in enumerate(steps[:3], 1):
        click(at, "Next")
        big = [m.value for m in at.markdown if m.value.startswith("## ")]
        assert big == [f"## {render.esc(step.text)}"], f"step {i} shows only its own fact in large type"
        so_far = [line for m in at.markdown for line in m.value.splitlines() if line.startswith("- ")]
        assert so_far == [f"- {render.esc(s.text)}" for s in steps[:i - 1]], "the steps before, listed under it"
    click(at, "Back")
    assert [m.value for m in at.markdown if m.value.startswith("## ")] == [f"## {render.esc(steps[1].text)}"]
    for _ in range(len(steps) - 1):  # from step 2 to the advice, the last step
        click(at, "Next")
    assert next(b for b in at.button if b.label == "Next").disabled
    assert "## Five habits that stop it" in [m.value for m in at.markdown]
    listed = next(m.value for m in at.markdown if m.value.startswith("1. "))
    assert listed.splitlines() == [f"{n}. **{render.esc(a.title)}.** {render.esc(a.text)}"
                                   for n, a in enumerate(habits(resources.demo_result().dossier), 1)]
    assert any(b.label.startswith("One-page handout") for b in at.get("download_button"))


def test_app_demo_advice_for_a_place_several_photos_give_away_speaks_of_the_photos():
    places = [f for f in resources.demo_result().dossier.facts if f.kind == "place" and len(set(f.posts)) > 1]
    assert places and all("this photo" not in f.advice for f in places)


def test_app_demo_workshop_large_type_stays_off_after_another_page():
    """A presenter who turns large type off and looks at the dossier finds it still off back in the workshop
    (Streamlit forgets a widget's key on a page that does not draw it)."""
    at = demo_app()
    at.switch_page("pages/workshop.py").run()
    next(t for t in at.toggle if t.label == "Large type for a projector").set_value(False).run()
    at.switch_page("pages/dossier.py").run()
    at.switch_page("pages/workshop.py").run()
    assert next(t for t in at.toggle if t.label == "Large type for a projector").value is False


def test_app_demo_workshop_steps_move_from_the_step_showing(monkeypatch):
    """Next and Back move one step from where the reveal is, so a click that reaches the callback of a page
    drawn a step earlier still moves on (a fixed "go to step n" would undo it); never past either end."""
    monkeypatch.setattr(state.st, "session_state", {})
    state.set_reveal(3)
    for _ in range(2):
        state.move_reveal(1, 5)  # two clicks on the same drawn button
    assert state.reveal() == 5
    state.move_reveal(1, 5)
    assert state.reveal() == 5
    state.set_reveal(0)
    state.move_reveal(-1, 5)
    assert state.reveal() == 0


def test_app_demo_forget_everything_clears_the_session():
    at = demo_app()
    assert at.session_state[state.RUN] is not None
    at.switch_page("pages/privacy.py").run()
    checks = [m.value for m in at.markdown if m.value.startswith("- **") and "\n" not in m.value]
    assert [c.split("**")[1] for c in checks] == ["Captions", "Text in photos", "Faces", "Nudity"], checks
    click(at, "Forget everything now")  # the same state.forget() as the sidebar's button
    assert state.RUN not in at.session_state
    assert at.session_state[state.GENERATION] == 1
    at.switch_page("pages/dossier.py").run()
    assert at.info and not at.header
    at.switch_page("pages/load.py").run()
    assert at.file_uploader[0].key == f"{state.UPLOAD}1", "a fresh uploader: the old one lets its files go"
    demo = resources.demo_result()
    first = demo.posts[0].photos[0].path
    assert demo.photo_bytes(first), "the shared demo is not closed by one session forgetting"


def test_app_demo_share_leaves_sensitive_posts_out_until_one_is_put_back():
    from kidsafe.share.leftout import sensitive_posts

    at = demo_app()
    at.switch_page("pages/safe_share.py").run()
    run = at.session_state[state.RUN]
    sensitive = sensitive_posts(run.result)
    assert sensitive, "the demo family has sensitive pictures"
    boxes = [b for b in at.checkbox if b.label == "Put it back in the copy"]
    assert len(boxes) == len(sensitive) and not any(b.value for b in boxes)
    boxes[0].check().run()
    click(at, "Make the safe copy", timeout=FIRST_RUN_TIMEOUT)
    assert not at.exception, [e.value for e in at.exception]
    _, _, report = at.session_state[state.SHARE]
    put_back = [p for p in report.left_out if p.put_back]
    assert len(put_back) == 1 and put_back[0].source_post == next(iter(sensitive))
    assert dict(report.counts())["Sensitive posts left out"] == len(sensitive) - 1
    assert {m.label: int(m.value) for m in at.metric} == dict(report.counts())
