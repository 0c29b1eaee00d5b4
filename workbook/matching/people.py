"""Deciding which mentions are the same person.

Email comes first: the same address is the same person, two addresses are two
people. Without one, names are compared as organisations' are (similarity.py), but
only within an organisation, except for an exact namesake met elsewhere.
"""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .aliases import DIFFERENT, PERSON, AliasBook, ReviewItem
from .clusters import (ALIAS, EMAIL, EXACT, LINK_STRENGTH, NAME, NORMALISED, ROOT_STRENGTH,
                       WARNED_HOWS, Clusters, cap_review, declared_different, join_strongest_first,
                       most_used)
from .names import fold, trimmed
from .similarity import (ALIKE, MAX_REVIEW_CANDIDATES, MERGE, REVIEW, candidate_pairs, score_of,
                         verdict_for, word_relation)

# Honorifics and letters after a name do not tell people apart (Jr and Sr do).
_PERSON_NOISE = frozenset({"mr", "mrs", "ms", "mx", "miss", "dr", "rev", "prof", "fr",
                           "phd", "md", "msw", "lcsw", "rn", "edd", "esq", "mba", "mph"})
# A word more than this many people at one organisation share ("Smith") is no lead.
MAX_NAMESAKES = 20
_EMAIL_IN_ANGLES = re.compile(r"<\s*([^<>\s]+@[^<>\s]+)\s*>")


@dataclass(frozen=True)
class PersonMention:
    """One appearance of a person in a checklist."""
    name: str | None
    email: str | None
    organisation_key: str | None  # Resolution.key of their organisation, if known


@dataclass(frozen=True)
class PersonResolution:
    mention: PersonMention
    key: str  # 'email:<address>' or 'name:<normalised name>[|<organisation key>]'
    name: str | None  # display name of the person
    email: str | None  # their address, lower case, if any mention gave one
    how: str  # 'exact' | 'email' | 'normalised' | 'alias' | 'name' | 'fuzzy'
    score: float
    # With how 'name' (the same name met at another organisation): the organisation
    # keys where the rest of this person's mentions were met. A person may work for
    # two organisations, or two people share a name: the warning says which.
    met_elsewhere: tuple[str, ...] = ()


@dataclass
class PersonMatchResult:
    people: list[PersonResolution | None]  # one per mention, in input order; None if blank
    review: list[ReviewItem]
    merged_with_warning: list[PersonResolution]  # 'name' and 'fuzzy' merges, once each


@functools.lru_cache(maxsize=16_384, typed=True)  # a person is named in many files of a batch
def _person_words(name: str | None) -> tuple[str, ...]:
    """A person's name as sorted words: 'Whitfield, Dana' reads as 'Dana Whitfield'."""
    text = fold(trimmed(name)).casefold().replace("'", "")
    words = tuple(word for word in re.findall(r"[^\W_]+", text) if word not in _PERSON_NOISE)
    return tuple(sorted(words))


def _person_name_key(name: str | None) -> str:
    return " ".join(_person_words(name))


def _email_of(value: str | None) -> str | None:
    text = trimmed(value).casefold()
    text = text[len("mailto:"):] if text.startswith("mailto:") else text
    return text if "@" in text and " " not in text else None


def _person_reference(cell: str) -> tuple[str, str]:
    """('email', address) or ('name', key) for a person cell of aliases.csv.

    'Dana Whitfield <dana@example.org>', as review files write it, is the address.
    """
    in_angles = _EMAIL_IN_ANGLES.search(cell)
    email = _email_of(in_angles.group(1) if in_angles else cell)
    return (EMAIL, email) if email else (NAME, _person_name_key(cell))


@dataclass
class _PersonRules:
    email_as: dict[str, str] = field(default_factory=dict)  # address -> canonical address
    name_as: dict[str, str] = field(default_factory=dict)  # name key -> canonical name key
    name_display: dict[str, str] = field(default_factory=dict)  # canonical name key -> text
    name_email: list[tuple[str, str]] = field(default_factory=list)  # (name key, address)
    different: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # labels


