"""The options offered for each umbrella parameter.

Defaults come from ``schema.UMBRELLA_PARAMETERS``. Population focus, issue focus and
geographic scope are seeded from the data: the values the coalitions already cover, most
covered first, each with the number of coalitions covering it (counted as task 1's
coverage grid counts them, "All ages" spread over every population). A community replaces
any list in community.toml::

    [umbrella]
    decision_rule = ["Consensus", "Consent", "Two-thirds vote"]

A list that cannot be used is reported (``UMBRELLA_SETTING_IGNORED``) and the default kept:
a typo in the settings never stops the room.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ... import schema as S
from ...community import SETTINGS_FILE, Community
from ...intake.problems import Code, Problem, make_problem
from ..database import has_table

OPTION_COLUMNS = ["parameter", "parameter_title", "option", "meaning", "coalitions_covering",
                  "source"]
DEFAULT, SEEDED, COMMUNITY = "default", "from the checklists", "community.toml"
PARAMETERS: dict[str, S.UmbrellaParameter] = {p.name: p for p in S.UMBRELLA_PARAMETERS}


@dataclass(frozen=True)
class OptionLists:
    """One row per (parameter, option), in the order offered; problems with the settings."""
    table: pd.DataFrame
    problems: list[Problem]

    def options(self, parameter: str) -> list[str]:
        return self.table.loc[self.table["parameter"] == parameter, "option"].tolist()

    @property
    def parameters(self) -> list[str]:
        return list(dict.fromkeys(self.table["parameter"]))


def option_lists(community: Community, db: str | Path | None = None) -> OptionLists:
    """The options of every parameter: community.toml's, else seeded from *db*, else defaults."""
    overrides, problems = community_overrides(community)
    counts = covered_counts(db, community) if db is not None else {}
    rows: list[dict] = []
    for parameter in S.UMBRELLA_PARAMETERS:
        meanings = dict(parameter.options)
        covered = counts.get(parameter.seeded_from or "", {})
        if parameter.name in overrides:
            chosen, source = overrides[parameter.name], COMMUNITY
        elif covered:
            chosen, source = list(covered), SEEDED
        else:
            chosen, source = _defaults(parameter, community), DEFAULT
        for option in chosen:
            rows.append({"parameter": parameter.name, "parameter_title": parameter.title,
                         "option": option, "meaning": meanings.get(option, ""),
                         "coalitions_covering": covered.get(option, 0)
                         if parameter.seeded_from and counts else None,
                         "source": source})
    return OptionLists(pd.DataFrame(rows, columns=OPTION_COLUMNS), problems)


def _defaults(parameter: S.UmbrellaParameter, community: Community) -> list[str]:
    """The schema's options; for geographic scope, the community's own areas, coarse first."""
    if parameter.seeded_from == "geography" and not parameter.options:
        return list(dict.fromkeys(area for level in S.DEFAULT_VOCABULARIES["geography_levels"]
                                  for area in community.areas_by_level.get(level, ())))
    return [o for o, _ in parameter.options]


def covered_counts(db: str | Path, community: Community) -> dict[str, dict[str, int]]:
    """dimension -> value -> coalitions covering it, most covered first (ties by name)."""
    if not Path(db).is_file() or not has_table(db, "coalitions"):
        return {}
    from ..trains import footprints  # trains reads the load; imported late to stay light
    values = footprints(db, community).values
    counted = (values.groupby(["dimension", "value"])["coalition_id"].nunique()
               .reset_index(name="n").sort_values(["dimension", "n", "value"],
                                                  ascending=[True, False, True]))
    return {dimension: dict(zip(group["value"], group["n"].astype(int)))
            for dimension, group in counted.groupby("dimension", sort=False)}


def community_overrides(community: Community) -> tuple[dict[str, list[str]], list[Problem]]:
    """[umbrella] of community.toml: parameter -> options; what could not be used, reported."""
    path = community.folder / SETTINGS_FILE if community.folder else None
    if path is None or not path.is_file():
        return {}, []
    source = str(path)
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("umbrella", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return {}, [_ignored(source, "umbrella", f"the file cannot be read ({error})")]
    if not isinstance(table, dict):
        return {}, [_ignored(source, "umbrella", "it must be a table of lists")]
    overrides: dict[str, list[str]] = {}
    problems: list[Problem] = []
    for key, values in table.items():
        if key not in PARAMETERS:
            problems.append(_ignored(source, key, "no umbrella parameter has that name"))
        elif not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            problems.append(_ignored(source, key, "it must be a list of texts"))
        elif not (cleaned := list(dict.fromkeys(" ".join(v.split()) for v in values
                                                if v.strip()))):
            problems.append(_ignored(source, key, "the list is empty"))
        else:
            overrides[key] = cleaned
    return overrides, problems


def _ignored(source: str, key: str, reason: str) -> Problem:
    return make_problem(Code.UMBRELLA_SETTING_IGNORED, source, value=key, reason=reason,
                        known=", ".join(PARAMETERS))
