"""The anonymity thresholds of a community: community.toml's ``[backbone]``.

```toml
[backbone]
k = 5            # fewest raters behind any score figure (never below 3)
k_comments = 10  # fewest raters behind shown comments (never below k)
```

A setting that cannot be used is reported with a catalogue problem and the defaults are
used instead: never fatal, and never a threshold below the floor.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

from ...community import SETTINGS_FILE, Community
from ...intake.problems import Code, Problem, make_problem
from .anonymity import MIN_K, Thresholds

SECTION = "backbone"


def thresholds_for(community: Community) -> tuple[Thresholds, list[Problem]]:
    """The thresholds of community.toml's [backbone], else the defaults, with any problem."""
    path = community.folder / SETTINGS_FILE if community.folder else None
    if path is None or not path.is_file():
        return Thresholds(), []
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get(SECTION, {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return Thresholds(), [_ignored(path, f"the file cannot be read ({error})")]
    if not isinstance(table, dict) or not table:
        return Thresholds(), []
    defaults = Thresholds()
    given = {name: table.get(name, getattr(defaults, name)) for name in ("k", "k_comments")}
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in given.values()):
        return Thresholds(), [_ignored(path, "k and k_comments must be whole numbers")]
    if given["k"] < MIN_K:
        return Thresholds(), [_ignored(path, f"k = {given['k']} is below {MIN_K}, the "
                                             "fewest raters any figure may come from")]
    if "k_comments" not in table:
        # Only k given: comments keep their default, raised to k if k is higher.
        given["k_comments"] = max(given["k"], defaults.k_comments)
    if given["k_comments"] < given["k"]:
        return Thresholds(), [_ignored(path, f"k_comments = {given['k_comments']} is below "
                                             f"k = {given['k']}")]
    return Thresholds(given["k"], given["k_comments"]), []


def _ignored(path: Path, reason: str) -> Problem:
    return make_problem(Code.BACKBONE_THRESHOLDS_IGNORED, str(path), reason=reason)
