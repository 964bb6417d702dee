"""The report figures' style for unit tests of plot functions."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from deportdata.report import figures


@contextlib.contextmanager
def notebook_style() -> Iterator[None]:
    """The notebooks' style (titles on the left, saved at 120 dpi), undone afterwards, and every
    figure closed."""
    with matplotlib.rc_context():
        figures.use_style()
        yield
    plt.close("all")
