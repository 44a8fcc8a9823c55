"""``litkg analyze``: tables (CSV), pictures (PNG) and a Markdown report a reviewer reads first.

:mod:`~litkg.graph.report.job`
    :func:`analyze` runs every analysis on a store and writes the folder (:data:`OUTPUTS`).
:mod:`~litkg.graph.report.plots`
    the pictures as matplotlib :class:`~matplotlib.figure.Figure` objects (no pyplot, the
    caller's backend untouched): :func:`cooccurrence_figure`, :func:`platform_effects_figure`,
    :func:`trends_figure`; :func:`save_figure` writes one.
:mod:`~litkg.graph.report.markdown`
    the text of ``report.md``.
"""
from litkg.graph.report.job import OUTPUTS, AnalysisResult, analyze, write_csv
from litkg.graph.report.markdown import md_table, report_text
from litkg.graph.report.plots import (TYPE_COLOURS, TYPE_MARKERS, backbone, cjk_font, cooccurrence_figure,
                                      platform_effects_figure, save_figure, trends_figure)

__all__ = ["OUTPUTS", "TYPE_COLOURS", "TYPE_MARKERS", "AnalysisResult", "analyze", "backbone", "cjk_font",
           "cooccurrence_figure", "md_table", "platform_effects_figure", "report_text", "save_figure",
           "trends_figure", "write_csv"]
