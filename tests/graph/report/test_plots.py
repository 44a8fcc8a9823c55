"""The pictures: matplotlib Figures without pyplot, so a notebook's backend stays what it was."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import networkx as nx
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from litkg.graph.report import plots as P


@pytest.mark.parametrize("backend", ["pdf", "module://matplotlib_inline.backend_inline"])
def test_importing_and_drawing_leave_the_backend_alone(backend, tmp_path):
    if backend.startswith("module://"):
        pytest.importorskip("matplotlib_inline")
    code = textwrap.dedent(f"""
        import sys
        import matplotlib
        matplotlib.use({backend!r})
        before = matplotlib.get_backend()
        import litkg.graph.report, litkg.graph.report.plots
        assert matplotlib.get_backend() == before, (before, matplotlib.get_backend())
        from litkg.graph.report import analyze
        from litkg.graph.store import GraphStore
        analyze(GraphStore(), {str(tmp_path)!r})
        assert matplotlib.get_backend() == before, (before, matplotlib.get_backend())
        assert "matplotlib.pyplot" not in sys.modules, "pyplot imported"
    """)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def _graph() -> nx.Graph:
    g = nx.Graph()
    for i, (u, v) in enumerate([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]):
        g.add_edge(u, v, weight=2 + i)
    for i, n in enumerate(g):
        g.nodes[n].update(label=n.upper(), papers=3 + i, type="benefit" if i % 2 else "risk", community=i // 2,
                          community_label=f"c{i // 2}")
    return g


def test_figures_are_plain_figures_and_save_as_png(tmp_path):
    trends = {"years": [2019, 2020, 2021], "totals": {2019: 3, 2020: 4, 2021: 9}, "undated": 1,
              "concepts": {"x": {"label": "X", "type": "risk", "papers": 5, "counts": [0, 1, 4]}}}
    bursts = [{"label": "X", "type": "risk", "start": 2021, "end": 2021, "papers_in_burst": 4, "papers": 5}]
    table = [{"platform": "p", "platform_label": "P", "effect": "e", "effect_label": "E", "type": "benefit",
              "candidate": False, "asserted": 2, "hedged": 1, "negated": 1, "papers": 3}]
    figures = {"cooccurrence": P.cooccurrence_figure(_graph(), title="t"),
               "platform_effects": P.platform_effects_figure(table), "trends": P.trends_figure(trends, bursts)}
    for name, fig in figures.items():
        assert isinstance(fig, Figure)
        path = P.save_figure(fig, tmp_path / f"{name}.png")
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(figures["platform_effects"].axes) == 3  # asserted, hedged, negated


def test_cooccurrence_legends_are_inside_the_saved_picture(tmp_path):
    """The community legend sits right of the axes; the tight bounding box keeps it (as a notebook shows it)."""
    fig = P.cooccurrence_figure(_graph())
    P.save_figure(fig, tmp_path / "c.png")
    legends = [a for a in fig.axes[0].get_children() if type(a).__name__ == "Legend"]
    assert len(legends) == 2
    renderer = FigureCanvasAgg(fig).get_renderer()
    box = fig.get_tightbbox(renderer)  # inches: what bbox_inches="tight" saves (and a notebook shows)
    for leg in legends:
        extent = leg.get_window_extent(renderer)
        assert box.contains(*(extent.p0 / fig.dpi)) and box.contains(*(extent.p1 / fig.dpi))


def test_backbone_keeps_the_strongest_ties():
    g = _graph()
    h = P.backbone(g, max_nodes=3, top_edges=1, min_weight=3)
    assert set(h) == {"d", "c", "b"} and all(d["weight"] >= 3 for _, _, d in h.edges(data=True))
