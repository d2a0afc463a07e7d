"""Score stage: reports from levels, and what is computed over reports (robustness to weights)."""
