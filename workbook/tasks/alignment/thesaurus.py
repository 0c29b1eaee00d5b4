"""The community thesaurus: phrases that name one result or practice in different words.

"Reduce recidivism" and "Fewer people return to jail" share no word; a thesaurus that
puts *recidivism*, *return to jail* and *reincarceration* in one concept lets them
match. The workbook ships a default (``thesaurus-default.csv`` beside this module: the
field's common paraphrases and acronyms, "K-readiness", "MAT", "OST", "GED/HSE"…), and a
community adds to it or switches parts off in ``data/<community>/thesaurus.csv``::

    concept,phrase,decision
    recidivism,back behind bars,
    kindergarten readiness,ready to learn,not      <- takes a default phrase out
    home visiting,visit home parent coach baby,gloss   <- replaces the concept's gloss
    # Reentry                                      <- a heading or note: skipped

A phrase belongs to one concept: a community line moves a default phrase to its own
concept. A concept named "… (who)" says who a result is for ("youth (who)") and weighs
less than one that says what. The file is read tolerantly (a missing heading,
semicolons, Windows text, blank lines); each unusable line is reported with
``THESAURUS_ROW_INVALID`` from the one problem catalogue and skipped.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from ...intake.problems import Code, Problem, make_problem
from ...matching.aliases import decode_csv, guess_delimiter
from ...matching.names import trimmed
from .wording import (AGE_RANK, CONCEPT, CONCEPT_MARK, DESCRIBED, LIGHT, WORD, Terms, concept_name,
                      GENERIC_WORDS, content_spans, content_words, detail_positions, is_phrasing,
                      is_who, weigh)

THESAURUS_FILENAME = "thesaurus.csv"
DEFAULT_THESAURUS = Path(__file__).with_name("thesaurus-default.csv")
DEFAULT_GLOSSES = Path(__file__).with_name("glosses-default.csv")
GLOSS_DECISION = "gloss"  # a community line "concept,words,gloss" sets the concept's gloss
# A text describes a concept when it holds this many distinct words of the concept's
# gloss (the words a description of the practice or result would use).
MIN_GLOSS_WORDS = 3
# A short text naming no concept describes one with this many gloss words, when they are
# at least SHORT_SHARE of the words it says ("Fewer adolescents become pregnant").
MIN_SHORT_GLOSS_WORDS = 2
SHORT_SHARE = 0.5
# A gloss word found in at most this many glosses is specific: two such words of one
# concept describe it in any text ("a monitor assigned to each student").
SPECIFIC_GLOSSES = 2
# Phrasing and generic words say little in a goal but much in a description of what is
# done ("missing two days a month", "meets weekly", "connects families"): in a gloss these
# count; the rest of those lists (school, program, support…) do not.
GLOSS_WORDS = frozenset("day week month work connect coordin free meet".split())
THESAURUS_COLUMNS = ("concept", "phrase", "decision")
REMOVE_WORDS = frozenset({"not", "no", "remove", "different", "off"})
ADD_WORDS = frozenset({"", "same", "yes", "add"})
LEARNED_PREFIX = "combined in the room: "  # concepts learned from the decision log
COMMENT = "#"  # a line starting with it is a section heading or a note
# In a gloss, a concept in square brackets is a part of the concept the gloss describes
# ("integrated student supports: … [tutoring] [caring adult] food"): a text naming several
# parts describes the whole, and its parts are then details of it (``_described``).
PART = re.compile(r"\[([^\]]+)\]")
MIN_PARTS = 2  # parts of one whole a text names for them to describe it
PART_MARK = "["  # a part a text names, among the gloss words it holds (no typed word has it)
WHO_MARK = "<"  # a word saying who, read as its concept inside phrases (no typed word has it)
GROUPS = frozenset(AGE_RANK) | {"families (who)"}  # whose words stand for each other
NO_GAP = frozenset({"high"})  # generic words that change a phrase's meaning inside it
# The weight of an age group only a phrase's own word names ("child food insecurity"):
# it tells groups apart (``wording.age_span``) but adds nothing to what two texts share.
AGE_ONLY = 0.0


@dataclass(frozen=True)
class Line:
    concept: str
    phrase: str
    remove: bool = False
    gloss: bool = False  # the phrase is the concept's gloss (words describing it)


@dataclass
class Thesaurus:
    """Concepts and their phrases; ``terms`` reads a text with them."""
    # matched words -> (concept, the phrase as written in the thesaurus)
    phrases: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # acronym (as read) -> the words it stands for, read in its place ("dpp" -> diabetes
    # prevention program): acronyms texts spell out that no concept holds
    expansions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # concept -> the stems of the words a description of it uses (``glosses-default.csv``)
    glosses: dict[str, frozenset[str]] = field(default_factory=dict)
    # concept -> the concepts its gloss lists as its parts ("[tutoring]")
    parts: dict[str, frozenset[str]] = field(default_factory=dict)
    _by_first: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    # two-word phrases read in reverse ("training for jobs"), not across "and" / "or"
    _turned: set[tuple[str, ...]] = field(default_factory=set, repr=False)
    _who: dict[str, float] = field(default_factory=dict)
    _who_words: dict[str, str] = field(default_factory=dict)  # one-word who phrase -> its mark
    _role_words: dict[str, str] = field(default_factory=dict)  # other one-word who -> concept
    _cache: dict[str, Terms] = field(default_factory=dict, repr=False)
    _gloss_of: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _whole_of: dict[str, list[str]] = field(default_factory=dict, repr=False)  # part -> wholes

    def __post_init__(self) -> None:
        for concept, stems in self.glosses.items():
            for word in stems:
                self._gloss_of.setdefault(word, []).append(concept)
        for concept, parts in self.parts.items():
            for part in parts:
                self._whole_of.setdefault(CONCEPT_MARK + part, []).append(concept)
        # Inside a phrase, a word naming an age group or families stands for its whole
        # group: "read to their children" is found in "read to their babies". Such words
        # are read as WHO_MARK + their concept. Roles ("workers", "trainees") are not
        # interchangeable ("child care workers" is not "child care for trainees").
        who_words = {w[0]: WHO_MARK + c for w, (c, _) in self.phrases.items()
                     if len(w) == 1 and c in GROUPS}
        self._who_words = who_words
        self._role_words = {w[0]: c for w, (c, _) in self.phrases.items()
                            if len(w) == 1 and is_who(c) and c not in GROUPS}
        by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        seen: set[tuple[str, ...]] = set()
        self._turned = set()
        for words, (concept, _) in self.phrases.items():
            read = tuple(who_words.get(w, w) for w in words)
            if read not in seen:
                seen.add(read)
                by_first.setdefault(read[0], []).append((read, concept))
        # A two-word phrase is found in either order: "lead poisoning" in "poisoned by
        # lead", "job training" in "training for jobs" (filler words are gone by then);
        # not when one word says who: "parent classes" is not "(coaching) classes for
        # parents", nor "read to their children" "children will read"; nor when one says
        # how much: "earn more" is not "more students earn (a degree)".
        for read in list(seen):
            turned = read[::-1]
            if len(read) == 2 and read[0] != read[1] and turned not in seen \
                    and not any(w.startswith(WHO_MARK) or is_phrasing(w) for w in read):
                concept = next(c for p, c in by_first[read[0]] if p == read)
                by_first.setdefault(turned[0], []).append((turned, concept))
                self._turned.add(turned)
        # A word saying who that a phrase holds beside another phrase of the same concept
        # still says who: "child food insecurity" is food insecurity among children (not
        # among seniors), while "child care" is a concept of its own ("care" is no phrase).
        concept_of = {read: concept for read, concept in
                      ((p, c) for candidates in by_first.values() for p, c in candidates)}
        self._qualified = {}
        for read, concept in concept_of.items():
            whos = [w for w in read if w.startswith(WHO_MARK)]
            rest = tuple(w for w in read if not w.startswith(WHO_MARK))
            if whos and rest and not is_who(concept) and concept_of.get(rest) == concept:
                self._qualified[read] = tuple(dict.fromkeys(whos))
        for candidates in by_first.values():
            candidates.sort(key=lambda item: -len(item[0]))
        self._by_first = by_first
        self._who = {CONCEPT_MARK + c: LIGHT for c, _ in self.phrases.values() if is_who(c)}

    @property
    def concepts(self) -> dict[str, list[str]]:
        """Each concept with its phrases as written."""
        grouped: dict[str, list[str]] = {}
        for concept, written in self.phrases.values():
            grouped.setdefault(concept, []).append(written)
        return grouped

    def terms(self, text: object) -> Terms:
        """The text's weighted terms (``wording``), its thesaurus phrases read as concepts."""
        key = "" if text is None else str(text)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._read(text)
        return cached

    def _read(self, text: object) -> Terms:
        raw, spans = content_spans(text)
        if self.expansions:
            spans = [(word, start, end) for typed, start, end in spans
                     for word in self.expansions.get(typed, (typed,))]
        words = [self._who_words.get(word, word) for word, _, _ in spans]
        # Inside a phrase a text may hold figures, phrasing words, generic words and words
        # saying who: "screen teens for substance use" names the practice "screen for
        # substance use" and, still, teens; "an adult at school they can talk to" names
        # "an adult they can talk to". "high" is no gap: "after high school" is not
        # "after school".
        loose = [is_phrasing(w) or w.startswith(WHO_MARK) or w in self._role_words
                 or (w in GENERIC_WORDS and w not in NO_GAP) for w in words]
        tokens: list[str] = []
        detail = detail_positions(text)
        in_detail: list[bool] = []  # per token: all its typed words lie in a detail
        named_by: dict[str, str] = {}
        present = set(words)  # a phrase whose words the text lacks is not tried
        free: list[str] = []  # words no phrase of a result or practice took: may describe one
        qualifiers: list[str] = []  # groups a phrase's own words say it is about
        at = 0
        while at < len(words):
            for phrase, concept in self._by_first.get(words[at], ()):
                if len(phrase) == 1:
                    end = at + 1
                elif present.issuperset(phrase[1:]):
                    end = _match_end(words, loose, at, phrase)
                else:
                    continue
                if end and phrase in self._turned and (
                        _across_a_list(raw, spans, at, end)
                        or (at > 0 and words[at - 1] in NO_GAP)):
                    # nor after a word making a compound of its first: "prepared for
                    # school" is not "high school that prepares (for a job)"
                    continue
                if end:
                    term = CONCEPT_MARK + concept
                    tokens.append(term)
                    tokens += [CONCEPT_MARK + w[len(WHO_MARK):] for w in words[at + 1:end - 1]
                               if w.startswith(WHO_MARK) and w not in phrase]
                    qualifiers += [CONCEPT_MARK + w[len(WHO_MARK):]
                                   for w in self._qualified.get(phrase, ())]
                    tokens += [CONCEPT_MARK + self._role_words[w] for w in words[at + 1:end - 1]
                               if w in self._role_words and w not in phrase]
                    said_in_detail = bool(detail) and all(
                        p in detail for p in range(spans[at][1], spans[end - 1][2]))
                    in_detail += [said_in_detail] * (len(tokens) - len(in_detail))
                    typed = " ".join(raw[spans[at][1]:spans[end - 1][2]])
                    named_by.setdefault(term, typed)
                    if is_who(concept):
                        free += [WHO_MARK + w for w, _, _ in spans[at:end]]
                    at = end
                    break
            else:
                tokens.append(words[at])
                said_in_detail = spans[at][1] in detail
                in_detail.append(said_in_detail)
                if not said_in_detail:  # a detail's words describe no result or practice
                    free.append(spans[at][0])
                at += 1
        weights = weigh(tokens, self._who, in_detail)
        for group in qualifiers:  # for telling age groups apart, not for sharing weight
            weights.setdefault(group, AGE_ONLY)
        for concept, used in self._described(free, [w for w, _, _ in spans], weights):
            term = CONCEPT_MARK + concept
            if term not in weights:
                weights[term] = DESCRIBED
                named_by.setdefault(term, "described: " + ", ".join(
                    _as_typed(word, raw, spans) for word in used))
            # The parts it names are details of the whole: "tutoring, food, health care
            # and mentors" in a school say integrated student supports, not four results.
            for part in used:
                if part.startswith(PART_MARK):
                    weights[CONCEPT_MARK + part[len(PART_MARK):]] = LIGHT
        return Terms(weights, named_by)

    def _described(self, free: list[str], every: list[str], weights: dict[str, float]
                   ) -> list[tuple[str, list[str]]]:
        """The concepts the text describes without naming them: those whose gloss holds
        the most of its *free* words (words no phrase of a concept took), at least
        MIN_GLOSS_WORDS distinct ones ("Peer educators visit weekly to coach parents …
        in teaching their children" describes home visiting: visit, coach, parent,
        teach, children). Words of a named concept are not read again: "financial
        coaching classes for parents" is not parenting education."""
        if not self._gloss_of:
            return []
        found: dict[str, list[str]] = {}
        for word in dict.fromkeys(free):
            for concept in self._gloss_of.get(word.lstrip(WHO_MARK), ()):
                found.setdefault(concept, []).append(word)
        parts: dict[str, list[str]] = {}
        for term, weight in weights.items():
            if weight >= CONCEPT:
                for concept in self._whole_of.get(term, ()):
                    parts.setdefault(concept, []).append(PART_MARK + term[len(CONCEPT_MARK):])
        # One part named is a result or practice of its own ("chronic absence"), not a
        # description of a whole it may belong to; nor are parts listed with no word of
        # what the whole does ("enroll families in SNAP, WIC and Medicaid" is not the
        # benefits cliff; "show how a raise would change their SNAP, child care subsidy
        # and Medicaid" is). A text naming the whole and describing it (3 gloss words or
        # parts in all) holds its parts as details: "screen …, give a brief talk, and
        # refer to treatment" is SBIRT, not SBIRT and treatment.
        for concept, named in parts.items():
            whole = CONCEPT_MARK + concept in weights
            own = any(not w.startswith(WHO_MARK) for w in found.get(concept, ()))
            if whole or (len(named) >= MIN_PARTS and own):
                found.setdefault(concept, []).extend(named)
        count = {c: _gloss_count(used) for c, used in found.items()}
        best = max(count.values(), default=0)
        if best < MIN_GLOSS_WORDS and not (best >= MIN_SHORT_GLOSS_WORDS
                                           and (self._short(every, best, weights)
                                                or self._specific(found, count, best))):
            return []
        found = {c: [w.lstrip(WHO_MARK) for w in used] for c, used in found.items()}
        # The concept named or described best explains the text (one it already names
        # keeps its name's weight; the parts it names still become its details).
        return [(c, used) for c, used in found.items()
                if count[c] == best and (CONCEPT_MARK + c not in weights
                                         or any(w.startswith(PART_MARK) for w in used))]

    def _specific(self, found: dict[str, list[str]], count: dict[str, int], best: int
                  ) -> bool:
        """Whether the best-described concept's words are all specific to it: each in at
        most SPECIFIC_GLOSSES glosses, none saying who and none a word of the concept's own
        name ("media campaign" names a campaign; "understand … hurt" describes perceived risk).
        Then MIN_SHORT_GLOSS_WORDS of them are enough, as a short text's are."""
        return any(count[c] == best and all(
            not w.startswith((WHO_MARK, PART_MARK))
            and len(self._gloss_of.get(w, ())) <= SPECIFIC_GLOSSES
            and w not in content_words(c) for w in used) for c, used in found.items())

    @staticmethod
    def _short(every: list[str], best: int, weights: dict[str, float]) -> bool:
        """Whether a text naming no result or practice says mostly gloss words: then
        MIN_SHORT_GLOSS_WORDS of them are enough ("Fewer adolescents become pregnant")."""
        if any(t.startswith(CONCEPT_MARK) and w >= CONCEPT for t, w in weights.items()):
            return False
        saying = {w for w in every if not is_phrasing(w) and w not in GENERIC_WORDS}
        return best >= SHORT_SHARE * len(saying)

    def with_lines(self, lines: Iterable[Line]) -> "Thesaurus":
        """A copy with *lines* applied after this thesaurus's own (the room's learning)."""
        phrases = dict(self.phrases)
        _apply(phrases, lines)
        return Thesaurus(phrases, list(self.problems), dict(self.expansions),
                         dict(self.glosses), dict(self.parts))

    def with_acronyms(self, texts: Iterable[object]) -> "Thesaurus":
        """A copy reading the acronyms *texts* spell out (``defined_acronyms``)."""
        texts = list(texts)
        lines, expansions = defined_acronyms(texts, self), acronym_expansions(texts, self)
        if not lines and not expansions:
            return self
        read = self.with_lines(lines)
        read.expansions.update(expansions)
        return read


