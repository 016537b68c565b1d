"""A chart's data as XLSX (numbers stay numbers, dates stay readable)."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook

from gospablik.analytics.charts import Chart

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def chart_xlsx(chart: Chart, caption: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = chart.key[:31]
    sheet.append([chart.title])
    sheet.append([caption])
    sheet.append(["", *chart.series])
    for i, label in enumerate(chart.labels):
        sheet.append([label, *(values[i] for values in chart.series.values())])
    sheet.column_dimensions["A"].width = 40
    out = BytesIO()
    book.save(out)
    return out.getvalue()