def _person_rules(aliases: AliasBook | None) -> _PersonRules:
    rules = _PersonRules()
    for alias in (aliases.of_kind(PERSON) if aliases else []):
        (kind_a, a), (kind_b, b) = _person_reference(alias.name), _person_reference(alias.canonical)
        if not a or not b:
            continue
        if alias.decision == DIFFERENT:
            rules.different[f"{kind_a}:{a}"].add(f"{kind_b}:{b}")
            rules.different[f"{kind_b}:{b}"].add(f"{kind_a}:{a}")
        elif kind_a == kind_b == EMAIL:
            rules.email_as[a] = b
        elif kind_a == kind_b == NAME:
            rules.name_as[a] = b
            rules.name_display.setdefault(b, trimmed(alias.canonical))
        else:
            rules.name_email.append((a, b) if kind_a == NAME else (b, a))
    return rules


def _follow(mapping: Mapping[str, str], value: str) -> str:
    """Where a chain of renamings ends (a loop stops where it started)."""
    seen = {value}
    while value in mapping and mapping[value] not in seen:
        value = mapping[value]
        seen.add(value)
    return value


@dataclass
class _Seen:
    """What the mentions of one person node said."""
    names: Counter = field(default_factory=Counter)  # trimmed names as typed
    name_keys: set[str] = field(default_factory=set)
    places: set[tuple[str, str]] = field(default_factory=set)  # (name key, organisation key or '')
    mentions: int = 0


def match_people(mentions: Iterable[PersonMention],
                 aliases: AliasBook | None = None) -> PersonMatchResult:
    """Decide which mentions are the same person.

    The same email (any case) is the same person; different emails are different
    people, whatever their names. Without an email, the same name counts within the
    same organisation (or where an organisation is unknown), else at another
    organisation if only one person has that name (with a warning). Names that are
    only alike merge within one organisation, with a warning.
    """
    mentions = list(mentions)
    rules = _person_rules(aliases)
    nodes, rewritten = _person_nodes(mentions, rules)
    seen = _seen_by_node(mentions, nodes, rules)
    clusters = Clusters(sorted(seen))

    def labels(node: tuple) -> set[str]:
        own = {f"{EMAIL}:{node[1]}"} if node[0] == EMAIL else set()
        return own | {f"{NAME}:{key}" for key in seen[node].name_keys}

    def allowed(members_a: set, members_b: set) -> bool:
        emails = {node for node in members_a | members_b if node[0] == EMAIL}
        return len(emails) <= 1 and not declared_different(members_a, members_b,
                                                            rules.different, labels)

    for name_key, email in sorted(rules.name_email):
        for node in sorted(seen):
            if node[0] == NAME and node[1] == name_key and (EMAIL, email) in seen:
                clusters.join(node, (EMAIL, email), ALIAS, 100.0, allowed)
    reviews = _join_same_names(clusters, seen, allowed)
    reviews += _join_alike_names(clusters, seen, allowed)
    return _person_result(mentions, nodes, rewritten, seen, clusters, rules, reviews)


def _person_nodes(mentions: Sequence[PersonMention],
                  rules: _PersonRules) -> tuple[list[tuple | None], list[bool]]:
    """Each mention's node - ('email', address) or ('name', name key, organisation) -
    and whether an alias rewrote it."""
    nodes, rewritten = [], []
    for mention in mentions:
        email = _email_of(mention.email)
        # An address typed wrong still says who it is, if nothing else does.
        name_key = _person_name_key(mention.name) or ("" if email else _person_name_key(mention.email))
        final_email = _follow(rules.email_as, email) if email else None
        final_name = _follow(rules.name_as, name_key) if name_key else ""
        rewritten.append(final_email != email if email else final_name != name_key)
        if final_email:
            nodes.append((EMAIL, final_email))
        elif final_name:
            nodes.append((NAME, final_name, mention.organisation_key or ""))
        else:
            nodes.append(None)
    return nodes, rewritten


def _seen_by_node(mentions: Sequence[PersonMention], nodes: Sequence[tuple | None],
                  rules: _PersonRules) -> dict[tuple, _Seen]:
    seen: dict[tuple, _Seen] = defaultdict(_Seen)
    for mention, node in zip(mentions, nodes):
        if node is None:
            continue
        facts = seen[node]
        facts.mentions += 1
        name_key = node[1] if node[0] == NAME else _follow(rules.name_as, _person_name_key(mention.name))
        if name_key:
            facts.name_keys.add(name_key)
            facts.places.add((name_key, mention.organisation_key or ""))
        if trimmed(mention.name):
            facts.names[trimmed(mention.name)] += 1
    return seen


