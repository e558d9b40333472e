"""fronts: the data and figures behind *Syria's fronts, 2017*.

Data flows one way: ``data/*.csv`` → :func:`load` (validated, typed, joined) → the figure and
table builders in :mod:`fronts.maps`, :mod:`fronts.timelines` and :mod:`fronts.tables`.
"""
from .errors import DataError, Issue
from .load import BLOCS, FRONTS, Dataset, load
from .validate import validate
from .version import RELEASED, __version__

__all__ = ["RELEASED", "__version__", "BLOCS", "FRONTS", "DataError", "Dataset", "Issue", "load", "validate"]