def _as_typed(word: str, raw: list[str], spans: list[tuple[str, int, int]]) -> str:
    """A gloss word or part as the room reads it: the text's own word ("struggling", not the
    stem "struggl"), a part by its concept's name."""
    if word.startswith(PART_MARK):
        return word[len(PART_MARK):]
    for stem, start, end in spans:
        if stem == word:
            return " ".join(raw[start:end])
    return word


def _gloss_count(used: list[str]) -> int:
    """Distinct gloss words a text holds, words saying who counting once at most: "parents
    and children" is who a practice is for, not what it does."""
    who = sum(w.startswith(WHO_MARK) for w in used)
    return len(used) - who + min(who, 1)


# A phrase may hold up to this many loose words inside it in a text (figures, phrasing,
# generic and who-words): "missing 18 or more days of school" is the phrase "missing days
# of school".
MAX_GAP = 2


def _across_a_list(raw: list[str], spans: list[tuple[str, int, int]], at: int, end: int
                   ) -> bool:
    """Whether a phrase read in reverse spans "and" / "or": "schools and community members"
    lists two things; it does not name community schools."""
    return any(w in ("and", "or") for w in raw[spans[at][2]:spans[end - 1][1]])


def _match_end(words: list[str], loose: list[bool], at: int, phrase: tuple[str, ...]) -> int:
    """Where *phrase* ends if it starts at *at*, or 0. Between its words a text may hold
    up to MAX_GAP *loose* words: figures and phrasing words ("more", "10"), which say how
    much, not what; generic words; words saying who."""
    if tuple(words[at:at + len(phrase)]) == phrase:
        return at + len(phrase)
    if not any(loose[at + 1:at + len(phrase) + MAX_GAP]):
        return 0
    position, gaps = at + 1, 0
    for expected in phrase[1:]:
        while position < len(words) and words[position] != expected and gaps < MAX_GAP \
                and loose[position]:
            position, gaps = position + 1, gaps + 1
        if position >= len(words) or words[position] != expected:
            return 0
        position += 1
    return position


