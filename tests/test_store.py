"""The storage helpers every room table shares: append-only triggers, tables made on demand."""
import sqlite3
import threading
from contextlib import closing

import pytest

from workbook import store

NOTES_DDL = """
CREATE TABLE IF NOT EXISTS minutes (minute_id INTEGER PRIMARY KEY, said TEXT NOT NULL);
-- an index, so a file with the table but not the index is seen as incomplete
CREATE INDEX IF NOT EXISTS minutes_by_said ON minutes (said);
""" + store.append_only_ddl(["minutes"], "the minutes aren't rewritten: add a line")


def _said(db):
    with closing(store.connect_shared(db)) as connection:
        return [r["said"] for r in connection.execute("SELECT said FROM minutes")]


def test_append_only_tables_refuse_update_and_delete_with_the_message(tmp_path):
    db = tmp_path / "room.db"
    with closing(store.connect_shared(db)) as connection:
        store.ensure_tables(connection, NOTES_DDL)
        connection.execute("INSERT INTO minutes (said) VALUES ('Ashford United Way chairs')")
        for change in ("UPDATE minutes SET said = 'x'", "DELETE FROM minutes"):
            with pytest.raises(sqlite3.IntegrityError, match="aren't rewritten: add a line"):
                connection.execute(change)
    assert _said(db) == ["Ashford United Way chairs"]


def test_ensure_tables_adds_what_an_older_file_lacks_and_keeps_its_rows(tmp_path):
    db = tmp_path / "room.db"
    with closing(store.connect_shared(db)) as connection:
        connection.execute("CREATE TABLE minutes (minute_id INTEGER PRIMARY KEY, said TEXT)")
        connection.execute("INSERT INTO minutes (said) VALUES ('Start Strong Montgomery')")
        store.ensure_tables(connection, NOTES_DDL)
        names = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    assert {"minutes_by_said", "minutes_no_update", "minutes_no_delete"} <= names
    assert _said(db) == ["Start Strong Montgomery"]


def test_ensure_tables_sees_a_file_replaced_under_the_same_path(tmp_path):
    db = tmp_path / "room.db"
    for _ in range(2):
        with closing(store.connect_shared(db)) as connection:
            store.ensure_tables(connection, NOTES_DDL)
            connection.execute("INSERT INTO minutes (said) VALUES ('Read Baltimore')")
        for path in tmp_path.iterdir():
            path.unlink()


def test_ensure_tables_takes_only_create_if_not_exists(tmp_path):
    with closing(store.connect_shared(tmp_path / "room.db")) as connection:
        with pytest.raises(ValueError):
            store.ensure_tables(connection, "DROP TABLE minutes;")


def test_utc_now_is_iso_text_in_utc():
    assert store.utc_now().endswith("+00:00") and len(store.utc_now()) == 25
    assert len(store.utc_now("milliseconds")) == 29


def test_a_room_writer_waits_for_a_load_to_finish_before_switching_the_file_to_wal(tmp_path):
    # The loader writes in rollback mode; SQLite refuses the switch to WAL at once while it
    # writes, without the busy handler, so the first room writer must wait for it.
    db = tmp_path / "workbook.db"
    loader = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    loader.execute("CREATE TABLE minutes (said TEXT)")
    loader.execute("BEGIN IMMEDIATE")
    loader.execute("INSERT INTO minutes VALUES ('loaded')")
    finishing = threading.Timer(0.5, loader.execute, args=("COMMIT",))
    finishing.start()
    try:
        with closing(store.connect_shared(db)) as connection:
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert [r["said"] for r in connection.execute("SELECT said FROM minutes")] == [
                "loaded"]
    finally:
        finishing.join()
        loader.close()
