"""Stage 1, the data: read each CSV strictly, check it against the contract, validate the domain rules,
and load the package as typed, joined pandas tables (``fronts.data.load``)."""
