"""Stage 4, the outside record: UCDP GED read in its own format (``ged``), counted in each front's area
(``areas``, ``counts``), set beside the curated events (``agreement``, ``claim_tests``) and shown in a
chapter's UCDP section (``figures``, ``context``)."""
