"""Converting a document with LibreOffice, when it is on this machine (the charter's PDF).

LibreOffice is optional: the workbook writes .docx and .xlsx itself, and only a PDF needs
``soffice``. It is found as $SOFFICE, else ``soffice`` or ``libreoffice`` on the PATH. Each
conversion runs headless with a user profile of its own in a temporary folder: two
conversions at once (two facilitators, a test and the notebook) would otherwise fight over
the one profile and the second would fail or wait. The result is written beside the source
only once it is whole.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

SOFFICE_ENV = "SOFFICE"
TIMEOUT_S = 180  # the first start builds the profile: tens of seconds on a slow laptop
INSTALL_HINT = ("Install LibreOffice (on Debian or Ubuntu: apt-get install "
                "libreoffice-writer-nogui; elsewhere from libreoffice.org), or set SOFFICE to "
                "its soffice program, then try again. The .docx is written without it.")


class OfficeMissing(RuntimeError):
    """LibreOffice is not on this machine: no PDF, and the message says how to get one."""


class ConversionFailed(RuntimeError):
    """LibreOffice ran but wrote nothing (or not in time); the message says what it said."""


def soffice() -> str | None:
    """The LibreOffice program to run, or None."""
    named = os.environ.get(SOFFICE_ENV, "").strip()
    if named and Path(named).is_file() and os.access(named, os.X_OK):
        return named
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(source: str | Path, out: str | Path | None = None,
           timeout: float = TIMEOUT_S) -> Path:
    """Convert *source* (.docx, .xlsx ...) to PDF at *out* (default: beside it, .pdf)."""
    source = Path(source).resolve()
    target = Path(out) if out is not None else source.with_suffix(".pdf")
    program = soffice()
    if program is None:
        raise OfficeMissing(f"LibreOffice was not found, so {source.name} was not made into a "
                            f"PDF. {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="workbook-office-") as folder:
        profile, written = Path(folder) / "profile", Path(folder) / "out"
        command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(written), str(source)]
        completed = _run(command, timeout)
        if completed is None:
            raise ConversionFailed(f"LibreOffice did not finish converting {source.name} within "
                                   f"{timeout:g} s; close any LibreOffice window and try "
                                   "again.")
        made = written / f"{source.stem}.pdf"
        if not made.is_file() or made.stat().st_size == 0:
            raise ConversionFailed(_why(source, completed))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(made), target)
    return target


def _run(command: list[str], timeout: float) -> subprocess.CompletedProcess | None:
    """Run LibreOffice in a process group of its own; None when it ran out of time, after
    stopping the whole group (soffice starts soffice.bin, which a plain kill would orphan)."""
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               start_new_session=hasattr(os, "killpg"))
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
        process.communicate()
        return None
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _why(source: Path, completed: subprocess.CompletedProcess) -> str:
    said = " ".join((completed.stderr or completed.stdout or "").split())[-300:]
    if "could not be loaded" in said:
        return (f"LibreOffice could not open {source.name}: its word processor (Writer) may "
                f"be missing. {INSTALL_HINT} LibreOffice said: {said}")
    return (f"LibreOffice wrote no PDF of {source.name} (exit code {completed.returncode})"
            + (f"; it said: {said}" if said else "") + ".")
