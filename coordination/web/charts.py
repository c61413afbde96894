"""Bar charts drawn on the server as SVG (no JavaScript, nothing from elsewhere), each shown with a
data table beside it for anyone who does not read the picture. Suppressed counts (None) get no bar."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None
    x: float
    y: float
    width: float
    height: float
    label_x: float


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    width: int
    height: int
    baseline: float
    bars: list[Bar]


def bar_chart(title: str, description: str, labels: list[str], values: list[int | None]) -> BarChart:
    width, height, top, bottom = 320, 180, 16, 36
    largest = max([value for value in values if value] or [1])
    slot = width / max(len(values), 1)
    bars = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        bar_height = (height - top - bottom) * (value or 0) / largest
        bars.append(
            Bar(
                label=label,
                value=value,
                x=round(index * slot + slot * 0.15, 1),
                y=round(height - bottom - bar_height, 1),
                width=round(slot * 0.7, 1),
                height=round(bar_height, 1),
                label_x=round(index * slot + slot / 2, 1),
            )
        )
    return BarChart(title, description, width, height, height - bottom, bars)
