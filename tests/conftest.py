"""Shared fixtures: the default and example communities, and office tools."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from workbook.community import default_community, load_community

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example"


@pytest.fixture
def community():
    return default_community()


@pytest.fixture(scope="session")
def example_community():
    return load_community(EXAMPLE)


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