def _apply(phrases: dict[tuple[str, ...], tuple[str, str]], lines: Iterable[Line]) -> None:
    for line in lines:
        words = tuple(content_words(line.phrase))
        if not words:
            continue
        if line.remove:
            if phrases.get(words, ("",))[0].casefold() == line.concept.casefold():
                del phrases[words]
            continue
        phrases[words] = (line.concept, line.phrase)
        # The concept's own name is one of its phrases ("recidivism").
        name = concept_name(line.concept)
        name_words = tuple(content_words(name))
        if name_words and not line.concept.startswith(LEARNED_PREFIX):
            phrases.setdefault(name_words, (line.concept, name))


def default_lines() -> list[Line]:
    with open(DEFAULT_THESAURUS, encoding="utf-8", newline="") as handle:
        return [Line(row["concept"], row["phrase"]) for row in csv.DictReader(handle)
                if not _is_comment(row["concept"])]


def _is_comment(first_cell: str | None) -> bool:
    """A line starting with # is a heading or note for the people editing the file."""
    return bool(first_cell) and first_cell.lstrip().startswith(COMMENT)


def build_thesaurus(lines: Iterable[Line] = (), defaults: bool = True,
                    problems: Iterable[Problem] = ()) -> Thesaurus:
    lines = list(lines)
    phrases: dict[tuple[str, ...], str] = {}
    _apply(phrases, [*(default_lines() if defaults else []),
                     *(line for line in lines if not line.gloss)])
    glosses = default_glosses() if defaults else {}
    parts = default_parts() if defaults else {}
    for line in lines:
        if line.gloss:
            glosses[line.concept] = gloss_stems(line.phrase)
            parts[line.concept] = gloss_parts(line.phrase)
    return Thesaurus(phrases, list(problems),
                     glosses={c: g for c, g in glosses.items() if g},
                     parts={c: p for c, p in parts.items() if p})


