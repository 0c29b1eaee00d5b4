"""Deciding which spellings name the same organisation.

In four steps of falling certainty: normalised keys (names.py), the community's
aliases (aliases.py), acronyms learnt from the batch (acronyms.py), and near-identical
names (similarity.py), strong ones merged with a warning and doubtful ones listed
for review.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..schema import PLACEHOLDER_NAMES
from .acronyms import expand, learn_acronyms
from .aliases import ORGANISATION, SAME, AliasBook, ReviewItem
from .clusters import (ACRONYM, ALIAS, EQUIVALENT, EXACT, FUZZY, NORMALISED, WARNED_HOWS, Clusters,
                       cap_review, declared_different, join_strongest_first, most_used)
from .equivalences import Equivalences, build_equivalences
from .names import (ParsedName, content_words, is_placeholder, normalise_organisation, parse_name,
                    trimmed)
from .similarity import (ACRONYM_GUESS_SCORE, ALIKE, CONFLICT, MERGE, candidate_pairs, score_of,
                         verdict_for, word_relation)


@dataclass(frozen=True)
class Resolution:
    """Which organisation one distinct spelling belongs to, and how sure that is."""
    spelling: str  # as typed, trimmed
    canonical: str  # display name of the organisation
    key: str  # stable identifier: the normalised canonical name
    how: str  # 'exact' | 'normalised' | 'alias' | 'fuzzy' | 'acronym'
    score: float  # 100 unless fuzzy


@dataclass
class MatchResult:
    resolutions: dict[str, Resolution]  # trimmed spelling -> resolution
    review: list[ReviewItem]
    merged_with_warning: list[Resolution]  # fuzzy and acronym merges, to warn about
    # Spellings that say "no organisation" ("Self", "Resident", "N/A"): never an
    # organisation, never merged; they have no resolution.
    placeholders: list[str] = field(default_factory=list)

    def resolve(self, spelling: str | None) -> Resolution | None:
        """The resolution of a spelling as it came from a cell (untrimmed is fine)."""
        return self.resolutions.get(trimmed(spelling)) if spelling is not None else None


@dataclass
class _OrganisationRules:
    same: list[tuple[str, str]] = field(default_factory=list)  # key pairs
    different: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    canonical_text: dict[str, str] = field(default_factory=dict)  # key -> display name
    renamed: set[str] = field(default_factory=set)  # keys written as a 'name' in a same line


def _organisation_rules(aliases: AliasBook | None) -> _OrganisationRules:
    rules = _OrganisationRules()
    for alias in (aliases.of_kind(ORGANISATION) if aliases else []):
        name, canonical = normalise_organisation(alias.name), normalise_organisation(alias.canonical)
        if alias.decision == SAME:
            rules.same.append((name, canonical))
            rules.canonical_text.setdefault(canonical, trimmed(alias.canonical))
            rules.renamed.add(name)
        elif name != canonical:
            rules.different[name].add(canonical)
            rules.different[canonical].add(name)
    return rules


def match_organisations(spellings: Iterable[str | None], aliases: AliasBook | None = None,
                        equivalences: Equivalences | None = None,
                        placeholders: Iterable[str] = PLACEHOLDER_NAMES) -> MatchResult:
    """Decide which spellings name the same organisation.

    *spellings* may repeat (one per cell). Blank values are ignored; *placeholders*
    ("Self", "Resident") are set aside. *equivalences* default to the built-in ones.
    """
    counts = Counter(text for text in map(trimmed, spellings) if text)
    placeholders = tuple(placeholders)  # read once, however it was given
    set_aside = sorted(spelling for spelling in counts if is_placeholder(spelling, placeholders))
    for spelling in set_aside:
        del counts[spelling]
    if not counts:
        return MatchResult({}, [], [], set_aside)
    parsed = {spelling: parse_name(spelling) for spelling in counts}
    groups: dict[str, list[str]] = defaultdict(list)  # key -> spellings that read the same
    for spelling in sorted(counts):
        groups[parsed[spelling].key or spelling.casefold()].append(spelling)
    rules = _organisation_rules(aliases)
    clusters = Clusters(sorted(set(groups) | {key for pair in rules.same for key in pair}))

    for name, canonical in rules.same:
        clusters.join(name, canonical, ALIAS, 100.0)
    # Names the aliases file made one are one unit: they may look nothing alike, and
    # that must not stop a typo of one of them from joining.
    unit_of = {key: clusters.find(key) for key in groups}
    words = _group_words(groups, parsed, equivalences or build_equivalences())
    relation = _cached_relation(words.expanded)

    def allowed(members_a: set, members_b: set) -> bool:
        """Refuse a join that would put two plainly different names in one cluster."""
        if declared_different(members_a, members_b, rules.different):
            return False
        return not any(_units_differ(unit_a, unit_b, relation)
                       for unit_a in _units(members_a, unit_of)
                       for unit_b in _units(members_b, unit_of))

    _join_same_words(clusters, words.plain, EQUIVALENT, allowed)
    _join_same_words(clusters, words.expanded, ACRONYM, allowed)
    review_pairs = _join_fuzzy(clusters, words.expanded, relation, allowed)
    review_pairs += _acronym_guesses(words)
    result = _organisation_result(clusters, groups, counts, parsed, rules, review_pairs)
    result.placeholders = set_aside
    return result


def _units(members: set, unit_of: Mapping[str, Hashable]) -> list[list[str]]:
    units: dict[Hashable, list[str]] = defaultdict(list)
    for key in members:
        if key in unit_of:
            units[unit_of[key]].append(key)
    return list(units.values())


def _units_differ(unit_a: list[str], unit_b: list[str], relation: Callable[[str, str], str]) -> bool:
    return all(relation(a, b) in (ALIKE, CONFLICT) for a in unit_a for b in unit_b)


@dataclass
class _GroupWords:
    """Each group's content words, as compared."""
    plain: dict[str, tuple[str, ...]]  # equivalent phrases evened out
    expanded: dict[str, tuple[str, ...]]  # and acronyms spelled out
    guesses: dict[str, set[tuple[str, ...]]]  # lone acronym word -> phrases it may be


