"""Compile and evaluate CEL expressions (the language checks and applicability are written in).

Two bindings of CEL can run them; the first one installed is used:

- ``cpp``: ``cel-expr-python``, the Python wrapper of Google's C++ CEL. Its activation reads the
  facts where they lie, so a check over a county centre's hundreds of matters costs microseconds.
  Wheels exist for Linux x86-64, Windows and macOS.
- ``rust``: ``common-expression-language``, with wheels for every platform (Linux on ARM too).
  It converts a variable's whole value each time an expression reads it (~120 µs for 100
  matters), which made it half the cost of a centre in ``gbstd batch``.

Both read the same CEL: a test runs every bundled check through both and compares the answers.
``GBSTD_CEL_ENGINE=rust`` (or ``cpp``) picks one, to tell whether a surprise is the engine's.

Iteration budget: lint refuses, when a file is loaded, any expression whose comprehension steps
are not bounded by a few per item of the centre's lists (``exprcheck``), so neither engine meets
a runaway one. The C++ wheel also stops every evaluation at 10,000 steps, which a centre with
more matters than that passes honestly: such an evaluation is finished on the Rust engine.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from gbstd.errors import UsageError

ENGINE_VARIABLE = "GBSTD_CEL_ENGINE"


class ExpressionError(ValueError):
    """An expression that does not compile."""


# What Google's C++ CEL says when an evaluation passes the 10,000 comprehension steps its
# Python wheel allows (a limit Python cannot change).
_CPP_BUDGET_ERROR = "Iteration budget exceeded"


class _CppFacts:
    """Facts prepared for the C++ engine, with the plain data kept for the Rust one."""

    __slots__ = ("activation", "data", "rust")

    def __init__(self, activation: Any, data: dict[str, Any]) -> None:
        self.activation = activation
        self.data = data
        self.rust: Any = None  # the Rust engine's context, made on first need


class _Cpp:
    """cel-expr-python: errors come back as values of type ERROR, not as exceptions."""

    name = "cpp"

    def __init__(self) -> None:
        from cel_expr_python import cel

        # No declared variables: checks name the facts' top-level blocks, which the schema owns.
        self._env = cel.NewEnv()
        self._error = cel.Type.ERROR

    def compile(self, source: str) -> Any:
        try:
            return self._env.compile(source, disable_check=True)
        except RuntimeError as exc:
            raise ExpressionError(str(exc).strip()) from None

    def context(self, facts: dict[str, Any]) -> Any:
        return _CppFacts(self._env.Activation(facts), facts)

    def run(self, program: Any, facts: Any) -> Any:
        if isinstance(facts, dict):
            value = program.eval(data=facts)
        else:
            value = program.eval(facts.activation)
        result = value.plain_value()
        if type(result) is bool:  # a check's answer, and never an error: skip asking the type
            return result
        if value.type() == self._error:
            raise ValueError(str(result))
        return result


class _Rust:
    """common-expression-language, loading only its compiled extension (see ``_extension``)."""

    name = "rust"

    def __init__(self) -> None:
        self._cel = _extension()

    def compile(self, source: str) -> Any:
        try:
            return self._cel.compile(source)
        except ValueError as exc:
            raise ExpressionError(str(exc).strip()) from None

    def context(self, facts: dict[str, Any]) -> Any:
        return self._cel.Context(variables=facts)

    def run(self, program: Any, facts: Any) -> Any:
        return program.execute(facts)


def _extension() -> ModuleType:
    """The Rust binding's compiled module.

    The package's ``__init__`` also imports its interactive CLI (prompt_toolkit, typer,
    pygments), ~200 ms; load only the extension, falling back to the ordinary import.
    """
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


_ENGINES = {"cpp": _Cpp, "rust": _Rust}


@cache
def load_engine(name: str) -> _Cpp | _Rust:
    """The engine called ``name`` (``cpp`` or ``rust``).

    Raises:
        ImportError: its package is not installed (or has no build for this platform).
    """
    return _ENGINES[name]()


@cache
def engine() -> _Cpp | _Rust:
    """The engine in use: the one ``GBSTD_CEL_ENGINE`` names, else the first installed.

    Raises:
        UsageError: the variable names no engine, or one not installed.
    """
    chosen = os.environ.get(ENGINE_VARIABLE, "").strip().lower()
    if chosen:
        if chosen not in _ENGINES:
            raise UsageError(
                f"环境变量 {ENGINE_VARIABLE}={chosen!r} 无效：应为 {'、'.join(_ENGINES)} 之一",
                f"{ENGINE_VARIABLE}={chosen!r}: expected one of {', '.join(_ENGINES)}",
            )
        try:
            return load_engine(chosen)
        except ImportError:
            raise UsageError(
                f"{ENGINE_VARIABLE}={chosen}：该 CEL 引擎未安装（或本平台没有它的构建）",
                f"{ENGINE_VARIABLE}={chosen}: that CEL engine is not installed here",
            ) from None
    try:
        return load_engine("cpp")
    except ImportError:
        return load_engine("rust")


def context(facts: dict[str, Any]) -> Any:
    """Prepare facts once for many evaluations (the engine in use reads them from here)."""
    return engine().context(facts)


class Expression:
    """A CEL expression, compiled on first use (or at once with ``check()``)."""

    __slots__ = ("_engine", "_past_budget", "_program", "source")

    def __init__(self, source: str, using: _Cpp | _Rust | None = None) -> None:
        """Keep ``source``; compiling waits until the expression is needed.

        ``using`` is an engine from ``load_engine``; by default, the one in use.
        """
        self.source = source
        self._engine = using
        self._program: Any = None
        self._past_budget: Any = None  # the Rust engine's program, for facts past C++'s budget

    def check(self) -> Expression:
        """Compile now and return self.

        Raises:
            ExpressionError: a syntax error, with the engine's explanation.
        """
        if self._program is None:
            if self._engine is None:
                self._engine = engine()
            self._program = self._engine.compile(self.source)
        return self

    def evaluate(self, facts: Any) -> Any:
        """Evaluate over ``facts``: plain dicts and lists, or a ``context()`` of the same engine.

        Raises:
            ExpressionError: the expression does not compile.
            ValueError, KeyError, RuntimeError, TypeError: evaluation failed (a missing key,
                a type mismatch); which one depends on the engine.
        """
        program = self._program
        if program is None:
            program = self.check()._program
        try:
            return self._engine.run(program, facts)  # type: ignore[union-attr]
        except RuntimeError as exc:
            if _CPP_BUDGET_ERROR not in str(exc):
                raise
            return self._on_rust(facts)

    def _on_rust(self, facts: Any) -> Any:
        """Evaluate with the Rust engine, which has no step limit of its own.

        The C++ engine stops at 10,000 comprehension steps, which a check reading every matter
        of a centre with thousands of them passes honestly. Lint has bounded every check to a
        few steps per item of the centre's lists (``exprcheck``), so finishing it is safe; the
        Rust binding is installed everywhere.
        """
        rust = load_engine("rust")
        if self._past_budget is None:
            self._past_budget = rust.compile(self.source)
        if isinstance(facts, _CppFacts):
            if facts.rust is None:
                facts.rust = rust.context(facts.data)
            facts = facts.rust
        return rust.run(self._past_budget, facts)

    def __repr__(self) -> str:  # noqa: D105
        return f"Expression({self.source!r})"