def gloss_stems(gloss: str) -> frozenset[str]:
    """A gloss's words as the engine reads them (stemmed), without phrasing and generic
    words, which say nothing of what is described."""
    gloss = PART.sub(" ", gloss)
    # A gloss word stands for its plural too: "baby" is stemmed "baby", "babies" "babi".
    plurals = [w[:-1] + "ies" if w.endswith("y") else w + "s"
               for w in gloss.split() if not w.endswith("s")]
    return frozenset(w for w in content_words(" ".join([gloss, *plurals]))
                     if (not is_phrasing(w) and w not in GENERIC_WORDS) or w in GLOSS_WORDS)


def gloss_parts(gloss: str) -> frozenset[str]:
    """The concepts a gloss lists as parts, in square brackets ("[tutoring]")."""
    return frozenset(part.strip() for part in PART.findall(gloss) if part.strip())


def _default_gloss_rows() -> list[tuple[str, str]]:
    """Each concept's gloss; a concept listed again adds its words to its gloss, so a later
    section of the file can widen a gloss without rewriting the line above it."""
    joined: dict[str, str] = {}
    with open(DEFAULT_GLOSSES, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not _is_comment(row["concept"]):
                concept = row["concept"].strip()
                joined[concept] = " ".join(filter(None, (joined.get(concept), row["gloss"])))
    return list(joined.items())


def default_glosses() -> dict[str, frozenset[str]]:
    return {concept: gloss_stems(gloss) for concept, gloss in _default_gloss_rows()}


def default_parts() -> dict[str, frozenset[str]]:
    return {concept: gloss_parts(gloss) for concept, gloss in _default_gloss_rows()}


def thesaurus_path(community_folder: str | Path | None) -> Path | None:
    return Path(community_folder) / THESAURUS_FILENAME if community_folder else None


def read_thesaurus(path: str | Path | None, defaults: bool = True) -> Thesaurus:
    """The default thesaurus plus a community's file; a missing file adds nothing.

    Read again only when one of the files changed: a dashboard asks for it at every decision
    the room records, and reading it afresh (about 5,500 phrases, then every statement's terms
    again, their cache going with the old copy) cost 0.4 s a refresh against 0.05 s."""
    key = (defaults, _contents(path), *(_stamp(f) for f in (DEFAULT_THESAURUS, DEFAULT_GLOSSES)))
    found = _READ.get(key)
    if found is None:
        if len(_READ) >= _READ_KEPT:
            _READ.pop(next(iter(_READ)))
        found = _READ[key] = _read_thesaurus(path, defaults)
    return found


# Thesauri read, by their files' state; a handful: one community, the defaults, a test's own.
_READ: dict[tuple, "Thesaurus"] = {}
_READ_KEPT = 8


def _contents(path: str | Path | None) -> tuple:
    """A community's file as it is now (a few kilobytes, read whole: an edit saved within the
    same second, at the same size, still counts)."""
    if path is None:
        return (None,)
    try:
        return (str(path), Path(path).read_bytes())
    except OSError:  # missing or unreadable: _read_thesaurus says which
        return (str(path),)


def _stamp(path: Path) -> tuple:
    """A file shipped with the workbook: changed only by an upgrade (or a test's copy)."""
    try:
        state = path.stat()
    except OSError:
        return (str(path),)
    return (str(path), state.st_size, state.st_mtime_ns)


def _read_thesaurus(path: str | Path | None, defaults: bool) -> Thesaurus:
    if path is None or not Path(path).is_file():
        return build_thesaurus(defaults=defaults)
    path = Path(path)
    notes: list[str] = []
    text = decode_csv(path.read_bytes(), path.name, notes)
    problems = [make_problem(Code.THESAURUS_ROW_INVALID, str(path), detail=n) for n in notes]
    lines = _lines(text, str(path), problems)
    return build_thesaurus(lines, defaults, problems)


def _lines(text: str, path: str, problems: list[Problem]) -> list[Line]:
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=guess_delimiter(text))
    lines: list[Line] = []
    seen: dict[tuple[str, ...], tuple[str, int]] = {}
    heading_seen = False

    def report(number: int, detail: str) -> None:
        problems.append(make_problem(Code.THESAURUS_ROW_INVALID, path, row=number,
                                     detail=f"line {number}: {detail}"))

    for cells in rows:
        cells = [trimmed(cell) for cell in cells]
        number = rows.line_num
        if not any(cells) or _is_comment(cells[0]):
            continue
        if not heading_seen:
            heading_seen = True
            if [c.casefold() for c in cells[:2]] == list(THESAURUS_COLUMNS[:2]):
                continue
            report(number, "the first line should be the heading 'concept,phrase,decision'; "
                           "the columns were read in that order")
        line, problem = _line(cells, seen, number)
        if problem:
            report(number, problem)
        if line:
            lines.append(line)
    return lines