def _group_words(groups: Mapping[str, list[str]], parsed: Mapping[str, ParsedName],
                 equivalences: Equivalences) -> _GroupWords:
    names = [_merged_name([parsed[spelling] for spelling in groups[key]]) for key in sorted(groups)]
    learnt = learn_acronyms(names, _defined_acronyms(parsed.values()), equivalences.apply)

    def compared(words: tuple[str, ...], key: str) -> tuple[str, ...]:
        # A name of little words only keeps its key, so that two such names never look equal.
        return content_words(equivalences.apply(words)) or (key,)

    return _GroupWords(
        {key: compared(name.words, key) for key, name in zip(sorted(groups), names)},
        {key: compared(expand(name.words, learnt.expansions), key)
         for key, name in zip(sorted(groups), names)},
        learnt.guesses)


def _defined_acronyms(names: Iterable[ParsedName]) -> dict[str, tuple[str, ...]]:
    """Acronyms spelled out in parentheses, each with the one name it was given for."""
    meanings: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for name in names:
        if name.defines:
            meanings[name.defines[0]].add(name.words)
    return {word: found.pop() for word, found in meanings.items() if len(found) == 1}


def _acronym_guesses(words: _GroupWords) -> list[tuple[float, str, str, str]]:
    """Review pairs for acronyms typed alone whose letters fit a name of the batch."""
    keys_with: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key in sorted(words.expanded):
        keys_with[words.expanded[key]].append(key)
    pairs = []
    for acronym, phrases in sorted(words.guesses.items()):
        for acronym_key in keys_with.get((acronym,), []):
            pairs += [(ACRONYM_GUESS_SCORE, acronym_key, key, ACRONYM)
                      for phrase in sorted(phrases) for key in keys_with.get(phrase, [])]
    return pairs


def _merged_name(names: Sequence[ParsedName]) -> ParsedName:
    """One name for a group: its spellings share content words, so keep the one with
    the most little words (acronyms may use them) and pool the acronym marks."""
    words = max((name.words for name in names), key=lambda words: (len(words), words))
    return ParsedName(words, frozenset().union(*(name.acronyms for name in names)))


def _cached_relation(expanded: Mapping[str, tuple[str, ...]]) -> Callable[[str, str], str]:
    cache: dict[tuple[str, str], str] = {}

    def relation(a: str, b: str) -> str:
        pair = (a, b) if a <= b else (b, a)
        if pair not in cache:
            cache[pair] = word_relation(expanded[pair[0]], expanded[pair[1]])
        return cache[pair]

    return relation


def _join_same_words(clusters: Clusters, compared: Mapping[str, tuple[str, ...]], how: str,
                     allowed: Callable[[set, set], bool]) -> None:
    same_words: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key in sorted(compared):
        same_words[compared[key]].append(key)
    for words, keys in same_words.items():
        # Join each to the name spelled out in full, if typed: should an aliases line
        # part two of them, the others still go with the full name.
        anchor = " ".join(words) if " ".join(words) in keys else keys[0]
        for key in keys:
            if key != anchor:
                clusters.join(anchor, key, how, 100.0, allowed)


