"""A community's own settings: its name and the dropdown lists of its checklists.

A facilitator edits ``data/<community>/community.toml``; anything it leaves out
falls back to the defaults in ``schema.DEFAULT_VOCABULARIES``.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import schema as S
from .schema import DEFAULT_VOCABULARIES

SETTINGS_FILE = "community.toml"
ALIASES_FILE = "aliases.csv"
REVIEW_FILE = "names-to-review.csv"  # written by each load; decisions go into aliases.csv
DATABASE_FILE = "workbook.db"
CHECKLISTS_DIR = "checklists"


class SettingsError(ValueError):
    """The community's settings file cannot be used; the message says why and where."""


@dataclass(frozen=True)
class Community:
    name: str
    slug: str
    folder: Path | None
    vocabularies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Geography level label ("County") -> the community's areas at that level; a level
    # with no list is absent, and its areas are taken as typed.
    areas_by_level: dict[str, tuple[str, ...]] = field(default_factory=dict)
    area_parent: dict[str, str] = field(default_factory=dict)  # finer area -> area it lies in

    def vocabulary(self, key: str) -> tuple[str, ...]:
        return self.vocabularies[key]

    def level_of(self, area: str) -> str | None:
        """The level whose list holds *area* (compared without case), or None."""
        wanted = area.strip().casefold()
        for level, areas in self.areas_by_level.items():
            if any(a.casefold() == wanted for a in areas):
                return level
        return None

    def area_chain(self, area: str) -> list[str]:
        """*area* and every area it lies in, finest first (stops on a loop)."""
        chain = [area]
        while chain[-1] in self.area_parent and self.area_parent[chain[-1]] not in chain:
            chain.append(self.area_parent[chain[-1]])
        return chain

    @property
    def aliases_path(self) -> Path | None:
        return self.folder / ALIASES_FILE if self.folder else None

    @property
    def database_path(self) -> Path | None:
        return self.folder / DATABASE_FILE if self.folder else None

    @property
    def checklists_dir(self) -> Path | None:
        return self.folder / CHECKLISTS_DIR if self.folder else None


def default_community() -> Community:
    vocabularies = dict(DEFAULT_VOCABULARIES)
    return Community(name="Our community", slug="default", folder=None,
                     vocabularies=vocabularies, areas_by_level=_areas_from_old_list(vocabularies))


def load_community(folder: str | Path | None) -> Community:
    """Read ``community.toml`` in *folder*; no folder gives the defaults."""
    if folder is None:
        return default_community()
    folder = Path(folder)
    settings_path = folder / SETTINGS_FILE
    if not settings_path.exists():
        if not folder.is_dir():
            raise SettingsError(f"{folder}: no such community folder.")
        vocabularies = dict(DEFAULT_VOCABULARIES)
        return Community(name=folder.name, slug=folder.name, folder=folder,
                         vocabularies=vocabularies,
                         areas_by_level=_areas_from_old_list(vocabularies))
    try:
        settings = tomllib.loads(settings_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{settings_path}: cannot be read ({exc}). Fix the line it names.") from exc
    vocabularies = _vocabularies(settings.get("vocabularies", {}), settings_path)
    geography = settings.get("geography")
    if geography is None:
        areas, parents = _areas_from_old_list(vocabularies), {}
    else:
        areas, parents = _geography(geography, settings_path)
    return Community(
        name=str(settings.get("name") or folder.name),
        slug=str(settings.get("slug") or folder.name),
        folder=folder,
        vocabularies=vocabularies,
        areas_by_level=areas,
        area_parent=parents,
    )


def _areas_from_old_list(vocabularies: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The one-level ``geographies`` list of schema 1.0: counties, and "Region-wide"."""
    old = vocabularies.get("geographies", ())
    counties = tuple(g for g in old if g != S.REGION_WIDE)
    areas = {"Region": (S.REGION_WIDE,)} if S.REGION_WIDE in old else {}
    if counties:
        areas["County"] = counties
    return areas


def _geography(table: dict, settings_path: Path) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    areas: dict[str, tuple[str, ...]] = {}
    for key, values in table.items():
        if key == "within":
            continue
        if key not in S.GEOGRAPHY_LEVEL_KEYS:
            known = ", ".join(S.GEOGRAPHY_LEVEL_KEYS)
            raise SettingsError(f"{settings_path}: unknown geography level '{key}'. "
                                f"Known levels: {known}.")
        areas[S.GEOGRAPHY_LEVEL_KEYS[key]] = _texts(values, f"geography.{key}", settings_path)
    within = table.get("within", {})
    if not isinstance(within, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                               for k, v in within.items()):
        raise SettingsError(f'{settings_path}: [geography.within] must map an area to the area '
                            f'it lies in, e.g. "Easton" = "Dunmore County".')
    return areas, {k.strip(): v.strip() for k, v in within.items()}


def _vocabularies(overrides: dict, settings_path: Path) -> dict[str, tuple[str, ...]]:
    merged = dict(DEFAULT_VOCABULARIES)
    for key, values in overrides.items():
        if key not in DEFAULT_VOCABULARIES:
            known = ", ".join(k for k in DEFAULT_VOCABULARIES if k not in S.FIXED_VOCABULARIES)
            raise SettingsError(f"{settings_path}: unknown list '{key}'. Known lists: {known}.")
        if key in S.FIXED_VOCABULARIES:
            raise SettingsError(f"{settings_path}: the list '{key}' is fixed: the workbook acts "
                                f"on its values. Remove it from [vocabularies].")
        merged[key] = _texts(values, key, settings_path)
    return merged


def _texts(values, key: str, settings_path: Path) -> tuple[str, ...]:
    if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
        raise SettingsError(f"{settings_path}: '{key}' must be a list of one or more texts, "
                            f'e.g. {key} = ["First", "Second"].')
    return tuple(dict.fromkeys(v.strip() for v in values if v.strip()))
