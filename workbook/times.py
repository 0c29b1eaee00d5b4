"""Times as the room reads them: the database records UTC, a room reads its own clock."""
from __future__ import annotations

import datetime as dt
from datetime import tzinfo


def local_time_text(stamp: str, tz: tzinfo | None = None) -> str:
    """'Sunday 29 November 2026, 16:28' in the machine's time zone (or *tz*).

    Loads record UTC; a room reads its own clock. A stamp that cannot be read is
    returned as it is rather than hidden.
    """
    try:
        moment = dt.datetime.fromisoformat(str(stamp))
    except ValueError:
        return str(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    local = moment.astimezone(tz)
    return f"{local:%A} {local.day} {local:%B %Y}, {local:%H:%M}"
