"""fronts: the data and figures behind *Syria's fronts, 2017*.

Data flows one way: ``data/*.csv`` → :func:`load` (validated, typed, joined) → the figure and
table builders in :mod:`fronts.maps`, :mod:`fronts.timelines` and :mod:`fronts.tables`.
"""
from .errors import DataError, Issue
from .load import BLOCS, FRONTS, Dataset, load
from .validate import validate

__all__ = ["BLOCS", "FRONTS", "DataError", "Dataset", "Issue", "load", "validate"]
__version__ = "0.1.0"
