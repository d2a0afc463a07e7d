"""``python -m devocheck``."""

from devocheck.cli import main

main()
