"""Timing and reporting helpers shared by the benchmarks.

Each benchmark prints its own figures and also writes its summary rows to
``bench/out/<name>.json``; ``run_all.py`` prints them together as one table.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent / "out"

Row = tuple[str, str, str]  # figure, value, target (and whether it is met)


def timed(action: Callable[[], object]) -> float:
    """Seconds ``action()`` takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def spread(samples: list[float]) -> str:
    """``median 0.412 s (min 0.398, max 0.455, n=5)``."""
    return (
        f"median {statistics.median(samples):.3f} s "
        f"(min {min(samples):.3f}, max {max(samples):.3f}, n={len(samples)})"
    )


def percentile(samples: list[float], fraction: float) -> float:
    """The ``fraction`` quantile (0.95: p95), by the nearest rank."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


def latency(samples: list[float]) -> str:
    """``median 12.3 ms, p95 15.0 ms (n=200)`` from samples in seconds."""
    return (
        f"median {statistics.median(samples) * 1000:.1f} ms, "
        f"p95 {percentile(samples, 0.95) * 1000:.1f} ms (n={len(samples)})"
    )


def target(value: float, limit: float, unit: str) -> str:
    """``<= 1 s: met`` or ``<= 1 s: NOT met``."""
    verdict = "met" if value <= limit else "NOT met"
    return f"<= {limit:g}{unit}: {verdict}"


def at_least(value: float, limit: float, unit: str) -> str:
    """``>= 20/s: met`` or ``>= 20/s: NOT met``."""
    verdict = "met" if value >= limit else "NOT met"
    return f">= {limit:g}{unit}: {verdict}"


def save(name: str, rows: list[Row]) -> None:
    OUT_DIR.mkdir(exist_ok=True)
    (OUT_DIR / f"{name}.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


def load(name: str) -> list[Row]:
    path = OUT_DIR / f"{name}.json"
    if not path.exists():
        return []
    return [tuple(row) for row in json.loads(path.read_text(encoding="utf-8"))]


def clear(name: str) -> None:
    (OUT_DIR / f"{name}.json").unlink(missing_ok=True)


def table(rows: list[Row]) -> str:
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
    )
