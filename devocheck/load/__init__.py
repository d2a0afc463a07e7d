"""Load stage: bytes on disk -> ``Document`` (data, positions, and the slips office software leaves)."""
