"""The benchmark's floor: one Python process that only parses the files with libyaml.

    python bench/floor.py DIR

Reads every ``*.yaml`` under DIR with ``yaml.CSafeLoader`` and does nothing else: no
validation, no positions, no output. Any tool that reads YAML in Python pays at least this.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main() -> None:
    for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


if __name__ == "__main__":
    main()
