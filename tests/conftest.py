"""Shared fixtures: the default and example communities, and office tools."""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from workbook.community import default_community, load_community

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing test keeps the log of each workshop server it had running (tests/servers.py):
    copied to test-artifacts/server-logs/ and its end shown in the report."""
    report = yield
    if report.failed:
        from .servers import keep_logs
        for path in keep_logs(item.nodeid):
            text = path.read_text(errors="replace")
            report.sections.append((f"workshop server log (kept in {path})", text[-6000:]))
    return report


@pytest.fixture
def community():
    return default_community()


@pytest.fixture(scope="session")
def example_community():
    return load_community(EXAMPLE)


SAMPLED_TOML = 'name = "Sampled community"\nslug = "sampled"\n'


@pytest.fixture(scope="session")
def sampled_50_checklists(tmp_path_factory) -> Path:
    """The 50 checklists the generator writes for seed 11, written once per test run:
    writing them (openpyxl) is most of a sampled test's time, and five test files read them.
    The test processes of one run (pytest -n) share them through the run's own temporary
    folder, new for every run, so they always come from the generator of this tree."""
    from workbook.sample import write_sample
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each process's own
    folder = root / "sampled-50-source"
    with open(root / "sampled-50-source.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other process waits for the one writing
        if not (folder / "written").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            (folder / "community.toml").write_text(SAMPLED_TOML)
            community = load_community(folder)
            write_sample(50, 11, community.checklists_dir, community)
            (folder / "written").touch()
    return load_community(folder).checklists_dir


def sampled_community_50(checklists: Path, folder: Path):
    """A community of 50 sampled coalitions in *folder*, its own copy of the checklists
    (not loaded yet): a test may load it, add to its database, change it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "community.toml").write_text(SAMPLED_TOML)
    community = load_community(folder)
    shutil.copytree(checklists, community.checklists_dir, dirs_exist_ok=True)
    return community


def soffice_path() -> str | None:
    return os.environ.get("SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="session")
def soffice(tmp_path_factory):
    """Run LibreOffice headless conversions; a private profile keeps runs apart."""
    binary = soffice_path()
    if binary is None:
        pytest.fail("LibreOffice (soffice) is needed: `make test` installs it, or set SOFFICE.")
    profile = tmp_path_factory.mktemp("lo-profile")

    def convert(source: Path, target_format: str, out_dir: Path) -> Path:
        out_dir.mkdir(parents=True, exist_ok=True)
        completed = subprocess.run(
            [binary, f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", target_format, "--outdir", str(out_dir), str(source)],
            capture_output=True, text=True, timeout=180)
        extension = target_format.split(":")[0]
        result = out_dir / f"{source.stem}.{extension}"
        assert result.exists(), f"LibreOffice did not convert {source}: {completed.stderr}"
        return result

    return convert
