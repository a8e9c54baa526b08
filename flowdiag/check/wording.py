"""The wording helpers under their former import path; their home is ``flowdiag/wording.py``.

>>> from flowdiag.check.wording import tolerant
>>> tolerant("サーバー") == tolerant("サーバ")
True
"""

from __future__ import annotations

from ..wording import (
    LOOKALIKES,
    VARIANTS,
    drift_pairs,
    fold_lookalikes,
    lookalikes,
    loose,
    near_miss,
    same_wording,
    similarity,
    tolerant,
)

__all__ = ["LOOKALIKES", "VARIANTS", "drift_pairs", "fold_lookalikes", "lookalikes", "loose", "near_miss",
           "same_wording", "similarity", "tolerant"]
