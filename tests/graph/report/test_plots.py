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


def _crowded() -> nx.Graph:
    """Twenty concepts on top of each other: the labels must still not overlap."""
    g = nx.Graph()
    for i in range(20):
        g.add_node(f"n{i}", label=f"concept number {i}", papers=30 - i, type="benefit", community=1 + i % 3,
                   community_label=f"c{i % 3}")
    for i in range(19):
        g.add_edge(f"n{i}", f"n{i + 1}", weight=5)
        g.add_edge(f"n{i}", f"n{(i + 7) % 20}", weight=4)
    return g


def test_cooccurrence_labels_do_not_overlap():
    fig = P.cooccurrence_figure(_crowded())
    renderer = FigureCanvasAgg(fig).get_renderer()
    texts = [t for t in fig.axes[0].texts if t.get_text().startswith("concept number")]
    assert len(texts) >= 12  # the most frequent concepts are always labelled
    boxes = [t.get_window_extent(renderer) for t in texts]
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b)]


def test_trends_axis_ends_with_the_data_and_bursts_have_a_type_legend():
    years = list(range(2015, 2022))
    trends = {"years": years, "totals": {y: 10 for y in years}, "undated": 0,
              "concepts": {"x": {"label": "X", "type": "risk", "papers": 9, "counts": [0, 0, 0, 0, 1, 4, 4]}}}
    bursts = [{"label": "X", "type": "risk", "start": 2020, "end": 2021, "papers_in_burst": 8, "papers": 9},
              {"label": "Y", "type": "benefit", "start": 2015, "end": 2016, "papers_in_burst": 5, "papers": 6}]
    fig = P.trends_figure(trends, bursts)
    ax = fig.axes[2]
    assert ax.get_xlim()[1] <= years[-1] + 1  # no empty years after the data
    legend = ax.get_legend()
    assert legend is not None and {t.get_text() for t in legend.get_texts()} == {"risk", "benefit"}
    renderer = FigureCanvasAgg(fig).get_renderer()
    frame = ax.get_window_extent(renderer)
    for t in ax.texts:  # burst labels stay inside the panel
        box = t.get_window_extent(renderer)
        assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1, t.get_text()


def test_platform_heatmap_keeps_the_label_case():
    table = [{"platform": "p", "platform_label": "KakaoTalk", "effect": "e", "effect_label": "E",
              "type": "benefit", "candidate": True, "asserted": 1, "hedged": 0, "negated": 0, "papers": 1}]
    fig = P.platform_effects_figure(table, include_candidates=True)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["KakaoTalk"]
