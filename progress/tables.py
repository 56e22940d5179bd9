"""A table is the unit every figure is made of: rendered as HTML, drawn as a chart, exported as CSV or XLSX."""

from dataclasses import dataclass, field


@dataclass
class Table:
    key: str
    caption: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    links: list[str | None] = field(default_factory=list)  # one URL per row (for the first cell), or None
    empty: str = ""

    @property
    def body(self) -> list[tuple[str | None, list]]:
        links = list(self.links) + [None] * (len(self.rows) - len(self.links))
        return list(zip(links, self.rows, strict=False))

    def column(self, index: int) -> list:
        return [row[index] for row in self.rows]
