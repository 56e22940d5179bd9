"""Charts drawn on the server as SVG: geometry is computed here, templates/progress/includes/ draw it.

Each chart carries its Table so the template can put the same numbers beside it as a data table,
which is what screen-reader users and anyone printing the page rely on.
"""

import math
from dataclasses import dataclass, field

from lms.measures import Table

PALETTE = ["#1f5f8b", "#c2571a", "#2e7d32", "#7b3fa0", "#a61d4c", "#00796b", "#5d4037", "#455a64"]


@dataclass
class Bar:
    label: str
    value: float
    display: str
    y: float
    width: float
    label_y: float
    value_x: float


@dataclass
class BarChart:
    table: Table
    title: str
    description: str
    bars: list[Bar]
    width: int
    height: int
    label_width: int
    bar_height: int
    colour: str = PALETTE[0]
    ticks: list[tuple[float, str]] = field(default_factory=list)

    @property
    def chart_id(self) -> str:
        return f"chart-{self.table.key}"


def text_width(text: str, size: int = 13) -> int:
    """Roughly how wide ``text`` is at ``size`` px: full-width (Japanese) characters take a whole em."""
    return math.ceil(sum(size if ord(char) > 0x2E7F else size * 0.6 for char in text))


MARKERS = ["circle", "square", "triangle", "diamond"]
DASHES = ["", "6 3", "2 3", "8 3 2 3"]


def marker_path(shape: str, x: float, y: float, r: float = 4.5) -> str:
    """An SVG path for a point marker: each series has its own shape, so colour is not the only clue."""
    if shape == "square":
        return f"M{x - r},{y - r}h{2 * r}v{2 * r}h{-2 * r}z"
    if shape == "triangle":
        return f"M{x},{y - r - 1}L{x + r + 1},{y + r}L{x - r - 1},{y + r}z"
    if shape == "diamond":
        return f"M{x},{y - r - 1}L{x + r + 1},{y}L{x},{y + r + 1}L{x - r - 1},{y}z"
    return f"M{x - r},{y}a{r},{r} 0 1,0 {2 * r},0a{r},{r} 0 1,0 {-2 * r},0"


def _display(value) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def bar_chart(
    table: Table,
    *,
    title: str,
    description: str,
    label_column: int = 0,
    value_column: int = 1,
    maximum: float | None = None,
    limit: int = 20,
) -> BarChart:
    """Horizontal bars: long labels (course titles, capacity areas) stay readable."""
    rows = table.rows[:limit]
    values = [float(row[value_column] or 0) for row in rows]
    top = maximum if maximum is not None else max(values, default=0) or 1
    plot_width, bar_height, gap = 380, 22, 8
    labels = [str(row[label_column]) for row in rows]
    # Room for the longest label, whole: the SVG scales down to fit, rather than cutting words off.
    label_width = max(120, min(max((text_width(label) for label in labels), default=0) + 16, 520))
    bars = []
    for index, (row, value) in enumerate(zip(rows, values, strict=True)):
        y = 10 + index * (bar_height + gap)
        width = round(plot_width * value / top, 1) if top else 0
        bars.append(
            Bar(
                label=str(row[label_column]),
                value=value,
                display=_display(row[value_column] or 0),
                y=y,
                width=width,
                label_y=y + bar_height * 0.7,
                value_x=label_width + width + 6,
            )
        )
    height = 20 + len(rows) * (bar_height + gap)
    return BarChart(
        table=table,
        title=title,
        description=description,
        bars=bars,
        width=label_width + plot_width + 60,
        height=max(height, 40),
        label_width=label_width,
        bar_height=bar_height,
    )


def nice_step(span: float, steps: int) -> float:
    """The smallest 1, 2 or 5 × 10^k step that covers ``span`` in ``steps`` gridlines, so axis labels are round."""
    raw = span / steps
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return max(factor * magnitude, 1)
    return 10 * magnitude


@dataclass
class Series:
    name: str
    colour: str
    points: list[tuple[float, float, str]]  # x, y, value shown
    marker: str = "circle"
    dash: str = ""

    @property
    def path(self) -> str:
        return " ".join(f"{x},{y}" for x, y, _value in self.points)

    @property
    def markers(self) -> list[tuple[str, str]]:
        return [(marker_path(self.marker, x, y), value) for x, y, value in self.points]


@dataclass
class LineChart:
    table: Table
    title: str
    description: str
    width: int
    height: int
    categories: list[tuple[float, str]]
    series: list[Series]
    gridlines: list[tuple[float, str]]
    plot_left: int
    plot_bottom: int
    plot_right: int

    @property
    def chart_id(self) -> str:
        return f"chart-{self.table.key}"

    @property
    def legend(self) -> list[dict]:
        """One line per series: a stretch of its line (same dash) with its marker, then its whole name."""
        entries = []
        for index, series in enumerate(self.series):
            y = 20 + index * 20
            x = self.plot_right + 12
            entries.append(
                {
                    "series": series,
                    "y": y,
                    "x1": x,
                    "x2": x + 22,
                    "marker": marker_path(series.marker, x + 11, y - 4),
                    "text_x": x + 30,
                }
            )
        return entries


def line_chart(
    table: Table,
    *,
    title: str,
    description: str,
    minimum: float = 0,
    maximum: float | None = None,
    steps: int = 4,
) -> LineChart:
    """First column holds the categories (fiscal years); every other column is one series."""
    left, top, plot_width, plot_height = 50, 15, 420, 200
    names = table.columns[1:]
    values = [[row[i + 1] for row in table.rows] for i in range(len(names))]
    present = [float(v) for series in values for v in series if v is not None]
    if maximum is not None:
        high = maximum
    else:
        step_size = nice_step((max(present, default=0) or 1) - minimum, steps)
        high = minimum + step_size * steps
    span = (high - minimum) or 1
    count = len(table.rows)

    def x_at(index: int) -> float:
        return round(left + (plot_width * index / (count - 1) if count > 1 else plot_width / 2), 1)

    def y_at(value: float) -> float:
        return round(top + plot_height - plot_height * (float(value) - minimum) / span, 1)

    series = []
    for index, name in enumerate(names):
        points = [(x_at(i), y_at(value), _display(value)) for i, value in enumerate(values[index]) if value is not None]
        series.append(
            Series(
                name=str(name),
                colour=PALETTE[index % len(PALETTE)],
                points=points,
                marker=MARKERS[index % len(MARKERS)],
                dash=DASHES[(index // len(MARKERS) + index) % len(DASHES)],
            )
        )
    gridlines = []
    whole = all(float(minimum + span * step / steps).is_integer() for step in range(steps + 1))
    for step in range(steps + 1):
        value = minimum + span * step / steps
        gridlines.append((y_at(value), f"{value:.0f}" if whole else f"{value:.1f}"))
    return LineChart(
        table=table,
        title=title,
        description=description,
        width=left + plot_width + 50 + max((text_width(str(name), 12) for name in names), default=0),
        height=top + plot_height + 40,
        categories=[(x_at(i), str(row[0])) for i, row in enumerate(table.rows)],
        series=series,
        gridlines=gridlines,
        plot_left=left,
        plot_bottom=top + plot_height,
        plot_right=left + plot_width,
    )
