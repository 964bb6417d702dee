"""Text labels placed next to their points where they overlap neither each other nor the marks.

A greedy placement: the labels are taken in an order that depends only on what they say and
where they point (never on a row id), and each gets the first of a few candidate offsets
(right, left, above, below, then further out) whose box is inside the axes and clear of the
labels already placed and of the marks (markers, bars, arrows); when none is clear, the one
that overlaps least. Boxes are measured with the figure's renderer, so call it once the
figure is laid out (`figures.layout`). The cost is one text measure per label and, per candidate,
one comparison with the boxes so far (numpy), so it grows as labels × candidates × boxes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

# (dx, dy) in points from the point, horizontal and vertical alignment of the text; in order
# of preference: above right (the default), below right, above left, below left, above,
# below, right, left, then the same further out
CANDIDATES = (
    ((6, 3), "left", "bottom"),
    ((6, -3), "left", "top"),
    ((-6, 3), "right", "bottom"),
    ((-6, -3), "right", "top"),
    ((0, 7), "center", "bottom"),
    ((0, -7), "center", "top"),
    ((8, 0), "left", "center"),
    ((-8, 0), "right", "center"),
    ((8, 14), "left", "bottom"),
    ((8, -14), "left", "top"),
    ((-8, 14), "right", "bottom"),
    ((-8, -14), "right", "top"),
)
PAD = 1.5  # points kept clear around each label
OUTSIDE = 100.0  # weight of a label's area outside the axes
CROSSED = 10.0  # weight of its area over another label (a mark weighs 1)


@dataclass(frozen=True)
class Label:
    """A text to place next to the point (x, y), in data coordinates."""

    x: float
    y: float
    text: str
    style: dict = field(default_factory=dict, compare=False)  # fontsize, color, fontweight


def _pixels(ax, points: float) -> float:
    return points * ax.figure.dpi / 72


def marker_boxes(ax, xs: Sequence[float], ys: Sequence[float], size: float) -> np.ndarray:
    """The boxes (x0, y0, x1, y1 in pixels) of markers `size` points wide at (xs, ys)."""
    if len(xs) == 0:
        return np.empty((0, 4))
    centre = ax.transData.transform(np.column_stack([xs, ys]))
    half = _pixels(ax, size) / 2
    return np.hstack([centre - half, centre + half])


def segment_boxes(ax, start, end, width: float, step: float = 4.0) -> np.ndarray:
    """Boxes over the segment `start`-`end` (data), a line `width` points wide.

    One box for a level or upright line; for a slanted one (an arrow), a box every `step`
    points, so it blocks its own path, not its bounding box.
    """
    a, b = ax.transData.transform(np.array([start, end], dtype=float))
    if np.isclose(a[0], b[0]) or np.isclose(a[1], b[1]):
        half = _pixels(ax, width) / 2
        return np.array([[min(a[0], b[0]) - half, min(a[1], b[1]) - half,
                          max(a[0], b[0]) + half, max(a[1], b[1]) + half]])  # fmt: skip
    n = max(int(np.hypot(*(b - a)) / _pixels(ax, step)), 1) + 1
    along = a + np.linspace(0, 1, n)[:, None] * (b - a)
    half = max(_pixels(ax, width), _pixels(ax, step)) / 2
    return np.hstack([along - half, along + half])


def _overlap(box: np.ndarray, boxes: np.ndarray) -> float:
    if len(boxes) == 0:
        return 0.0
    w = np.minimum(box[2], boxes[:, 2]) - np.maximum(box[0], boxes[:, 0])
    h = np.minimum(box[3], boxes[:, 3]) - np.maximum(box[1], boxes[:, 1])
    return float((np.clip(w, 0, None) * np.clip(h, 0, None)).sum())


def _box(anchor, offset, ha, va, size, pad: float) -> np.ndarray:
    """The box of a text `size` (w, h) pixels aligned `ha`, `va` at `anchor` + `offset`, padded."""
    x, y = anchor[0] + offset[0], anchor[1] + offset[1]
    w, h = size
    x0 = {"left": x, "right": x - w, "center": x - w / 2}[ha]
    y0 = {"bottom": y, "top": y - h, "center": y - h / 2}[va]
    return np.array([x0 - pad, y0 - pad, x0 + w + pad, y0 + h + pad])


def _outside(box: np.ndarray, frame: np.ndarray) -> float:
    area = (box[2] - box[0]) * (box[3] - box[1])
    return area - _overlap(box, frame[None, :])


def place(
    ax,
    labels: Iterable[Label],
    *,
    marks: np.ndarray | None = None,
    taken: Iterable = (),
    candidates: Sequence = CANDIDATES,
) -> list:
    """Annotate `ax` with `labels`, each at its best candidate offset; the annotations.

    `marks` are the boxes (pixels) labels should not cover; `taken` are texts already on
    the axes (labels placed by hand) that they must not cover either.
    """
    renderer = ax.figure.canvas.get_renderer()
    pad = _pixels(ax, PAD)
    marks = np.empty((0, 4)) if marks is None else np.asarray(marks, dtype=float)
    placed = [np.asarray(t.get_window_extent(renderer).extents) for t in taken]
    frame = np.asarray(ax.get_window_extent(renderer).extents)
    done = []
    for label in sorted(labels, key=lambda lb: (lb.x, lb.y, lb.text)):
        text = ax.annotate(label.text, (label.x, label.y), xytext=(0, 0), textcoords="offset points",
                           ha="left", va="bottom", **label.style)  # fmt: skip
        extent = text.get_window_extent(renderer)
        size = (extent.width, extent.height)
        anchor = ax.transData.transform((label.x, label.y))
        boxes = np.array(placed).reshape(-1, 4)
        scores = []
        for offset, ha, va in candidates:
            shift = (_pixels(ax, offset[0]), _pixels(ax, offset[1]))
            box = _box(anchor, shift, ha, va, size, pad)
            score = (
                OUTSIDE * _outside(box, frame)
                + CROSSED * _overlap(box, boxes)
                + _overlap(box, marks)
            )
            scores.append((score, box))
            if score == 0:
                break
        best = min(range(len(scores)), key=lambda i: scores[i][0])
        offset, ha, va = candidates[best]
        text.set_position(offset)
        text.set_horizontalalignment(ha)
        text.set_verticalalignment(va)
        placed.append(scores[best][1])
        done.append(text)
    return done


def overlaps(texts: Sequence, renderer) -> list[tuple[str, str]]:
    """The pairs of `texts` whose drawn boxes overlap (for checks)."""
    boxes = [np.asarray(t.get_window_extent(renderer).extents) for t in texts]
    return [
        (texts[i].get_text(), texts[j].get_text())
        for i in range(len(boxes))
        for j in range(i + 1, len(boxes))
        if _overlap(boxes[i], boxes[j][None, :]) > 0
    ]
