"""The book's version: one place, read by the package, CITATION.cff's test and the site footer."""
__version__ = "1.0.0"
RELEASED = "2026-11-22"  # date of this version's release (ISO)
