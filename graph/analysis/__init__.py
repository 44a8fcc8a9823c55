"""networkx projections of the graph and the measures computed on them.

Projections take the store first and return networkx graphs with plain string
node ids and scalar attributes; measures take a graph and return plain dicts
(one per measure, networkx style) or lists, and never change the graph.

:mod:`~litkg.graph.analysis.rows`
    the named queries' results as dicts: :func:`query_rows`, :func:`mention_rows`,
    :func:`paper_rows`, :func:`affiliation_rows`, :func:`concept_labels`, :func:`parse_year`.
:mod:`~litkg.graph.analysis.projections`
    :func:`paper_concept_graph`, :func:`concept_cooccurrence`, :func:`platform_effect_table`,
    :func:`platform_effect_graph`, :func:`collaboration_graph`; :func:`projection` by name.
:mod:`~litkg.graph.analysis.centrality`
    :func:`centralities` (degree, weighted degree, betweenness, eigenvector), :func:`centrality_table`.
:mod:`~litkg.graph.analysis.communities`
    :func:`detect_communities` (Louvain), :func:`community_labels`, :func:`bridging_concepts`.
:mod:`~litkg.graph.analysis.layout`
    :func:`layout_positions`, :func:`hex_rgb`, :func:`community_colour`, :func:`disambiguated_labels`,
    :func:`paper_label`;
    :data:`DEFAULT_MIN_PAPERS` (``--min-papers`` of ``litkg export`` and ``litkg analyze``).
:mod:`~litkg.graph.analysis.annotation`
    :func:`annotations` (all of the above per node), :func:`annotated_projection` (what the exporters write).
:mod:`~litkg.graph.analysis.trends`
    :func:`concept_trends`, :func:`kleinberg_bursts`, :func:`concept_bursts`.

Everything is importable from ``litkg.graph.analysis`` itself.
"""
from litkg.graph.analysis.annotation import ANNOTATIONS, annotated_projection, annotations
from litkg.graph.analysis.centrality import (DENSE_EIGENVECTOR_MAX, MEASURES, betweenness,
                                             centralities, centrality_table, degrees, eigenvector)
from litkg.graph.analysis.communities import bridging_concepts, community_labels, detect_communities
from litkg.graph.analysis.layout import (DEFAULT_MIN_PAPERS, PALETTE, community_colour, disambiguated_labels,
                                         hex_rgb, layout_positions, paper_label)
from litkg.graph.analysis.projections import (EFFECT_TYPES, PROJECTIONS, collaboration_graph, concept_cooccurrence,
                                              paper_concept_graph, platform_effect_graph, platform_effect_table,
                                              projection)
from litkg.graph.analysis.rows import (affiliation_rows, concept_labels, iri_label, is_candidate, mention_rows,
                                       paper_details, paper_rows, parse_bool, parse_year, query_rows,
                                       surface_forms)
from litkg.graph.analysis.trends import concept_bursts, concept_trends, kleinberg_bursts

__all__ = [
    "ANNOTATIONS", "DEFAULT_MIN_PAPERS", "DENSE_EIGENVECTOR_MAX", "EFFECT_TYPES", "MEASURES", "PALETTE", "PROJECTIONS",
    "community_colour", "disambiguated_labels", "hex_rgb", "layout_positions", "paper_details", "paper_label",
    "surface_forms",
    "affiliation_rows", "annotated_projection", "annotations", "betweenness", "bridging_concepts", "centralities",
    "centrality_table", "collaboration_graph", "community_labels", "concept_bursts", "concept_cooccurrence",
    "concept_labels", "concept_trends", "degrees", "detect_communities", "eigenvector", "iri_label", "is_candidate",
    "kleinberg_bursts", "mention_rows", "paper_concept_graph", "paper_rows", "parse_bool", "parse_year",
    "platform_effect_graph", "platform_effect_table", "projection", "query_rows",
]
