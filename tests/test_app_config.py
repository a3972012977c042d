"""The app's settings and shape: offline, no telemetry, readable themes, caches and HTML used only where safe."""

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
APP_FILES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]


def luminance(hex_colour):
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a, b):
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_app_config_private_and_quiet():
    assert CONFIG["browser"]["gatherUsageStats"] is False
    assert CONFIG["server"]["headless"] is True
    assert CONFIG["server"]["runOnSave"] is False
    assert CONFIG["server"]["maxUploadSize"] >= 200


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_app_config_themes_are_readable(theme):
    colours = CONFIG["theme"][theme]
    assert contrast(colours["textColor"], colours["backgroundColor"]) >= 7  # WCAG AAA for body text
    assert contrast(colours["textColor"], colours["secondaryBackgroundColor"]) >= 4.5
    assert contrast(colours["primaryColor"], colours["backgroundColor"]) >= 4.5


def used_names(path):
    """Attribute and keyword names the code uses (docstrings and comments left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    attrs = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    keywords = {k.arg for n in ast.walk(tree) if isinstance(n, ast.Call) for k in n.keywords if k.arg}
    html_args = [ast.unparse(n.args[0]) for n in ast.walk(tree) if isinstance(n, ast.Call)
                 and isinstance(n.func, ast.Attribute) and n.func.attr == "html" and n.args]
    return attrs, keywords, html_args


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: p.name)
def test_app_config_no_user_data_cache_and_no_raw_html(path):
    attrs, keywords, html_args = used_names(path)
    assert "cache_data" not in attrs, "user data never goes in st.cache_data"
    assert "unsafe_allow_html" not in keywords, "no raw HTML from Markdown"
    if path.name != "resources.py":
        assert "cache_resource" not in attrs, "cached resources live in ui/resources.py only"
    assert html_args in ([], ["KEY_HINTS", "LARGE_TYPE"]), "st.html only for the workshop's static CSS"