def _join_fuzzy(clusters: Clusters, expanded: Mapping[str, tuple[str, ...]],
                relation: Callable[[str, str], str],
                allowed: Callable[[set, set], bool]) -> list[tuple[float, str, str]]:
    """Merge strong pairs, strongest first; return the doubtful ones for review."""
    word_lists = sorted(set(expanded.values()))
    keys_of: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key in sorted(expanded):
        keys_of[expanded[key]].append(key)
    merges, reviews = [], []
    for i, j in sorted(candidate_pairs(word_lists)):
        a, b = keys_of[word_lists[i]][0], keys_of[word_lists[j]][0]
        score = score_of(word_lists[i], word_lists[j])
        verdict = verdict_for(relation(a, b), score)
        if verdict:
            (merges if verdict == MERGE else reviews).append((score, a, b, FUZZY))
    refused = join_strongest_first(clusters, [merge[:3] for merge in merges], allowed)
    return reviews + [(score, a, b, FUZZY) for score, a, b in refused]


def _organisation_result(clusters: Clusters, groups: Mapping[str, list[str]], counts: Counter,
                         parsed: Mapping[str, ParsedName], rules: _OrganisationRules,
                         review_pairs: list[tuple[float, str, str, str]]) -> MatchResult:
    resolutions: dict[str, Resolution] = {}
    display: dict[Hashable, str] = {}
    weight: dict[Hashable, int] = {}
    for members in clusters.components():
        present = sorted(key for key in members if key in groups)
        if not present:
            continue
        canonical_key, canonical = _organisation_canonical(members, groups, counts, parsed, rules)
        root = clusters.find(canonical_key)
        display[root] = canonical
        weight[root] = sum(counts[spelling] for key in present for spelling in groups[key])
        paths = clusters.weakest_links(canonical_key)
        for key in present:
            how, score = paths[key]
            for spelling in groups[key]:
                if key == canonical_key:
                    how, score = (EXACT if spelling == canonical else NORMALISED), 100.0
                resolutions[spelling] = Resolution(spelling, canonical, canonical_key, how, score)
    review = _organisation_review(clusters, review_pairs, rules, display, weight)
    warned = sorted((r for r in resolutions.values() if r.how in WARNED_HOWS),
                    key=lambda r: r.spelling)
    return MatchResult(dict(sorted(resolutions.items())), review, warned)


def _organisation_canonical(members: set, groups: Mapping[str, list[str]], counts: Counter,
                            parsed: Mapping[str, ParsedName],
                            rules: _OrganisationRules) -> tuple[str, str]:
    """(key, display name) of a cluster: an alias's canonical wins, else the fullest."""
    named = [key for key in members if key in rules.canonical_text]
    if named:
        final = [key for key in named if key not in rules.renamed] or named
        uses = {rules.canonical_text[key]: sum(counts[s] for s in groups.get(key, ())) for key in final}
        text = most_used(uses)
        return normalise_organisation(text), text
    spelling = _fullest({s: counts[s] for key in members for s in groups.get(key, ())}, parsed)
    return normalise_organisation(spelling), spelling


def _fullest(counts: Mapping[str, int], parsed: Mapping[str, ParsedName]) -> str:
    """The spelling that says most: no acronym if one can be avoided ("Boys and Girls
    Clubs of Northern Kentucky", not "B&GC of NKY", nor one in parentheses), then the
    fewest words typed short, then the most words; among equals the most used, then
    the longest. Stray inner spaces neither lengthen a name nor show in the result."""
    tidy: Counter = Counter()
    name_of: dict[str, ParsedName] = {}
    for text, count in counts.items():
        tidy[" ".join(text.split())] += count
        name_of.setdefault(" ".join(text.split()), parsed[text])

    def fullness(text: str) -> tuple:
        name = name_of[text]
        return (len(name.acronyms) + bool(name.defines), name.shortened, -len(name.words), -tidy[text],
                -len(text), text)

    return min(tidy, key=fullness)


def _organisation_review(clusters: Clusters, review_pairs: list[tuple[float, str, str, str]],
                         rules: _OrganisationRules, display: Mapping[Hashable, str],
                         weight: Mapping[Hashable, int]) -> list[ReviewItem]:
    items = []
    for score, a, b, reason in review_pairs:
        root_a, root_b = clusters.find(a), clusters.find(b)
        if root_a == root_b or declared_different(clusters.members(a), clusters.members(b),
                                                   rules.different):
            continue
        # The less used name is the one to settle, against the better known one; an
        # acronym is always the one to settle, against the name it may stand for.
        smaller, larger = ((root_a, root_b) if reason == ACRONYM else
                           sorted((root_a, root_b),
                                  key=lambda root: (weight[root], len(display[root]), display[root])))
        items.append(ReviewItem(ORGANISATION, display[smaller], display[larger], score, reason))
    return cap_review(items)