def _join_same_names(clusters: Clusters, seen: Mapping[tuple, _Seen],
                     allowed: Callable[[set, set], bool]) -> list[tuple[float, tuple, tuple]]:
    """Link mentions without email to the person of the same name.

    In three rounds, each decided on the state the round starts from so that the
    order of nodes does not matter: same organisation, then another organisation,
    then name nodes whose organisation is unknown (which could be anyone's).
    """
    with_name: dict[str, list[tuple]] = defaultdict(list)
    for node in sorted(seen):
        for name_key in seen[node].name_keys:
            with_name[name_key].append(node)
    reviews: list[tuple[float, tuple, tuple]] = []
    found_at_own_organisation: set[tuple] = set()
    for round_name in ("same organisation", "other organisation", "unknown organisation"):
        links = []
        for node in sorted(seen):
            if (node[0] != NAME or (node[2] == "") != (round_name == "unknown organisation")
                    or node in found_at_own_organisation):
                continue
            candidates = _same_name_candidates(node, with_name[node[1]], seen, round_name)
            if candidates and round_name == "same organisation":
                found_at_own_organisation.add(node)  # preferred: never look further
            owners = {clusters.find(other) for other in candidates} - {clusters.find(node)}
            if len(owners) == 1:
                how = NAME if round_name == "other organisation" else NORMALISED
                links.append((node, min(c for c in candidates if clusters.find(c) in owners), how))
            elif len(owners) <= MAX_REVIEW_CANDIDATES:  # a name shared by more is no lead
                reviews += [(100.0, node, other) for other in candidates
                            if clusters.find(other) in owners]
        for node, other, how in links:
            if not clusters.join(node, other, how, 100.0, allowed):
                reviews.append((100.0, node, other))
    return reviews


def _same_name_candidates(node: tuple, namesakes: Sequence[tuple], seen: Mapping[tuple, _Seen],
                          round_name: str) -> list[tuple]:
    _, name_key, organisation = node
    others = [other for other in namesakes if other != node]
    if round_name == "unknown organisation":
        return others
    if round_name == "same organisation":
        return [other for other in others if other[0] == EMAIL
                and ((name_key, organisation) in seen[other].places
                     or (name_key, "") in seen[other].places)]
    return [other for other in others
            if all(place[1] not in ("", organisation) for place in seen[other].places
                   if place[0] == name_key)]


def _join_alike_names(clusters: Clusters, seen: Mapping[tuple, _Seen],
                      allowed: Callable[[set, set], bool]) -> list[tuple[float, tuple, tuple]]:
    """Fuzzy name matches, only between people met at the same organisation."""
    by_organisation: dict[str, set[tuple[str, tuple]]] = defaultdict(set)
    for node, facts in seen.items():
        for name_key, organisation in facts.places:
            if organisation:
                by_organisation[organisation].add((name_key, node))
    merges, reviews = [], []
    for organisation in sorted(by_organisation):
        entries = sorted(by_organisation[organisation])
        word_lists = [tuple(name_key.split()) for name_key, _ in entries]
        for i, j in sorted(candidate_pairs(word_lists) | _sharing_a_word(word_lists)):
            (_, node_a), (_, node_b) = entries[i], entries[j]
            if node_a == node_b or (node_a[0] == EMAIL and node_b[0] == EMAIL):
                continue  # different addresses are different people
            if word_lists[i] == word_lists[j]:
                continue  # the same name: settled by _join_same_names, ambiguity included
            score = score_of(word_lists[i], word_lists[j])
            relation = word_relation(word_lists[i], word_lists[j], people=True)
            # At one organisation, names alike ("Bob"/"Robert Hensley") are worth a look.
            verdict = REVIEW if relation == ALIKE else verdict_for(relation, score)
            if verdict:
                (merges if verdict == MERGE else reviews).append((score, node_a, node_b))
    return reviews + join_strongest_first(clusters, merges, allowed)