def _line(cells: Sequence[str], seen: dict, number: int) -> tuple[Line | None, str | None]:
    concept, phrase, decision = (list(cells) + ["", "", ""])[:3]
    if not concept or not phrase:
        return None, (f"'{', '.join(cells)}' needs both a concept and a phrase")
    if len(cells) > 3 and any(cells[3:]):
        return None, (f"'{', '.join(cells)}' has more than three cells; a phrase holding a "
                      "comma must be in quotes")
    decision = decision.casefold()
    if decision == GLOSS_DECISION:
        return Line(concept, phrase, gloss=True), None
    if decision not in REMOVE_WORDS | ADD_WORDS:
        return None, (f"the decision '{decision}' is neither blank (add the phrase), "
                      "'not' (take it out of the concept) nor 'gloss' (the words describing "
                      "the concept)")
    words = tuple(content_words(phrase))
    if not words:
        return None, f"the phrase '{phrase}' holds no word to match"
    remove = decision in REMOVE_WORDS
    earlier = seen.get(words)
    if earlier and not remove and earlier[0].casefold() != concept.casefold():
        return None, (f"'{phrase}' is already in concept '{earlier[0]}' (line {earlier[1]}); "
                      "a phrase belongs to one concept, so this line was skipped")
    if not remove:
        seen[words] = (concept, number)
    return Line(concept, phrase, remove), None


