#!/usr/bin/env python3
"""Write data/corpus/splits.json: every voice to train, dev or test by a hash of its id.

The rule is fixed before any voice is read (crc32 of the id: 0-19 of 100 test, 20-34 dev, the rest
train), so no one picks which voices the model is judged on. A voice keeps its split for good.
"""
import json
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent


def split_of(voice_id: str) -> str:
    bucket = zlib.crc32(voice_id.encode("utf-8")) % 100
    return "test" if bucket < 20 else "dev" if bucket < 35 else "train"


def main() -> None:
    voices = sorted(p.name for p in (HERE / "voices").iterdir() if (p / "posts.jsonl").exists() and (p / "truth.json").exists())
    out = {"rule": "crc32(voice id) % 100: 0-19 test, 20-34 dev, 35-99 train",
           "train": [], "dev": [], "test": []}
    for voice in voices:
        out[split_of(voice)].append(voice)
    (HERE / "splits.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print({k: len(v) for k, v in out.items() if k != "rule"})


if __name__ == "__main__":
    main()
