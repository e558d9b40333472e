"""fronts: the data and figures behind *Syria's fronts, 2017*.

Data flows one way: ``data/*.csv`` → :func:`load` (validated, typed, joined) → the figure and
table builders in :mod:`fronts.figures.maps`, :mod:`fronts.figures.timelines` and :mod:`fronts.figures.tables`.
"""
from fronts.data.errors import DataError, Issue
from fronts.data.load import BLOCS, FRONTS, Dataset, load
from fronts.data.validate import validate

from .version import RELEASED, __version__

__all__ = ["RELEASED", "__version__", "BLOCS", "FRONTS", "DataError", "Dataset", "Issue", "load", "validate"]
