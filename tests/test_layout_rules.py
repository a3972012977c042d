"""Detection lives in the engine: the report and the safe share call the engine's wide net (``engine/net/``) and
never read the gazetteer, the name counts or the word ranks, nor build patterns over names and places, themselves
(issue #13: "grep finds no detection code under share/ or report code")."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "kidsafe"

#: Modules above the engine that must not detect: the safe share and the report.
ABOVE_THE_ENGINE = ("share/*.py", "report/*.py")

#: What detection reads: the gazetteer and place tagger, first-name counts, English word ranks, and the
#: gazetteer's look-ups of a place by its name (a GPS point's distance or nearest place is no detection).
DETECTION_MODULES = frozenset({"kidsafe.engine.gazetteer", "kidsafe.engine.tagger"})
DETECTION_NAMES = frozenset({"is_known_first_name", "name_count", "english_rank", "places_named", "is_place_name",
                             "region_names", "gazetteer", "tagger"})

#: The ``re`` functions whose first argument is a pattern.
RE_FUNCTIONS = frozenset({"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"})
CAPITALISED_WORD = "[A-Z]"
"""A pattern holding this reads a word by its capital: the shape of a name or a place."""


def _lexicon_aliases(tree: ast.Module) -> set[str]:
    """The names a module gives the engine's lexicon or its word lists (``lx``, ``PLACE_WORDS``…)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in ("kidsafe.engine", "kidsafe.engine.lexicon"):
            for alias in node.names:
                if node.module == "kidsafe.engine.lexicon" or alias.name == "lexicon":
                    out.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            out |= {alias.asname or alias.name for alias in node.names if alias.name == "kidsafe.engine.lexicon"}
    return out


def _reads_words(node: ast.AST, lexicon: set[str], tainted: set[str]) -> bool:
    """Whether an expression builds a pattern from the lexicon's words or a capitalised-word shape."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and (sub.id in lexicon or sub.id in tainted):
            return True
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and CAPITALISED_WORD in sub.value:
            return True
    return False


def _tainted_constants(tree: ast.Module, lexicon: set[str]) -> set[str]:
    """Module-level names whose value is built from the lexicon's words or a capitalised-word shape (an
    alternation joined from a word list, then compiled elsewhere)."""
    tainted: set[str] = set()
    assigns = [n for n in tree.body if isinstance(n, ast.Assign | ast.AnnAssign) and n.value is not None]
    changed = True
    while changed:  # "_ALT = join(lx.WORDS)" then "RE = compile(... + _ALT)": follow the chain
        changed = False
        for node in assigns:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = {t.id for t in targets if isinstance(t, ast.Name)} - tainted
            if names and _reads_words(node.value, lexicon, tainted):
                tainted |= names
                changed = True
    return tainted


def detection_in(path: Path) -> list[str]:
    """Each place in one module that detects on its own: an import or use of what detection reads, or a regular
    expression over names and places."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lexicon = _lexicon_aliases(tree)
    tainted = _tainted_constants(tree, lexicon)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names = {alias.name for alias in node.names}
            if node.module in DETECTION_MODULES or names & DETECTION_NAMES:
                found.append(f"line {node.lineno}: imports {node.module} {sorted(names)}")
        elif isinstance(node, ast.Attribute) and node.attr in DETECTION_NAMES:
            found.append(f"line {node.lineno}: uses .{node.attr}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RE_FUNCTIONS \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args \
                and _reads_words(node.args[0], lexicon, tainted):
            found.append(f"line {node.lineno}: re.{node.func.attr} over names or places")
    return found


def detection_above_the_engine(package: Path = PACKAGE) -> dict[str, list[str]]:
    """Module (relative to the package) -> where it detects, for every share and report module that does."""
    out = {}
    for pattern in ABOVE_THE_ENGINE:
        for path in sorted(package.glob(pattern)):
            found = detection_in(path)
            if found:
                out[path.relative_to(package).as_posix()] = found
    return out


def test_no_detection_under_share_or_report():
    found = detection_above_the_engine()
    assert not found, "detection belongs in kidsafe/engine/net/: " + "; ".join(
        f"{module} {', '.join(where)}" for module, where in found.items())


def test_the_rule_sees_each_kind_of_detection(tmp_path):
    """The check itself can fail: each way of detecting is caught, and a module that only calls the net is not."""
    share = tmp_path / "share"
    share.mkdir()
    cases = {
        "gazetteer.py": "from kidsafe.engine.gazetteer import is_known_first_name\n",
        "rank.py": "from kidsafe.engine.text import english_rank, fold\n",
        "geo.py": "from kidsafe import geo\n\ndef f(w):\n    return geo.places_named(w)\n",
        "words.py": "import re\nfrom kidsafe.engine import lexicon as lx\n_ALT = '|'.join(lx.PLACE_WORDS)\n"
                    "PLACE_RE = re.compile(r'(\\w+) (?:' + _ALT + ')')\n",
        "capital.py": "import re\nNAME_RE = re.compile(r'[A-Z][a-z]+')\n",
        "clean.py": "import re\nfrom kidsafe.engine.net.names import unclaimed_names\nSPACES = re.compile(r'\\s+')\n",
    }
    for name, source in cases.items():
        (share / name).write_text(source, encoding="utf-8")
    found = detection_above_the_engine(tmp_path)
    assert set(found) == {f"share/{name}" for name in cases} - {"share/clean.py"}
