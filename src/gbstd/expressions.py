"""Compile and evaluate CEL expressions (the language checks and applicability are written in).

We use the Rust-backed ``common-expression-language`` binding: a compiled program evaluates in
microseconds. Its package ``__init__`` also imports its interactive CLI (prompt_toolkit, typer,
pygments), which costs ~200 ms; we load only the compiled extension inside the package, and fall
back to the ordinary import if that ever stops working.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any


@cache
def _engine() -> ModuleType:
    spec = importlib.util.find_spec("cel")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        for candidate in sorted(Path(folder).glob("cel.*")):
            if candidate.suffix in {".so", ".pyd"}:
                loader = importlib.machinery.ExtensionFileLoader("cel.cel", str(candidate))
                extension = importlib.util.spec_from_file_location(
                    "cel.cel", candidate, loader=loader
                )
                if extension is None:
                    continue
                module = importlib.util.module_from_spec(extension)
                loader.exec_module(module)
                return module
    import cel  # pragma: no cover - the package layout changed; pay the slow import

    return cel  # pragma: no cover


def context(facts: dict[str, Any]) -> Any:
    """Convert facts once for many evaluations (converting per call costs ~0.3 ms)."""
    return _engine().Context(variables=facts)


class ExpressionError(ValueError):
    """An expression that does not compile."""


class Expression:
    """A CEL expression, compiled on first use (or at once with ``check()``)."""

    __slots__ = ("_program", "source")

    def __init__(self, source: str) -> None:
        """Keep ``source``; compiling waits until the expression is needed."""
        self.source = source
        self._program: Any = None

    def check(self) -> Expression:
        """Compile now and return self.

        Raises:
            ExpressionError: a syntax error, with the engine's explanation.
        """
        if self._program is None:
            try:
                self._program = _engine().compile(self.source)
            except ValueError as exc:
                raise ExpressionError(str(exc).strip()) from None
        return self

    def evaluate(self, facts: Any) -> Any:
        """Evaluate over ``facts``: plain dicts and lists, or a ``context()`` built from them.

        Raises:
            ExpressionError: the expression does not compile.
        """
        return self.check()._program.execute(facts)

    def __repr__(self) -> str:  # noqa: D105
        return f"Expression({self.source!r})"
