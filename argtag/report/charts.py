"""Chart geometry for inline SVG: Python computes positions, templates only draw them."""

from __future__ import annotations

from typing import Any

from argtag.money import format_rupiah

PALETTE = ("#7b2d8e", "#c2185b", "#1565c0", "#2e7d32", "#9e9e9e", "#ef6c00", "#00838f")
BAR_HEIGHT, GAP, LABEL_WIDTH, PLOT_WIDTH = 16, 6, 340, 420


def _percent(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + " %"


def share_bars(rows: list[tuple[str, float]], line_at: float | None = None) -> dict[str, Any]:
    """Horizontal bars of percentages (0-100), longest scale at least the reference line."""
    top = max([v for _, v in rows] + [line_at or 0, 1.0])
    scale = PLOT_WIDTH / top
    bars = [
        {
            "label": label,
            "y": i * (BAR_HEIGHT + GAP),
            "width": round(value * scale, 1),
            "text": _percent(value),
            "over": line_at is None or value > line_at,
        }
        for i, (label, value) in enumerate(rows)
    ]
    height = len(rows) * (BAR_HEIGHT + GAP) + 24
    line = {"x": round(LABEL_WIDTH + line_at * scale, 1), "text": _percent(line_at)} if line_at is not None else None
    return {
        "bars": bars,
        "height": height,
        "width": LABEL_WIDTH + PLOT_WIDTH + 90,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "line": line,
    }


def stacked(parts: list[tuple[str, int]]) -> dict[str, Any]:
    """One 100 % bar split into parts, with a legend."""
    total = sum(v for _, v in parts)
    x = 0.0
    segments = []
    for i, (label, value) in enumerate(parts):
        width = 600 * value / total if total else 0
        segments.append(
            {
                "label": label,
                "x": round(x, 1),
                "width": round(width, 1),
                "color": PALETTE[i % len(PALETTE)],
                "text": format_rupiah(value),
                "share": _percent(100 * value / total if total else 0),
            }
        )
        x += width
    return {"segments": segments, "width": 600, "empty": total == 0}


def waterfall(steps: list[tuple[str, int]], start: tuple[str, int]) -> dict[str, Any]:
    """From last year's ARG through each component of the change to this year's."""
    values = [start[1]]
    for _, delta in steps:
        values.append(values[-1] + delta)
    top = max(max(values), 1)
    scale = 180 / top
    bars = [
        {
            "label": start[0],
            "x": 0,
            "y": round(200 - start[1] * scale, 1),
            "height": round(start[1] * scale, 1),
            "color": PALETTE[4],
            "text": format_rupiah(start[1]),
        }
    ]
    level = start[1]
    for i, (label, delta) in enumerate(steps, start=1):
        low, high = sorted((level, level + delta))
        bars.append(
            {
                "label": label,
                "x": i * 110,
                "y": round(200 - high * scale, 1),
                "height": max(round((high - low) * scale, 1), 1.0),
                "color": PALETTE[3] if delta >= 0 else PALETTE[1],
                "text": ("+" if delta > 0 else "") + format_rupiah(delta),
            }
        )
        level += delta
    bars.append(
        {
            "label": "tahun ini",
            "x": (len(steps) + 1) * 110,
            "y": round(200 - level * scale, 1),
            "height": round(level * scale, 1),
            "color": PALETTE[0],
            "text": format_rupiah(level),
        }
    )
    return {"bars": bars, "width": (len(steps) + 2) * 110, "height": 250}
