from lms.measures import Table
from progress.charts import bar_chart, line_chart, nice_step


def test_bar_chart_geometry():
    table = Table(key="t", caption="Scores", columns=["Area", "Score"], rows=[["Governance", 4.0], ["Finance", 2.0]])
    chart = bar_chart(table, title="Scores", description="Latest scores", maximum=4)
    assert [bar.label for bar in chart.bars] == ["Governance", "Finance"]
    assert chart.bars[0].width == 2 * chart.bars[1].width
    assert chart.bars[0].display == "4.0"
    assert chart.chart_id == "chart-t"


def test_bar_chart_with_zeroes_only():
    table = Table(key="t", caption="C", columns=["A", "N"], rows=[["x", 0], ["y", 0]])
    assert [bar.width for bar in bar_chart(table, title="", description="").bars] == [0, 0]


def test_line_chart_series_and_round_axis():
    table = Table(
        key="trend", caption="Trend", columns=["Year", "A", "B"], rows=[["FY2025", 1, None], ["FY2026", 5, 3]]
    )
    chart = line_chart(table, title="Trend", description="By year")
    assert [series.name for series in chart.series] == ["A", "B"]
    assert len(chart.series[0].points) == 2 and len(chart.series[1].points) == 1  # gaps are skipped, not zero
    assert [label for _y, label in chart.gridlines] == ["0", "2", "4", "6", "8"]
    assert chart.categories[0][1] == "FY2025"
    # Higher values are drawn higher (smaller y).
    assert chart.series[0].points[1][1] < chart.series[0].points[0][1]


def test_nice_step():
    assert nice_step(5, 4) == 2
    assert nice_step(40, 4) == 10
    assert nice_step(0.5, 4) == 1
