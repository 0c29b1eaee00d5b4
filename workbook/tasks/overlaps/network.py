"""Task 2's membership network: coalitions and their member organisations as a graph, with
a layout fixed by its seed so the picture is the same at every redraw."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from ...store import read_table
from .labels import coalition_labels, of_shown

NETWORK_SEED = 2026
ROLE_ORDER = ("Chair", "Co-chair", "Steering", "Member", "Staff")  # most senior first

_ORGANISATION = "organisation"
_COALITION = "coalition"


@dataclass(frozen=True)
class MembershipNetwork:
    """Coalitions and member organisations as a graph with a deterministic layout.

    nodes: node, kind ("coalition" or "organisation"), entity_id, label (the short
    label charts draw), name (the full name), size (member organisations of a
    coalition; coalitions an organisation sits on), x, y.
    edges: source, target, coalition_id, organisation_id, role (most senior seat),
    roles, seats, and both ends' coordinates x, y, x2, y2.
    extent: ((x min, x max), (y min, y max)) of the whole network's layout, the same
    at every threshold, so a chart's frame does not move either.
    """
    nodes: pd.DataFrame
    edges: pd.DataFrame
    extent: tuple[tuple[float, float], tuple[float, float]] | None = None


def membership_network(db: str | Path, min_coalitions: int = 1, seed: int = NETWORK_SEED,
                       include_ended: bool = False) -> MembershipNetwork:
    """Organisations sitting on at least *min_coalitions* coalitions, and every coalition
    shown (residents, who speak for no organisation, are not organisations here).

    The layout is made once, seeded, on every organisation and coalition, then the
    threshold filters it: a point stays where it was as the threshold moves."""
    coalitions = coalition_labels(db, include_ended)
    seats = of_shown(coalitions.index.to_numpy())(read_table(db, """
        SELECT m.coalition_id, m.organisation_id, o.name AS organisation, m.role
        FROM members m JOIN organisations o ON o.organisation_id = m.organisation_id"""))
    all_edges = _membership_edges(seats)
    organisation_sizes = all_edges.groupby("organisation_id")["coalition_id"].nunique()
    coalition_sizes = all_edges.groupby("coalition_id")["organisation_id"].nunique()
    organisation_names = seats.groupby("organisation_id")["organisation"].first()
    all_nodes = pd.concat([
        pd.DataFrame({"node": [_node_id(_COALITION, i) for i in coalitions.index],
                      "kind": _COALITION, "entity_id": coalitions.index.to_numpy(),
                      "label": coalitions["label"].to_numpy(),
                      "name": coalitions["name"].to_numpy(),
                      "size": coalition_sizes.reindex(coalitions.index, fill_value=0).to_numpy()}),
        pd.DataFrame({"node": [_node_id(_ORGANISATION, i) for i in organisation_sizes.index],
                      "kind": _ORGANISATION, "entity_id": organisation_sizes.index.to_numpy(),
                      "label": organisation_names.reindex(organisation_sizes.index).to_numpy(),
                      "name": organisation_names.reindex(organisation_sizes.index).to_numpy(),
                      "size": organisation_sizes.to_numpy()}),
    ], ignore_index=True)
    positions = _layout(all_nodes["node"], all_edges, seed)
    shown = set(organisation_sizes[organisation_sizes >= min_coalitions].index)
    nodes = all_nodes[(all_nodes["kind"] == _COALITION)
                      | all_nodes["entity_id"].isin(shown)].reset_index(drop=True)
    edges = all_edges[all_edges["organisation_id"].isin(shown)].reset_index(drop=True)
    nodes["x"] = [float(positions[n][0]) for n in nodes["node"]]
    nodes["y"] = [float(positions[n][1]) for n in nodes["node"]]
    edges["x"] = [float(positions[n][0]) for n in edges["source"]]
    edges["y"] = [float(positions[n][1]) for n in edges["source"]]
    edges["x2"] = [float(positions[n][0]) for n in edges["target"]]
    edges["y2"] = [float(positions[n][1]) for n in edges["target"]]
    return MembershipNetwork(nodes, edges, _extent(positions))


def _extent(positions: dict) -> tuple[tuple[float, float], tuple[float, float]] | None:
    if not positions:
        return None
    xy = np.array(list(positions.values()), dtype=float)
    return ((float(xy[:, 0].min()), float(xy[:, 0].max())),
            (float(xy[:, 1].min()), float(xy[:, 1].max())))


def _node_id(kind: str, entity_id) -> str:
    return f"{kind}:{int(entity_id)}"


def _membership_edges(seats: pd.DataFrame) -> pd.DataFrame:
    """One edge per organisation and coalition, however many seats it holds there."""
    seniority = {role: i for i, role in enumerate(ROLE_ORDER)}
    # Unknown roles after the known ones, blank roles last.
    rank = seats["role"].map(seniority).fillna(len(ROLE_ORDER))
    rank = rank.where(seats["role"].notna(), len(ROLE_ORDER) + 1)
    seats = seats.assign(rank=rank).sort_values(["coalition_id", "organisation_id", "rank"],
                                                kind="stable")
    grouped = seats.groupby(["coalition_id", "organisation_id"], sort=True)
    edges = grouped.agg(role=("role", "first"), seats=("role", "size"),
                        roles=("role", _distinct_in_order)).reset_index()
    edges.insert(0, "source", [_node_id(_ORGANISATION, o) for o in edges["organisation_id"]])
    edges.insert(1, "target", [_node_id(_COALITION, c) for c in edges["coalition_id"]])
    return edges[["source", "target", "coalition_id", "organisation_id", "role", "roles", "seats"]]


def _distinct_in_order(values) -> str:
    return "; ".join(dict.fromkeys(v for v in values if isinstance(v, str)))


def _layout(nodes: pd.Series, edges: pd.DataFrame, seed: int) -> dict[str, np.ndarray]:
    # The slider redraws at every step: the same whole network is laid out once.
    return _layout_of(tuple(nodes), tuple(zip(edges["source"], edges["target"])), seed)


@functools.lru_cache(maxsize=8)
def _layout_of(nodes: tuple, edges: tuple, seed: int) -> dict[str, np.ndarray]:
    graph = nx.Graph()
    graph.add_nodes_from(nodes)  # insertion order fixed, so the seed fixes the layout
    graph.add_edges_from(edges)
    if len(graph) == 0:
        return {}
    try:
        return nx.spring_layout(graph, seed=seed)
    except ImportError:
        # networkx hands graphs of 500+ nodes to a scipy-only variant; the dense one
        # is the same force model, only slower.
        from networkx.drawing.layout import _fruchterman_reingold, rescale_layout
        adjacency = nx.to_numpy_array(graph, weight=None)
        positions = rescale_layout(_fruchterman_reingold(adjacency, seed=seed))
        return dict(zip(graph, positions))

