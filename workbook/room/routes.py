"""Every handler the room adds to the workshop server, gathered from the page modules."""
from __future__ import annotations

import importlib

# Each module has ``handlers(server_url) -> list`` of tornado URL specs.
PAGE_MODULES = ("workbook.room.access_pages", "workbook.room.view", "workbook.room.form_pages",
                "workbook.room.task_pages", "workbook.room.umbrella_pages",
                "workbook.room.survey_pages")


def handlers(server_url: str) -> list:
    found: list = []
    for name in PAGE_MODULES:
        found += importlib.import_module(name).handlers(server_url)
    return found
