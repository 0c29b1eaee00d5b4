"""A community's own settings: its name and the dropdown lists of its checklists.

A facilitator edits ``data/<community>/community.toml``; anything it leaves out
falls back to the defaults in ``schema.DEFAULT_VOCABULARIES``.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

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

    def vocabulary(self, key: str) -> tuple[str, ...]:
        return self.vocabularies[key]

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
    return Community(name="Our community", slug="default", folder=None,
                     vocabularies=dict(DEFAULT_VOCABULARIES))


def load_community(folder: str | Path | None) -> Community:
    """Read ``community.toml`` in *folder*; no folder gives the defaults."""
    if folder is None:
        return default_community()
    folder = Path(folder)
    settings_path = folder / SETTINGS_FILE
    if not settings_path.exists():
        if not folder.is_dir():
            raise SettingsError(f"{folder}: no such community folder.")
        return Community(name=folder.name, slug=folder.name, folder=folder,
                         vocabularies=dict(DEFAULT_VOCABULARIES))
    try:
        settings = tomllib.loads(settings_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{settings_path}: cannot be read ({exc}). Fix the line it names.") from exc
    return Community(
        name=str(settings.get("name") or folder.name),
        slug=str(settings.get("slug") or folder.name),
        folder=folder,
        vocabularies=_vocabularies(settings.get("vocabularies", {}), settings_path),
    )


def _vocabularies(overrides: dict, settings_path: Path) -> dict[str, tuple[str, ...]]:
    merged = dict(DEFAULT_VOCABULARIES)
    for key, values in overrides.items():
        if key not in DEFAULT_VOCABULARIES:
            known = ", ".join(DEFAULT_VOCABULARIES)
            raise SettingsError(f"{settings_path}: unknown list '{key}'. Known lists: {known}.")
        if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
            raise SettingsError(f"{settings_path}: '{key}' must be a list of one or more texts, "
                                f'e.g. {key} = ["First", "Second"].')
        cleaned = tuple(dict.fromkeys(v.strip() for v in values if v.strip()))
        merged[key] = cleaned
    return merged
