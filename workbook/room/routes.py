"""Every handler the room adds to the workshop server, gathered from the page modules."""
from __future__ import annotations

import importlib

# Each module has ``handlers(server_url) -> list`` of tornado URL specs.
PAGE_MODULES = ("workbook.room.access_pages", "workbook.room.view", "workbook.room.form_pages",
                "workbook.room.task_pages", "workbook.room.umbrella_pages",
                "workbook.room.survey_pages")


# Modules whose room forms register themselves on import (``forms.register``): imported
# here so /room/form/<name> answers for them in the server, not only where a notebook
# happened to import them first.
FORM_MODULES = ("workbook.tasks.umbrella.readiness",)


def handlers(server_url: str) -> list:
    for name in FORM_MODULES:
        importlib.import_module(name)
    found: list = []
    for name in PAGE_MODULES:
        found += importlib.import_module(name).handlers(server_url)
    return found
