"""Command-line interface: translate options into library calls and print what they return.

One module per command group registers its commands on the app of ``groups``; this package
imports them in the order ``gbstd --help`` lists them. Heavy modules (pydantic models, the
catalogue, reporters) are imported inside the commands so that ``gbstd --help`` stays fast.
"""

from __future__ import annotations

# Importing a command module registers its commands; `gbstd --help` lists them in this order.
# isort: off
from gbstd.cli import standards, assess, system, batch, sample, kpi, describe  # noqa: F401

# isort: on
from gbstd.cli.groups import app
from gbstd.cli.terminal import remember_inputs

__all__ = ["app", "main"]

# Last, once every command is registered: each learns the paths it reads (see read_inputs).
for _typer in (app, *(group.typer_instance for group in app.registered_groups)):
    for _info in _typer.registered_commands if _typer else ():
        _info.callback = remember_inputs(_info.callback) if _info.callback else None


def main() -> None:
    """Entry point of the ``gbstd`` console script."""
    app(prog_name="gbstd")
