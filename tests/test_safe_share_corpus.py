"""The safe copy of feeds the engine was never tuned on: the corpus's test voices (data/corpus/splits.json).

Each voice becomes a plain-format feed (``kidsafe.learn.share_audit``: captions and dates, one
plain photo per post; the plain format has no place for comments, so they are not shared) and is
shared with the defaults. To keep the run near a minute (each voice is a whole share and its three
checks, ~15 s), the voices are the first ``VOICES`` of the test split sorted by id; all 19 test
voices and the 13 dev voices are measured by ``python -m kidsafe.learn.share_audit`` (figures in
docs/SAFE_SHARE.md).

The bar, honest and reachable today:
- every truth child name or alias, school and town is gone from every text of the copy, or the
  report does not say "safe" and lists what is left (some names are written as nothing but a word
  in lower case, or in a language the place tagger never saw: they cannot all be caught without
  rewriting every word, but the report must not vouch for them);
- a post the truth calls a sensitive picture is left out, or the report does not say "safe"
  (the sensitive-picture detector misses some posts in French and Urdu; the share can only leave
  out what the audit flags, so a copy holding one must not be called safe).
"""

from __future__ import annotations

import pytest

from kidsafe.learn.corpus import load_split
from kidsafe.learn.share_audit import copy_hits, sensitive_truth_posts, share_voice, truth_words

pytestmark = pytest.mark.slow
VOICES = 4
TEST_VOICES = sorted(load_split("test"), key=lambda v: v.id)[:VOICES]


@pytest.fixture(scope="module", params=TEST_VOICES, ids=lambda v: v.id)
def shared(request, tmp_path_factory):
    """(voice, report, every file of the copy)."""
    voice = request.param
    report, files = share_voice(voice, tmp_path_factory.mktemp(voice.id))
    return voice, report, files


def test_safe_share_corpus_truth_names_schools_towns_gone_or_not_called_safe(shared):
    voice, report, files = shared
    found = {name: words for name, words in copy_hits(files, truth_words(voice.truth)).items() if words}
    if found:
        assert not report.safe, found
        assert report.remaining, found


def test_safe_share_corpus_sensitive_posts_left_out_or_not_called_safe(shared):
    voice, report, _ = shared
    sensitive = sensitive_truth_posts(voice.truth)
    assert sensitive
    kept = sensitive & {p.source_post for p in report.posts}
    if kept:
        assert not report.safe, kept


def test_safe_share_corpus_sensitive_posts_flagged_are_left_out(shared):
    _, report, _ = shared
    assert report.left_out
    assert not {p.source_post for p in report.left_out if not p.put_back} & {p.source_post for p in report.posts}
