"""Run the command-line interface: ``python -m gbstd``."""

from gbstd.cli import main

main()
