"""The safe copy's word check, its sensitive pictures left out, words kept by hand, and a report that never says
"safe" while anything remains."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date

import pytest
from PIL import Image

from kidsafe.share import export as safe_share
from kidsafe.cli import main
from kidsafe.pipeline import AuditOptions
from kidsafe.share import captions as share_captions
from kidsafe.share.redact import Redacted
from kidsafe.share.terms import Term, Vocabulary
from kidsafe.share.words import FamilyWord, family_words, file_name_words, found_in, word_check
from kidsafe.share.writer import Row, posts_csv

AS_OF = date(2025, 6, 1)
FAST = AuditOptions(ocr=False, nudity=False)
VOCAB = Vocabulary((Term("Maisie", "child", "daughter", "c1"), Term("Penrith", "town"), Term("Priya", "other_child"),
                    Term("Whitfield", "surname"), Term("Zoë", "child", "daughter", "c2")))
POSTS = [
    ("1", "2024-09-04 08:40", "Maisie at the beach in Penrith 🏖", "beach.jpg"),
    ("2", "2024-09-12 18:30", "bath time = splash the whole bathroom 🛁 #bathtime", "bath.jpg"),
    ("3", "2024-10-02 19:00", "Muddy walk with Maisie, she is 5 today 🎂", "walk.jpg"),
]


@pytest.mark.parametrize(("text", "found"), [
    ("a day with MAISIE", ["child"]),
    ("a day with maisie", ["child"]),
    ("love from zoe", ["child"]),  # accents folded
    ("#maisiesbigday", ["child"]),  # run together in a hashtag
    ("#TeamWhitfield", ["surname"]),
    ("#penrith_mums", ["town"]),
    ("maisies", []),  # not a whole word, outside a hashtag
    ("Priya came round", []),  # another family's child is not the family's word
    ("photo-001-1.jpg", []),
])
def test_words_found_in_text_whole_words_and_inside_hashtags(text, found):
    assert [w.kind for w in found_in(text, family_words(VOCAB))] == found


def test_words_family_words_leave_out_kept_words_and_other_families():
    words = family_words(VOCAB.keeping(["Penrith"]))
    assert {w.key for w in words} == {"maisie", "whitfield", "zoe"}
    assert FamilyWord("maisie", "child").what == "a child's name"


def test_words_word_check_reads_captions_and_file_names(tmp_path):
    path = tmp_path / "copy.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("posts.csv", posts_csv([Row("1", "2024-01-01", "with my daughter", ("photo-001-1.jpg",)),
                                            Row("2", "2024-01-02", "maisie again", ("photo-002-1.jpg",)),
                                            Row("3", "2024-01-03", "Ellie Mae came", ()),
                                            Row("4", "2024-01-04", "ellie is a word here", ())]))
        zf.writestr("photo-001-1.jpg", b"")
        zf.writestr("maisie-whitfield.jpg", b"")
    items = word_check(path, family_words(VOCAB), {"3": {"Ellie"}, "4": {"Mae"}})
    assert [(r.check, r.post, r.what) for r in items] == [
        ("words", "2", "a child's name (“maisie”) is still in the caption"),  # as written, to change or keep
        ("words", "3", "a name (“Ellie”) is still in the caption"),  # a name the caption held, in its own post
        ("words", None, "the family name is in the name of a file of the copy"),
        ("words", None, "a child's name is in the name of a file of the copy")]
    assert file_name_words("maisie_whitfield-1.jpg") == "maisie whitfield 1 jpg"


def _scene(shade: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (90 + shade, 150, 200)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def feed(tmp_path):
    root = tmp_path / "feed"
    root.mkdir()
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["id", "date", "caption", "images"])
    for i, row in enumerate(POSTS):
        writer.writerow(row)
        (root / row[3]).write_bytes(_scene(20 * i))
    (root / "posts.csv").write_text(rows.getvalue(), encoding="utf-8")
    return root


def _copy(path) -> tuple[list[dict[str, str]], list[str], dict]:
    with zipfile.ZipFile(path) as zf:
        rows = list(csv.DictReader(io.StringIO(zf.read("posts.csv").decode("utf-8"))))
        return rows, zf.namelist(), json.loads(zf.read("report.json"))


def test_safe_share_leaves_a_sensitive_post_out_by_default(feed, tmp_path):
    report = safe_share.share(feed, tmp_path / "out.zip", as_of=AS_OF, options=FAST)
    rows, names, written = _copy(tmp_path / "out.zip")
    assert [r["id"] for r in rows] == ["1", "3"]
    assert not any(n.startswith("photo-002") for n in names)
    (left,) = report.left_out
    assert (left.post, left.reason, left.put_back) == ("2", "a bath picture", False)
    assert dict(report.counts())["Sensitive posts left out"] == 1
    assert written["left_out"] == [{"post": "2", "date": "2024-09-12", "reason": "a bath picture", "photos": 1,
                                    "whole_post": True, "put_back": False}]
    assert report.safe, report.failures


def test_safe_share_puts_a_sensitive_post_back_when_asked(feed, tmp_path):
    report = safe_share.share(feed, tmp_path / "out.zip", put_back=["2"], as_of=AS_OF, options=FAST)
    rows, names, _ = _copy(tmp_path / "out.zip")
    assert [r["id"] for r in rows] == ["1", "2", "3"] and "photo-002-1.jpg" in names
    assert report.left_out[0].put_back and dict(report.counts())["Sensitive posts left out"] == 0
    assert not [r for r in report.remaining if "sensitive" in r.what]  # the parent's choice is no leak
    assert report.verdict.startswith("Safe to share, apart from what you chose to keep (1 sensitive picture you "
                                     "put back)"), report.verdict  # never "found nothing" beside a picture put back
    left = dict(report.counts())["Facts a stranger still finds in the copy"]
    # the bath picture put back is still found: the count says so beside the verdict, and a note says why
    assert left and any(n.endswith("from what you chose to keep") for n in report.notes), (left, report.notes)


def test_safe_share_a_number_that_is_no_sensitive_post_is_said_and_nothing_put_back(feed, tmp_path):
    report = safe_share.share(feed, tmp_path / "out.zip", put_back=["3", "99"], as_of=AS_OF, options=FAST)
    rows, _, _ = _copy(tmp_path / "out.zip")
    assert [r["id"] for r in rows] == ["1", "3"] and not report.left_out[0].put_back
    assert [n for n in report.notes if "was to be put back" in n] == [
        "post 3 was to be put back, but it is no sensitive post (those are: 2); nothing was put back for it",
        "post 99 was to be put back, but it is no sensitive post (those are: 2); nothing was put back for it"]


def test_safe_share_keeps_a_word_by_hand(feed, tmp_path):
    report = safe_share.share(feed, tmp_path / "out.zip", keep_words=["Penrith"], as_of=AS_OF, options=FAST)
    rows, _, _ = _copy(tmp_path / "out.zip")
    assert "in Penrith" in rows[0]["caption"] and "Maisie" not in rows[0]["caption"]
    assert report.kept_words == 1 and report.safe, report.failures


def test_safe_share_never_says_safe_while_a_name_remains(feed, tmp_path, monkeypatch, capsys):
    def unchanged(views, vocab):
        return {v.id: Redacted(v.caption, ()) for v in views}

    monkeypatch.setattr(share_captions, "redact_all", unchanged)  # a redactor that misses everything
    report = safe_share.share(feed, tmp_path / "out.zip", as_of=AS_OF, options=FAST)
    assert not report.safe
    words = [r for r in report.remaining if r.check == "words"]
    assert {r.post for r in words} == {"1", "3"} and all(r.todo for r in words)
    _, _, written = _copy(tmp_path / "out.zip")
    assert written["safe"] is False and written["verdict"].startswith("Not safe yet")
    with zipfile.ZipFile(tmp_path / "out.zip") as zf:
        assert "Safe to share" not in zf.read("report.md").decode("utf-8")
    assert main(["share", str(tmp_path / "feed"), "--out", str(tmp_path / "o.zip"), "--quiet", "--as-of",
                 "2025-06-01"]) == 1
    assert "still to fix: post 1" in capsys.readouterr().err


def test_safe_share_is_not_called_safe_when_the_fresh_audit_could_not_read_photos(feed, tmp_path, monkeypatch):
    from kidsafe.media import ocr

    monkeypatch.setattr(ocr, "available", lambda: False)
    report = safe_share.share(feed, tmp_path / "out.zip", as_of=AS_OF, options=FAST)
    assert not report.remaining and "audit" not in report.checks_run
    assert not report.safe and report.verdict.startswith("Not checked in full: a fresh audit of the copy")
    assert any("could not read everything" in n for n in report.notes)


def test_leftout_a_photo_flagged_by_the_nudity_detector_leaves_alone():
    from types import SimpleNamespace

    from kidsafe.models import Dossier, Evidence, EvidenceSource, Fact, FactKind, Photo, Post
    from kidsafe.pipeline import PhotoFindings
    from kidsafe.share.leftout import sensitive_posts

    posts = (Post("1", "bath time 🛁", photos=(Photo("a.jpg"),)),
             Post("2", "beach day", photos=(Photo("b.jpg"), Photo("c.jpg"))))
    bath = Fact(FactKind.SENSITIVE_IMAGE, "family", "bath", 0.9, (Evidence("1", EvidenceSource.CAPTION, "bath"),))
    result = SimpleNamespace(dossier=Dossier(audit_date=AS_OF, posts_read=2, facts=(bath,)), posts=posts, views=(),
                             findings={"c.jpg": PhotoFindings(nudity=0.93), "b.jpg": PhotoFindings(nudity=0.02)})
    found = sensitive_posts(result, put_back=["2"])
    assert (found["1"].whole_post, found["1"].photos, found["1"].put_back, found["1"].words) == \
        (True, ("a.jpg",), False, "a bath picture")
    assert (found["2"].whole_post, found["2"].photos, found["2"].put_back) == (False, ("c.jpg",), True)


def test_safe_share_cli_puts_back_the_post_it_listed(feed, tmp_path, capsys):
    posts = (feed / "posts.csv").read_text(encoding="utf-8")
    (feed / "posts.csv").write_text(posts.replace("\n1,", "\n10,").replace("\n2,", "\n20,").replace("\n3,", "\n30,"),
                                    encoding="utf-8")  # the feed's ids are not the copy's numbers
    assert main(["share", str(feed), "--out", str(tmp_path / "a.zip"), "--as-of", "2025-06-01"]) == 0
    listed = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("sensitive: post "))
    number = listed.split()[2]
    assert "post 20 in the audit" in listed  # the feed's own id beside it, as `kidsafe audit` cites it
    assert main(["share", str(feed), "--out", str(tmp_path / "b.zip"), "--as-of", "2025-06-01",
                 "--put-back", number]) == 0
    assert "put back by you" in capsys.readouterr().out
    rows, _, _ = _copy(tmp_path / "b.zip")
    assert number == "2" and [r["id"] for r in rows] == ["1", "2", "3"]


def test_a_pet_or_a_named_relative_the_fresh_audit_still_reads_is_left_to_fix(tmp_path):
    from kidsafe.share import verify

    copy = tmp_path / "copy"
    copy.mkdir()
    rows = [Row("1", "2024-05-01", "Walkies with Pickle, such a good boy 🐶 muddy paws", ()),
            Row("2", "2024-05-08", "Pickle the dog stole a sausage 🐕", ()),
            Row("3", "2024-05-09", "Sunday lunch at Nana Joan's, our dog Pickle came too 🐾", ()),
            Row("4", "2024-05-10", "Easter egg hunt with Grandad", ())]
    (copy / "posts.csv").write_bytes(posts_csv(rows))
    check = verify.recheck(copy, as_of=AS_OF, captions_kept=False)
    said = " ".join(item.what for item in check.items)
    assert "pet" in said and "relative" in said
    assert "the pet (“Pickle”)" in said, said  # which word, so the parent can change it or keep it
    assert not verify.recheck(copy, as_of=AS_OF, captions_kept=False, kept=frozenset({"pickle", "nana joan"})).items


def test_a_bare_kin_title_left_in_the_copy_is_no_fact_counted_but_is_said(tmp_path):
    """"Grandad" alone names nobody: not a fact the copy still gives (so "safe" and the count agree), yet said."""
    from kidsafe.share import verify

    copy = tmp_path / "copy"
    copy.mkdir()
    rows = [Row("1", "2024-05-01", "Easter egg hunt with Grandad", ()),
            Row("2", "2024-05-08", "Sunday lunch at Nana's", ())]
    (copy / "posts.csv").write_bytes(posts_csv(rows))
    check = verify.recheck(copy, as_of=AS_OF, captions_kept=False)
    assert not check.items and "relative" not in check.facts_left
    assert any(n.startswith("the copy still says") and "Grandad" in n for n in check.notes), check.notes


def _three_posts(tmp_path, posts: list[tuple[str, str]]):
    """A plain feed of three posts (date, caption), ids 1 to 3, each with a photo of its own."""
    root = tmp_path / "feed"
    root.mkdir()
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["id", "date", "caption", "images"])
    names = ("a.jpg", "b.jpg", "c.jpg")
    writer.writerows([(str(i), when, caption, name) for i, ((when, caption), name) in enumerate(zip(posts, names), 1)])
    for i, name in enumerate(names):
        (root / name).write_bytes(_scene(20 * i))
    (root / "posts.csv").write_text(rows.getvalue(), encoding="utf-8")
    return root


def test_safe_share_numbers_a_post_put_back_as_the_copy_does(tmp_path):
    """The app lists sensitive posts by the copy's numbers (``copy_numbers``): with an undated birthday post first,
    the copy numbers the two bath posts 1 and 2, and putting back number 1 puts back the first bath post."""
    from kidsafe.pipeline import audit

    root = _three_posts(tmp_path, [("2024-09-14 10:00", "Happy birthday my girl 🎂 5 today"),
                                   ("2024-10-02 18:00", "Bath time splashes"),
                                   ("2024-10-09 18:00", "Bath time bubbles again")])
    numbers = safe_share.copy_numbers(audit(root, as_of=AS_OF, options=FAST))
    assert numbers == {"2": 1, "3": 2, "1": 3}
    report = safe_share.share(root, tmp_path / "out.zip", as_of=AS_OF, options=FAST, put_back=[str(numbers["2"])])
    assert {p.source_post: (p.post, p.put_back) for p in report.left_out} == {"2": ("1", True), "3": ("2", False)}


def test_safe_share_leaves_undated_a_post_whose_day_gives_a_birthday_or_a_habit_away(tmp_path):
    """"Happy birthday my girl" on the day is the birthday: that post is left undated (by the word list, whatever
    the engine makes of it), the others keep their day, and a note says so."""
    root = _three_posts(tmp_path, [("2024-09-14 10:00", "Happy birthday my girl 🎂 #birthdaygirl"),
                                   ("2024-10-02 10:00", "Leaves everywhere in the park"),
                                   ("2024-10-08 15:15", "Every Tuesday I pick her up and we feed the ducks")])
    report = safe_share.share(root, tmp_path / "out.zip", as_of=AS_OF, options=FAST)
    copied, _, _ = _copy(tmp_path / "out.zip")
    # a weekday said as a habit: the post's day would give the weekday back ("Every weekday I pick her up"); the
    # posts left undated come after the dated one, so their place gives no day away either
    assert [(r["id"], r["date"]) for r in copied] == [("1", "2024-10-02"), ("2", ""), ("3", "")]
    assert [r["caption"][:5] for r in copied] == ["Leave", "Happy", "Every"]
    assert any(n.startswith("2 posts left undated") for n in report.notes), report.notes
