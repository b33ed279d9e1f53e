"""Run the command-line interface: ``python -m gbstd``."""

from .cli import main

main()
