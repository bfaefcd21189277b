"""Reports (báo cáo) on dossiers: the indicator table in the terminal, JSON, CSV and HTML.

An outer layer: it reads dossier rows and an indicator table and shows them. The HTML report is
one self-contained file with plotly charts (the ``report`` extra: ``pip install
'adminflow[report]'``); the terminal table uses ``rich``. Domain packages never import this one.
"""

from adminflow.report._diagram import parse_mermaid
from adminflow.report._html import render_html, write_html
from adminflow.report._table import (
    DEFAULT_COLUMNS,
    IndicatorReportLike,
    TableView,
    table_to_csv,
    table_to_json,
    table_view,
)
from adminflow.report._terminal import print_indicators, rich_table

__all__ = [
    "DEFAULT_COLUMNS",
    "IndicatorReportLike",
    "TableView",
    "parse_mermaid",
    "print_indicators",
    "render_html",
    "rich_table",
    "table_to_csv",
    "table_to_json",
    "table_view",
    "write_html",
]
