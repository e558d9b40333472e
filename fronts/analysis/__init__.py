"""Stage 2, the analysis: tempo, distances and progress, the claims ledger and each chapter's bottom-line
figures, computed from a loaded ``Dataset``."""
