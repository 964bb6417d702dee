"""Read the clean layer while Great Expectations is imported.

A large clean layer is read in a second process while this one imports Great
Expectations (about 8 s of imports); a small one is read here, where a second process
would only add its own start-up to the work.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

import pandas as pd

from deportdata.checks.frames import load_frames
from deportdata.config import Project
from deportdata.runtime.kernel import die_with_parent

PARALLEL_LOAD_BYTES = 2_000_000  # above this size of data/clean/*.csv, read it in a second process


@contextmanager
def frames_loading(project: Project) -> Iterator[Callable[[], dict[str, pd.DataFrame]]]:
    """Start reading the frames; the yielded function returns them (call it inside the block)."""
    size = sum(p.stat().st_size for p in project.clean.glob("*.csv"))
    if size <= PARALLEL_LOAD_BYTES:
        yield lambda: load_frames(project)
        return
    with ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=die_with_parent
    ) as pool:
        pending = pool.submit(load_frames, project)
        yield pending.result
