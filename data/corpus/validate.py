#!/usr/bin/env python3
"""Check corpus voices: `python3 data/corpus/validate.py [VOICE_DIR ...]` (no argument: every voice).

Prints each problem under its voice and exits 1 when there is any. Needs only the standard library.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
# Import the module file directly: kidsafe/__init__ would pull in the project's dependencies.
import importlib.util  # noqa: E402

_spec = importlib.util.spec_from_file_location("corpus", Path(__file__).resolve().parents[2] / "kidsafe/learn/corpus.py")
corpus = importlib.util.module_from_spec(_spec)
sys.modules["corpus"] = corpus
_spec.loader.exec_module(corpus)


def main(args: list[str]) -> int:
    dirs = [Path(a) for a in args] or corpus.voice_dirs()
    bad = 0
    posts = 0
    for path in dirs:
        voice = corpus.load_voice(path)
        posts += len(voice.posts)
        problems = corpus.check_voice(voice)
        status = "ok" if not problems else f"{len(problems)} problem(s)"
        print(f"{voice.id}: {len(voice.posts)} posts, {sum(len(p.spans) for p in voice.posts)} spans: {status}")
        for problem in problems:
            print(f"  - {problem}")
        bad += bool(problems)
    print(f"validate: {len(dirs)} voices, {posts} posts, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
