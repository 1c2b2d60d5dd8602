"""Every knob is one Settings field, described, and listed in the README's table; nothing reads the environment
behind Settings' back."""

from __future__ import annotations

import re

from chatpaper.settings import Settings
from tests.helpers.constants import ROOT


def _variable(name: str) -> str:
    field = Settings.model_fields[name]
    alias = field.validation_alias
    if alias is not None:
        return str(alias.choices[0])  # type: ignore[union-attr]
    return f"CHATPAPER_{name.upper()}"


def test_every_setting_is_described_and_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        assert field.description, f"Settings.{name} has no description"
        assert f"`{_variable(name)}`" in readme, f"{_variable(name)} is missing from the README's table"


def test_no_module_reads_chatpaper_variables_itself():
    readers = re.compile(
        r"os\.environ(\.get)?\s*[\[(]\s*[\"']CHATPAPER_|os\.getenv\(\s*[\"']CHATPAPER_|"
        r"os\.environ(\.get)?\s*[\[(]\s*[\"']SPACE_ID"
    )
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "chatpaper").rglob("*.py")
        if p.name != "settings.py" and readers.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_page_cap_is_defined_once():
    pattern = re.compile(r"max_pages: int = \d")
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "chatpaper").rglob("*.py")
        if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