def _sharing_a_word(word_lists: Sequence[tuple[str, ...]]) -> set[tuple[int, int]]:
    """Pairs of names at one organisation that share a word (a surname, mostly)."""
    holders: dict[str, list[int]] = defaultdict(list)
    for index, words in enumerate(word_lists):
        for word in set(words):
            holders[word].append(index)
    return {(a, b) for indexes in holders.values() if len(indexes) <= MAX_NAMESAKES
            for a in indexes for b in indexes if a < b}


def _person_result(mentions: Sequence[PersonMention], nodes: Sequence[tuple | None],
                   rewritten: Sequence[bool], seen: Mapping[tuple, _Seen], clusters: Clusters,
                   rules: _PersonRules, reviews: list[tuple[float, tuple, tuple]]) -> PersonMatchResult:
    people: dict[Hashable, tuple[tuple, str | None, str | None, str]] = {}
    paths: dict[Hashable, dict] = {}
    for members in clusters.components():
        root_node, name, email, key = _person_identity(members, seen, rules)
        people[clusters.find(root_node)] = (root_node, name, email, key)
        paths[clusters.find(root_node)] = clusters.weakest_links(root_node)
    resolutions: list[PersonResolution | None] = []
    for mention, node, was_rewritten in zip(mentions, nodes, rewritten):
        if node is None:
            resolutions.append(None)
            continue
        root = clusters.find(node)
        root_node, name, email, key = people[root]
        how, score = paths[root][node]
        if node == root_node:
            how = EXACT if trimmed(mention.name) == (name or "") else (EMAIL if node[0] == EMAIL
                                                                         else NORMALISED)
        if was_rewritten and LINK_STRENGTH.get(how, ROOT_STRENGTH) > LINK_STRENGTH[ALIAS]:
            how = ALIAS
        elsewhere = _met_elsewhere(clusters.members(node), seen, mention) if how == NAME else ()
        resolutions.append(PersonResolution(mention, key, name, email, how, score, elsewhere))
    warned = sorted({r for r in resolutions if r is not None and r.how in WARNED_HOWS},
                    key=lambda r: (r.key, r.mention.name or "", r.mention.email or "",
                                   r.mention.organisation_key or ""))
    return PersonMatchResult(resolutions, _person_review(clusters, people, reviews), warned)


def _met_elsewhere(members: set, seen: Mapping[tuple, _Seen], mention: PersonMention
                   ) -> tuple[str, ...]:
    places = {organisation for node in members for _, organisation in seen[node].places}
    return tuple(sorted(places - {mention.organisation_key or "", ""}))


def _person_identity(members: set, seen: Mapping[tuple, _Seen],
                     rules: _PersonRules) -> tuple[tuple, str | None, str | None, str]:
    """(root node, display name, email, key) of one person."""
    root_node = min(members, key=lambda node: (node[0] != EMAIL, -seen[node].mentions, node))
    names = Counter()
    for node in members:
        names.update(seen[node].names)
    aliased = sorted(rules.name_display[key] for node in members for key in seen[node].name_keys
                     if key in rules.name_display)
    name = aliased[0] if aliased else (most_used(names) if names else None)
    email = root_node[1] if root_node[0] == EMAIL else None
    if email:
        key = f"{EMAIL}:{email}"
    else:
        key = f"{NAME}:{root_node[1]}" + (f"|{root_node[2]}" if root_node[2] else "")
    return root_node, name, email, key


def _person_review(clusters: Clusters, people: Mapping[Hashable, tuple],
                   reviews: list[tuple[float, tuple, tuple]]) -> list[ReviewItem]:
    items = []
    labels = {root: _person_label(person) for root, person in people.items()}
    for score, a, b in reviews:
        root_a, root_b = clusters.find(a), clusters.find(b)
        if root_a == root_b or (people[root_a][2] and people[root_b][2]):
            continue  # already one person, or two addresses: two people
        label_a, label_b = sorted((labels[root_a], labels[root_b]))
        if label_a != label_b:  # two identical labels could not be settled in aliases.csv
            items.append(ReviewItem(PERSON, label_a, label_b, score))
    return cap_review(items)


def _person_label(person: tuple) -> str:
    _, name, email, _ = person
    if name and email:
        return f"{name} <{email}>"
    return name or email or ""