def learned_lines(pairs: Iterable[tuple[str, str]], thesaurus: Thesaurus) -> list[Line]:
    """Each accepted pair's own wording as an equivalence, so the next texts worded the same
    way match too: words one text has and the other lacks join the other's unshared
    concept, or, when neither names a concept, become a concept of their own."""
    lines: list[Line] = []
    for a, b in pairs:
        words_a, concepts_a = _unshared(a, b, thesaurus)
        words_b, concepts_b = _unshared(b, a, thesaurus)
        if concepts_a and words_b and not concepts_b:
            lines.append(Line(concepts_a[0], " ".join(words_b)))
        elif concepts_b and words_a and not concepts_a:
            lines.append(Line(concepts_b[0], " ".join(words_a)))
        elif words_a and words_b and not concepts_a and not concepts_b:
            concept = f"{LEARNED_PREFIX}{' '.join(words_a)} ~ {' '.join(words_b)}"
            lines += [Line(concept, " ".join(words_a)), Line(concept, " ".join(words_b))]
    return lines


def _unshared(text: str, other: str, thesaurus: Thesaurus) -> tuple[list[str], list[str]]:
    """The weighty plain words (in order) and the concepts of *text* that *other* lacks."""
    own, theirs = thesaurus.terms(text).weights, thesaurus.terms(other).weights
    plain = [w for w in dict.fromkeys(content_words(text))
             if own.get(w, 0) >= WORD and w not in theirs]
    concepts = [t[len(CONCEPT_MARK):] for t, weight in own.items()
                if t.startswith(CONCEPT_MARK) and weight >= CONCEPT and t not in theirs]
    return plain, concepts


