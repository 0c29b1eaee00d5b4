"""Who leads each coalition: its lead or co-lead organisations, its fiscal agent and the
backbone organisation that staffs it when that is not a lead."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pandas as pd

from .. import schema as S
from .. import store
from ..store import read_table
from .database import columns_of, has_table

LEAD_ROLE, BACKBONE_ROLE, FISCAL_ROLE = "Lead", "Backbone", "Fiscal agent"
ROLE_ORDER = (LEAD_ROLE, BACKBONE_ROLE, FISCAL_ROLE)
_LEADS_TABLE = store.multi_value_table(S.COALITION.field("lead_organisations"))


@dataclass(frozen=True)
class Leadership:
    """One coalition's leads (in the order given), backbone and fiscal agent, by name."""
    leads: tuple[str, ...]
    backbone: str | None
    fiscal_agent: str | None

    @property
    def co_led(self) -> bool:
        return len(self.leads) > 1


def leading_organisations(db: str | Path, coalition_ids: Iterable[int] | None = None) -> pd.DataFrame:
    """coalition_id, role (Lead, Backbone, Fiscal agent), organisation_id, organisation, position.

    Organisation names are the matched ones; a name the matching did not resolve is
    kept as typed with no id. A backbone equal to a lead is not repeated.
    """
    frames = [_leads(db)]
    present = columns_of(db, "coalitions")
    for role, field in ((BACKBONE_ROLE, "backbone_organisation"), (FISCAL_ROLE, "fiscal_agent")):
        if field in present:
            frames.append(read_table(db, f"""
                SELECT c.coalition_id, '{role}' AS role, c.{field}_id AS organisation_id,
                       COALESCE(o.name, c.{field}) AS organisation, 0 AS position
                FROM coalitions c LEFT JOIN organisations o ON o.organisation_id = c.{field}_id
                WHERE c.{field} IS NOT NULL"""))
    found = pd.concat(frames, ignore_index=True)
    if coalition_ids is not None:
        found = found[found["coalition_id"].isin(list(coalition_ids))]
    leads = found[found["role"] == LEAD_ROLE]
    lead_keys = set(zip(leads["coalition_id"], leads["organisation"].str.casefold()))
    is_lead_too = pd.Series([(c, str(o).casefold()) in lead_keys for c, o in
                             zip(found["coalition_id"], found["organisation"])], index=found.index,
                            dtype=bool)
    repeated = (found["role"] == BACKBONE_ROLE) & is_lead_too
    found = found[~repeated]
    order = found["role"].map({r: i for i, r in enumerate(ROLE_ORDER)})
    return (found.assign(_order=order).sort_values(["coalition_id", "_order", "position"])
            .drop(columns="_order").reset_index(drop=True))


def _leads(db: str | Path) -> pd.DataFrame:
    if has_table(db, _LEADS_TABLE):
        return read_table(db, f"""
            SELECT l.coalition_id, '{LEAD_ROLE}' AS role, l.organisation_id,
                   COALESCE(o.name, l.value) AS organisation, l.position
            FROM {_LEADS_TABLE} l LEFT JOIN organisations o ON o.organisation_id = l.organisation_id""")
    # Before schema 2.0: one lead (or backbone) organisation per coalition.
    return read_table(db, f"""
        SELECT c.coalition_id, '{LEAD_ROLE}' AS role, c.lead_organisation_id AS organisation_id,
               COALESCE(o.name, c.lead_organisation) AS organisation, 0 AS position
        FROM coalitions c LEFT JOIN organisations o ON o.organisation_id = c.lead_organisation_id
        WHERE c.lead_organisation IS NOT NULL""")


def leadership(rows: pd.DataFrame, coalition_id: int) -> Leadership:
    """One coalition's leadership from ``leading_organisations`` rows."""
    own = rows[rows["coalition_id"] == coalition_id]

    def names(role: str) -> list[str]:
        return own.loc[own["role"] == role, "organisation"].astype(str).tolist()

    backbone, fiscal = names(BACKBONE_ROLE), names(FISCAL_ROLE)
    return Leadership(tuple(names(LEAD_ROLE)), backbone[0] if backbone else None,
                      fiscal[0] if fiscal else None)
