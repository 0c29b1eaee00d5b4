"""Clusters of names that remember how each member joined, and the review list."""
from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping

from .aliases import ReviewItem
from .similarity import MAX_REVIEW_CANDIDATES

# --- How a spelling was recognised ------------------------------------------------------

EXACT = "exact"
NORMALISED = "normalised"
ALIAS = "alias"
ACRONYM = "acronym"
EQUIVALENT = "equivalent"  # words the community's equivalences say are one ("Board of Education")
FUZZY = "fuzzy"
EMAIL = "email"  # people only: same email address
NAME = "name"  # people only: same name, but met at another organisation
WARNED_HOWS = (ACRONYM, FUZZY, NAME)

# Strength of each kind of link: a member is only as sure as the weakest link
# between it and the canonical name.
LINK_STRENGTH = {ALIAS: 5, NORMALISED: 4, EMAIL: 4, EQUIVALENT: 4, ACRONYM: 3, NAME: 2, FUZZY: 1}
ROOT_STRENGTH = 99


class Clusters:
    """Union-find that keeps each cluster's members and the links that joined them."""

    def __init__(self, nodes: Iterable[Hashable]):
        self._parent = {node: node for node in nodes}
        self._members = {node: {node} for node in self._parent}
        self._links: dict[Hashable, list[tuple[Hashable, str, float]]] = defaultdict(list)

    def find(self, node: Hashable) -> Hashable:
        while self._parent[node] != node:
            self._parent[node] = self._parent[self._parent[node]]
            node = self._parent[node]
        return node

    def members(self, node: Hashable) -> set:
        return self._members[self.find(node)]

    def join(self, a: Hashable, b: Hashable, how: str, score: float,
             allowed: Callable[[set, set], bool] | None = None) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            if allowed and not allowed(self._members[root_a], self._members[root_b]):
                return False
            if len(self._members[root_a]) < len(self._members[root_b]):
                root_a, root_b = root_b, root_a
            self._parent[root_b] = root_a
            self._members[root_a] |= self._members.pop(root_b)
        self._links[a].append((b, how, score))
        self._links[b].append((a, how, score))
        return True

    def components(self) -> list[set]:
        return [self._members[node] for node in self._parent if self._parent[node] == node]

    def weakest_links(self, root: Hashable) -> dict[Hashable, tuple[str, float]]:
        """For each member, the weakest link on its strongest path from *root*."""
        found: dict[Hashable, tuple[str, float]] = {}
        queue = [(-ROOT_STRENGTH, -100.0, root, "")]
        while queue:
            strength, score, node, how = heapq.heappop(queue)
            if node in found:
                continue
            found[node] = (how, -score)
            for other, link_how, link_score in self._links[node]:
                if other not in found:
                    weakest = min((-strength, -score, how),
                                  (LINK_STRENGTH[link_how], link_score, link_how))
                    heapq.heappush(queue, (-weakest[0], -weakest[1], other, weakest[2]))
        return found


def declared_different(members_a: set, members_b: set, different: Mapping[Hashable, set],
                        labels: Callable[[Hashable], Iterable[Hashable]] = lambda node: (node,)) -> bool:
    labels_b = {label for node in members_b for label in labels(node)}
    return any(different.get(label, set()) & labels_b
               for node in members_a for label in labels(node))


def most_used(counts: Mapping[str, int]) -> str:
    """The most frequent text; ties go to the longest, then alphabetical.

    Stray inner spaces neither lengthen a name nor show in the result.
    """
    tidy: Counter = Counter()
    for text, count in counts.items():
        tidy[" ".join(text.split())] += count
    return min(tidy, key=lambda text: (-tidy[text], -len(text), text))


def cap_review(items: Iterable[ReviewItem]) -> list[ReviewItem]:
    best: dict[tuple[str, str, str], ReviewItem] = {}
    for item in items:
        pair = (item.kind, item.name, item.candidate)
        if pair not in best or item.score > best[pair].score:
            best[pair] = item
    kept: list[ReviewItem] = []
    per_name: Counter = Counter()
    for item in sorted(best.values(), key=lambda item: (-item.score, item.name, item.candidate)):
        if per_name[item.kind, item.name] < MAX_REVIEW_CANDIDATES:
            per_name[item.kind, item.name] += 1
            kept.append(item)
    return sorted(kept, key=lambda item: (item.kind, -item.score, item.name, item.candidate))


def join_strongest_first(clusters, merges: list[tuple], allowed) -> list[tuple]:
    """Merge the strongest pairs first; a pair the clusters refuse goes back to review."""
    refused = []
    for score, a, b in sorted(merges, key=lambda merge: (-merge[0], merge[1], merge[2])):
        if not clusters.join(a, b, FUZZY, score, allowed):
            refused.append((score, a, b))
    return refused