# "community health workers (CHWs)", "Nurse-Family Partnership (NFP)": a text that spells
# an acronym out defines it for every other text read with it.
_DEFINED = re.compile(r"((?:[A-Za-z][A-Za-z'’]*[\s-]+){1,8})\(\s*([A-Z][A-Za-z&]{1,7}?)s?\s*\)")
_SKIPPED_INITIALS = frozenset({"of", "and", "for", "the", "to", "in", "on", "a", "an", "&"})


def defined_acronyms(texts: Iterable[object], thesaurus: Thesaurus) -> list[Line]:
    """Acronyms the texts spell out whose acronym or words a concept holds, as thesaurus
    lines: the acronym joins the concept of its words, or the words the acronym's."""
    lines: list[Line] = []
    for acronym, words in _definitions(texts):
        by_words = thesaurus.phrases.get(tuple(content_words(words)))
        by_acronym = thesaurus.phrases.get(tuple(content_words(acronym)))
        if by_words and not by_acronym:
            lines.append(Line(by_words[0], acronym))
        elif by_acronym and not by_words:
            lines.append(Line(by_acronym[0], words))
    return lines


def acronym_expansions(texts: Iterable[object], thesaurus: Thesaurus
                       ) -> dict[str, tuple[str, ...]]:
    """Acronyms the texts spell out that no concept holds, each with its words: read in
    its place, so "DPP" says "diabetes prevention program" (not a new concept that would
    hide the word "diabetes")."""
    expansions: dict[str, tuple[str, ...]] = {}
    for acronym, words in _definitions(texts):
        key, spelled = tuple(content_words(acronym)), tuple(content_words(words))
        if len(key) == 1 and spelled and key not in thesaurus.phrases \
                and spelled not in thesaurus.phrases:
            expansions[key[0]] = spelled
    return expansions


def _definitions(texts: Iterable[object]) -> list[tuple[str, str]]:
    """(acronym, the words it stands for, as typed), once per acronym."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for text in texts:
        if not isinstance(text, str) or "(" not in text:
            continue
        for before, acronym in _DEFINED.findall(text):
            words = _spelled_out(before, acronym)
            if words and acronym.casefold() not in seen:
                seen.add(acronym.casefold())
                found.append((acronym, words))
    return found


def _spelled_out(before: str, acronym: str) -> str | None:
    """The last words before the parenthesis whose initials spell the acronym, as typed."""
    found = list(re.finditer(r"[^\s-]+", before))
    words = [m.group() for m in found]
    letters = acronym.casefold()
    for start in range(len(words) - 1, -1, -1):
        chosen = words[start:]
        initials = "".join(w[0] for w in chosen if w.casefold() not in _SKIPPED_INITIALS)
        if initials.casefold() == letters and chosen[0].casefold() not in _SKIPPED_INITIALS:
            return before[found[start].start():].strip(" -")
        if len(initials) > len(letters):
            return None
    return None
