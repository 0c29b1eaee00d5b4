"""The workshop server for tests: `python -m workbook serve` on a free port, isolated.

    with workshop_server(tmp_path, db=example_db) as server:
        server.url, server.token, server.room_code, server.issue("Maria Lopez"), server.kernels()

Each server gets its own HOME, IPython and Jupyter folders, a room code and facilitator token
chosen here (passed as WORKBOOK_ROOM_CODE / WORKBOOK_FACILITATOR_TOKEN, the way a facilitator
keeps them across a restart), and a log file that the failure message quotes.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest

from workbook import chart_bundle
from workbook.community import Community
from workbook.roomstore import access

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example"
START_TIMEOUT_S = 90
# Where a failing test's server logs are kept (conftest.pytest_runtest_makereport): the
# temporary folders are gone after CI, and a dashboard that never drew says why only there.
LOG_ARTIFACTS = ROOT / "test-artifacts" / "server-logs"
# Timestamps in the server's log, to lay it beside the test's own steps.
LOG_FORMAT = "--Voila.log_format=%(asctime)s [%(name)s] %(levelname)s %(message)s"
RUNNING: list["WorkshopServer"] = []  # the servers up now in this test process


def keep_logs(test_id: str) -> list[Path]:
    """Copy the log of every server up now into LOG_ARTIFACTS, named after *test_id*."""
    return [keep_log(server, test_id) for server in RUNNING]


def keep_log(server: "WorkshopServer", name: str) -> Path:
    LOG_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[-150:]
    target = LOG_ARTIFACTS / f"{stem}.{server.url.rsplit(':', 1)[1]}.log"
    shutil.copyfile(server.log, target)
    return target


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def loaded_copy(folder: Path, community: Path = EXAMPLE):
    """A copy of *community* in *folder*, its checklists loaded: for a test that changes it
    (decides names into its aliases.csv, loads it again), leaving the original alone."""
    from workbook.community import REVIEW_FILE, load_community
    from workbook.loading import load_paths
    shutil.copytree(community, folder, ignore=shutil.ignore_patterns("workbook.db*", REVIEW_FILE))
    copy = load_community(folder)
    load_paths([copy.checklists_dir], copy.database_path, copy)
    return copy


def isolated_env(home: Path, **extra: str) -> dict:
    """The environment of a server that shares no Jupyter state with the machine's."""
    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, HOME=str(home), IPYTHONDIR=str(home / "ipython"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), JUPYTER_DATA_DIR=str(home / "data"),
               JUPYTER_PATH=str(ROOT / "share" / "jupyter"),
               # made from the installed packages alone: shared, not made again per server
               WORKBOOK_CACHE_DIR=str(chart_bundle.bundle_path().parent),
               PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p))
    for key in ("WORKBOOK_ROOM_REQUIRE_CODES", "WORKBOOK_ROOM_URL"):
        env.pop(key, None)
    env.update(extra)
    return env


@dataclass
class WorkshopServer:
    url: str  # http://127.0.0.1:<port>
    token: str  # the facilitator's token
    room_code: str
    db: Path
    community: Path
    log: Path
    process: subprocess.Popen = field(repr=False)

    def issue(self, label: str, kind: str = access.PERSON) -> str:
        """An attendee code, issued as the facilitator's page would (plain text returned once)."""
        return access.issue(self.db, kind, label).code

    def revoke(self, code: str) -> None:
        access.revoke(self.db, access.find(self.db, code).code_id)

    def facilitator_get(self, path: str) -> bytes:
        request = urllib.request.Request(self.url + path,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()

    def kernels(self) -> dict:
        """{"kernels": running, "pooled": waiting in the preheated pool, "ids": [...], "cap": n}"""
        return json.loads(self.facilitator_get("/room/kernels"))

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def workshop_server(folder: Path, *, community: Path | Community = EXAMPLE, db: Path | None = None,
                    host: str = "127.0.0.1", require_codes: bool = False,
                    preheat: bool | tuple[str, ...] = True,
                    voila_options: tuple[str, ...] = (), env: dict | None = None,
                    probe: str = "/room/join") -> Iterator[WorkshopServer]:
    """Start `python -m workbook serve` in *folder*, wait until it answers, stop it after.

    *community* is a folder, or a loaded Community (loaded_copy) whose database is served.
    *preheat*: every notebook (True, as `make workshop`), none (False), or only the notebooks
    named (the ones a test opens: each preheated notebook runs at start-up and again after
    every load, which on two shared cores slows every other test).
    *db* defaults to the community's database loaded into *folder*; *env* adds variables
    (WORKBOOK_CULL_IDLE_S, WORKBOOK_MAX_KERNELS...).
    """
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(community, Community):
        community, db = community.folder, db or community.database_path
    if db is None:
        from workbook.community import load_community
        from workbook.loading import load_paths
        db = folder / "workbook.db"
        loaded = load_community(community)
        load_paths([loaded.checklists_dir], db, loaded)
    port = free_port()
    token, room_code = secrets.token_urlsafe(24), access.new_code(access.ROOM)
    command = [sys.executable, "-m", "workbook", "serve", "--community", str(community),
               "--db", str(db), "--host", host, "--port", str(port)]
    if require_codes:
        command.append("--require-codes")
    options = [LOG_FORMAT, *voila_options] + ([] if preheat else ["--preheat_kernel=False"])
    if isinstance(preheat, tuple):
        pools = {"default": {"pool_size": 0}, **{name: {"pool_size": 1} for name in preheat}}
        options.append(f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}")
    command += [f"--voila={option}" for option in options]
    # The server's own kernel cap holds here: browser tests close their tabs with
    # test_dashboards.close_tab, whose beacon gives each dashboard's kernel back.
    server_env = isolated_env(folder / "home", WORKBOOK_ROOM_CODE=room_code,
                              WORKBOOK_FACILITATOR_TOKEN=token, **(env or {}))
    log = folder / "server.log"
    with open(log, "w") as log_file:
        process = subprocess.Popen(command, env=server_env, stdout=log_file,
                                   stderr=subprocess.STDOUT, cwd=ROOT)
    server = WorkshopServer(f"http://127.0.0.1:{port}", token, room_code, Path(db), community,
                            log, process)
    RUNNING.append(server)
    try:
        _wait_until_it_answers(server, probe)
        yield server
    except BaseException as stopped:  # a test that ran it in its own body failed: keep its log
        if not isinstance(stopped, GeneratorExit):
            keep_log(server, folder.name)
        raise
    finally:
        RUNNING.remove(server)
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_it_answers(server: WorkshopServer, probe: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(server.url + probe, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answered, if only to refuse
        except OSError:
            if server.process.poll() is not None:
                pytest.fail(f"the workshop server exited:\n{server.log_text()}")
            time.sleep(0.5)
    server.process.kill()
    pytest.fail(f"the workshop server did not start within {START_TIMEOUT_S} s:\n{server.log_text()}")
