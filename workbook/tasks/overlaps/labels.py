"""Which coalitions a page shows, and the short labels charts give them."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ...community import default_community, load_community
from ...store import read_table
from .. import history

def coalition_labels(db: str | Path, include_ended: bool = True) -> pd.DataFrame:
    """Coalitions in id order: name, short name and a unique chart label.

    Ended and merged coalitions are left out unless *include_ended*.
    """
    coalitions = read_table(db, """
        SELECT coalition_id, name, short_name FROM coalitions ORDER BY coalition_id""")
    labelled = _with_labels(coalitions).set_index("coalition_id")
    if include_ended:
        return labelled
    return labelled.loc[sorted(history.shown_coalitions(db).ids)]


def of_shown(ids: np.ndarray):
    """A filter keeping the rows of the coalitions shown."""
    kept = set(ids.tolist())
    return lambda frame: frame[frame["coalition_id"].isin(kept)].reset_index(drop=True)


def community_of(db: str | Path, community=None):
    """The community whose area lists place *db*'s areas: given, or the database's folder."""
    if community is not None:
        return community
    folder = Path(db).resolve().parent
    return load_community(folder) if (folder / "community.toml").is_file() else default_community()


def _with_labels(coalitions: pd.DataFrame) -> pd.DataFrame:
    """Short name when given, else the name; a repeated label gets its id appended."""
    short = coalitions["short_name"].where(coalitions["short_name"].notna(), "")
    label = short.astype(str).str.strip()
    label = label.where(label != "", coalitions["name"].fillna("").astype(str).str.strip())
    repeated = label.duplicated(keep=False) | (label == "")
    label = label.where(~repeated, label + " (" + coalitions["coalition_id"].astype(str) + ")")
    return coalitions.assign(label=label.str.strip())
