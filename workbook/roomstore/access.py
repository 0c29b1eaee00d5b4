"""The room's codes: the room code, the facilitator's token, attendees' codes; issue, revoke, QR.

Every code comes from ``secrets`` and only its SHA-256 digest is stored (table
``access_codes`` in the community's workbook database, WAL). A code is found by its digest;
the cookie a browser gets after entering a code names the code's ``code_id`` (never the
code), so revoking a code refuses every browser that entered it at the very next request.

Kinds:

* ``room``         shown large on the projector; lets anyone in the room see room pages.
* ``facilitator``  the facilitator's token, printed in the server's terminal at start.
* ``person`` / ``coalition``  issued by the facilitator, printed as slips; opens input forms.

At each start the server revokes the previous room code and facilitator token and issues new
ones (like Jupyter's token), unless the same ones are passed again (``WORKBOOK_ROOM_CODE``,
``WORKBOOK_FACILITATOR_TOKEN``): then browsers that already entered them stay in.
The plain room code and token live only in the server's memory and terminal.
"""
from __future__ import annotations

import hashlib
import html
import secrets
import socket
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from ..store import connect_shared, transaction, utc_now

ROOM = "room"
FACILITATOR = "facilitator"
PERSON = "person"
COALITION = "coalition"
ATTENDEE_KINDS = (PERSON, COALITION)

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: codes are read off paper and a projector and typed on phones.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
ROOM_CODE_LENGTH = 6  # shown to everyone in the room: it only keeps the venue's network out
ATTENDEE_CODE_LENGTH = 10  # ~46 bits: a personal code is not guessed online
TOKEN_BYTES = 24

DDL = """
CREATE TABLE IF NOT EXISTS access_codes (
    code_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('room', 'facilitator', 'person', 'coalition')),
    label TEXT NOT NULL,
    digest TEXT NOT NULL UNIQUE,
    issued_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS access_secret (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Code:
    code_id: str
    kind: str
    label: str
    issued_at: str
    revoked_at: str | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True)
class Issued:
    """A code just issued: the only moment its plain text is known."""
    code_id: str
    kind: str
    label: str
    code: str


def normalise(code: str) -> str:
    """What a person typed, as stored: case, spaces and dashes do not matter."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def digest(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def grouped(code: str) -> str:
    """'KQ3M7X4TRA' -> 'KQ3M-7X4T-RA': easier to read off a slip."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def new_code(kind: str) -> str:
    if kind == FACILITATOR:
        return secrets.token_urlsafe(TOKEN_BYTES)
    length = ROOM_CODE_LENGTH if kind == ROOM else ATTENDEE_CODE_LENGTH
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def _ready(connection: sqlite3.Connection) -> sqlite3.Connection:
    connection.executescript(DDL)
    return connection


def open_db(db: Path) -> sqlite3.Connection:
    """A WAL connection with the access tables in place (the server keeps one open)."""
    return _ready(connect_shared(db))


def issue(db: Path, kind: str, label: str, code: str | None = None) -> Issued:
    """A new code of *kind*; *code* is given only to keep a room code or token across restarts."""
    if kind not in (ROOM, FACILITATOR) + ATTENDEE_KINDS:
        raise ValueError(f"unknown kind of code: {kind!r}")
    plain = code or new_code(kind)
    if kind != FACILITATOR:
        plain = normalise(plain)
    code_id = secrets.token_hex(8)
    with closing(open_db(db)) as connection, transaction(connection):
        connection.execute(
            "INSERT INTO access_codes (code_id, kind, label, digest, issued_at) VALUES (?,?,?,?,?)",
            (code_id, kind, label.strip() or kind, digest(plain), utc_now()))
    return Issued(code_id, kind, label.strip() or kind, plain)


def issue_many(db: Path, kind: str, labels: list[str]) -> list[Issued]:
    return [issue(db, kind, label) for label in labels if label.strip()]


def revoke(db: Path, code_id: str) -> bool:
    """Refuse this code from now on; False if there was no such active code."""
    with closing(open_db(db)) as connection, transaction(connection):
        cursor = connection.execute(
            "UPDATE access_codes SET revoked_at = ? WHERE code_id = ? AND revoked_at IS NULL",
            (utc_now(), code_id))
        return cursor.rowcount == 1


def _revoke_kind_except(connection: sqlite3.Connection, kind: str, keep: str | None) -> None:
    connection.execute(
        "UPDATE access_codes SET revoked_at = ? WHERE kind = ? AND revoked_at IS NULL "
        "AND code_id IS NOT ?", (utc_now(), kind, keep))


def renew(db: Path, kind: str, code: str | None = None) -> Issued:
    """The one active room code (or facilitator token): keep *code* if given and active, else
    issue a new one; every other code of that kind is revoked."""
    if code:
        found = find(db, code)
        if found and found.kind == kind and found.active:
            fresh = Issued(found.code_id, kind, found.label, code if kind == FACILITATOR
                           else normalise(code))
        else:
            fresh = issue(db, kind, kind, code)
    else:
        fresh = issue(db, kind, kind)
    with closing(open_db(db)) as connection, transaction(connection):
        _revoke_kind_except(connection, kind, fresh.code_id)
    return fresh


def _code(row) -> Code | None:
    return None if row is None else Code(row["code_id"], row["kind"], row["label"],
                                         row["issued_at"], row["revoked_at"])


def find(db: Path, code: str, connection: sqlite3.Connection | None = None) -> Code | None:
    """The code a person typed or scanned, revoked or not; None if it was never issued."""
    query = "SELECT * FROM access_codes WHERE digest = ?"
    if connection is not None:
        return _code(connection.execute(query, (digest(code),)).fetchone())
    with closing(open_db(db)) as own:
        return _code(own.execute(query, (digest(code),)).fetchone())


def by_id(connection: sqlite3.Connection, code_id: str) -> Code | None:
    return _code(connection.execute(
        "SELECT * FROM access_codes WHERE code_id = ?", (code_id,)).fetchone())


def listed(db: Path, kinds: tuple[str, ...] = ATTENDEE_KINDS) -> list[Code]:
    marks = ",".join("?" * len(kinds))
    with closing(open_db(db)) as connection:
        rows = connection.execute(
            f"SELECT * FROM access_codes WHERE kind IN ({marks}) ORDER BY issued_at, label",
            kinds).fetchall()
    return [_code(r) for r in rows]


def cookie_secret(db: Path) -> bytes:
    """The key signing the room's cookies, kept in the database so a restart logs nobody out."""
    with closing(open_db(db)) as connection, transaction(connection):
        row = connection.execute("SELECT value FROM access_secret WHERE name = 'cookie'").fetchone()
        if row is None:
            value = secrets.token_hex(32)
            connection.execute("INSERT INTO access_secret VALUES ('cookie', ?)", (value,))
            return value.encode()
        return row["value"].encode()


# --- what is shown: the room's address and QR codes ----------------------------------

def lan_address() -> str | None:
    """This laptop's address on the venue's network (no packet is sent), or None offline."""
    with closing(socket.socket(socket.AF_INET, socket.SOCK_DGRAM)) as probe:
        try:
            probe.connect(("10.254.254.254", 1))
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def qr_svg(text: str, scale: int = 8) -> str:
    """An inline SVG QR code, made on this machine (segno), sized by CSS."""
    import segno
    return segno.make(text, error="m").svg_inline(scale=scale, border=2, svgclass="qr",
                                                  omitsize=True, title=html.escape(text))
