"""Names a package exports but imports on first use (a PEP 562 module ``__getattr__``): ``import chatpaper`` and
the command line's start then stay light, and what a name needs (PyMuPDF, the pipeline, Gradio) loads when it is
first used."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any


def lazy_exports(package: str, where: dict[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package`` for names it exports from other modules: ``where`` maps
    each name to the module that defines it. A name is imported once, then kept on the package.

    A name must not be that of one of the package's submodules: importing the submodule sets the package's
    attribute to the module, and ``__getattr__`` is then never asked (``chatpaper.ask`` is imported eagerly)."""

    def __getattr__(name: str) -> Any:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(where[name]), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(where))

    return __getattr__, __dir__
