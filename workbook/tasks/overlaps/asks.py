"""Task 2's asks: how many coalitions ask each organisation for what (data, reports, staff
time…), to show who is asked too often."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ... import schema as S
from ...store import read_table
from .labels import coalition_labels, of_shown


@dataclass(frozen=True)
class AskLoad:
    """How many coalitions ask each organisation for what.

    by_organisation: organisation_id, organisation, one column per ask type
    (coalitions asking for it), total (sum of those), coalitions (coalitions asking
    anything), times_per_year (sum of the figures given; blanks count 0); most
    asked first. long: organisation_id, organisation, ask_type, coalitions,
    times_per_year, for charting.
    """
    by_organisation: pd.DataFrame
    long: pd.DataFrame


def ask_load(db: str | Path, include_ended: bool = False) -> AskLoad:
    shown = of_shown(coalition_labels(db, include_ended).index.to_numpy())
    asks = shown(read_table(db, """
        SELECT a.coalition_id, a.organisation_id, o.name AS organisation, a.ask_type,
               a.times_per_year
        FROM asks a JOIN organisations o ON o.organisation_id = a.organisation_id
        WHERE a.ask_type IS NOT NULL"""))
    asks["times_per_year"] = asks["times_per_year"].astype(float)
    ask_types = list(S.DEFAULT_VOCABULARIES["ask_types"])
    ask_types += sorted(set(asks["ask_type"]) - set(ask_types))
    long = (asks.groupby(["organisation_id", "organisation", "ask_type"], as_index=False)
            .agg(coalitions=("coalition_id", "nunique"),
                 times_per_year=("times_per_year", "sum")))
    long = long.sort_values(["coalitions", "times_per_year", "organisation", "ask_type"],
                            ascending=[False, False, True, True]).reset_index(drop=True)
    wide = long.pivot_table(index=["organisation_id", "organisation"], columns="ask_type",
                            values="coalitions", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=ask_types, fill_value=0).astype(np.int64)
    wide.columns.name = None
    per_organisation = asks.groupby(["organisation_id", "organisation"])
    wide["total"] = wide[ask_types].sum(axis=1)
    wide["coalitions"] = per_organisation["coalition_id"].nunique()
    wide["times_per_year"] = per_organisation["times_per_year"].sum()
    wide = wide.reset_index().sort_values(
        ["total", "coalitions", "times_per_year", "organisation"],
        ascending=[False, False, False, True], kind="stable").reset_index(drop=True)
    return AskLoad(wide, long)
