"""Find checklist files and decide, before parsing, whether each can be read safely.

Files are only ever read: the bytes are taken once, hashed, checked against the
size caps and handed to the spreadsheet parser from memory.
"""
from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .limits import OverLimit, PackageScan, over_limit_problem, scan_package
from .problems import Code, Problem, make_problem
from .records import FAILED, SKIPPED

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"}
OTHER_FORMATS = {".xlsm": "macro-enabled Excel (.xlsm)", ".xls": "Excel 97-2003 (.xls)",
                 ".ods": "OpenDocument (.ods)", ".xlsb": "Excel binary (.xlsb)"}
MAX_FILE_MB = 25
MAX_UNPACKED_MB = 250
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# Excel stores a password-protected .xlsx as an OLE container with this stream.
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")


@dataclass
class Candidate:
    """A file met while walking the paths, with why it is skipped if it is."""
    path: Path
    skip: Code | None = None

    def skip_status(self) -> str:
        """A file that is not there failed; one passed over on purpose (a lock file) is skipped."""
        return FAILED if self.skip is Code.FILE_NOT_FOUND else SKIPPED

    def skip_problem(self) -> Problem:
        return make_problem(self.skip, str(self.path), name=self.path.name)


@dataclass
class Opened:
    """A file's bytes once read, or the one problem that stops it being parsed."""
    path: Path
    data: bytes | None
    sha256: str | None
    problem: tuple[Code, dict] | None = None
    format_note: tuple[Code, dict] | None = None
    scan: PackageScan | None = None  # what the package unpacks to, when it is a zip

    def to_parse(self) -> bytes | None:
        """The bytes the parser reads: the scan's copy with the sheets' empty tails cut
        (``parsercopy``) when it made one, else the file's own."""
        copy = self.scan.parser_copy if self.scan is not None else None
        return copy if copy is not None else self.data


def discover(paths: list[str | Path]) -> list[Candidate]:
    """Every file named or found below the folders named, sorted, each once."""
    seen: dict[Path, Candidate] = {}
    for given in paths:
        path = Path(given)
        found = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file_path in found:
            resolved = file_path.resolve()
            if resolved not in seen:
                inside = file_path.relative_to(path).parts if path.is_dir() else (file_path.name,)
                seen[resolved] = Candidate(file_path, _skip_reason(file_path, inside))
    return sorted(seen.values(), key=lambda c: str(c.path))


def _skip_reason(path: Path, parts_inside_folder: tuple[str, ...]) -> Code | None:
    if not path.exists():
        return Code.FILE_NOT_FOUND
    if path.name.startswith("~$"):
        return Code.FILE_SKIPPED_LOCK
    if any(part.startswith(".") for part in parts_inside_folder):
        return Code.FILE_SKIPPED_HIDDEN
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return None  # reported as FILE_CSV when opened, so the clerk gets a how-to
    if suffix not in SPREADSHEET_SUFFIXES:
        return Code.FILE_SKIPPED_NOT_SPREADSHEET
    return None


def open_checklist(path: Path) -> Opened:
    """Read the file's bytes and run the checks that need no parser."""
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if size > MAX_FILE_MB * 1024 * 1024:
            return Opened(path, None, None, (Code.FILE_TOO_LARGE, {
                "size": round(size / 1048576, 1), "limit": MAX_FILE_MB}))
        data = path.read_bytes()
    except OSError as exc:
        return Opened(path, None, None, (Code.FILE_READ_FAILED, {"detail": exc.strerror or exc}))
    digest = hashlib.sha256(data).hexdigest()
    opened = Opened(path, data, digest)
    if not data:
        opened.problem = (Code.FILE_EMPTY, {})
    elif suffix == ".csv":
        opened.problem = (Code.FILE_CSV, {})
    elif data.startswith(OLE_MAGIC):
        opened.problem = _ole_problem(data)
        if opened.problem is None and suffix != ".xls":
            opened.format_note = (Code.FILE_OTHER_FORMAT, {"format": OTHER_FORMATS[".xls"]})
    elif data.startswith(ZIP_MAGIC):
        opened.scan, opened.problem = _scan_zip(data)
    elif suffix in (".xlsx", ".xlsm", ".ods", ".xlsb"):
        opened.problem = (Code.FILE_CORRUPT, {"detail": "it is not a spreadsheet package"})
    if opened.problem is None and opened.format_note is None and suffix in OTHER_FORMATS:
        opened.format_note = (Code.FILE_OTHER_FORMAT, {"format": OTHER_FORMATS[suffix]})
    return opened


def _ole_problem(data: bytes) -> tuple[Code, dict] | None:
    # Any other OLE file is an old-style .xls, perhaps renamed: the parser reads it.
    return (Code.FILE_PASSWORD, {}) if ENCRYPTION_STREAM in data else None


def _scan_zip(data: bytes) -> tuple[PackageScan | None, tuple[Code, dict] | None]:
    """The declared sizes, then each XML part unpacked within the limits, before the
    parser does it unbounded."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
            if unpacked > MAX_UNPACKED_MB * 1024 * 1024:
                return None, (Code.FILE_ZIP_BOMB, {"size": round(unpacked / 1048576),
                                                   "limit": MAX_UNPACKED_MB})
            return scan_package(package), None
    except OverLimit as exc:
        return None, over_limit_problem(exc)
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        return None, (Code.FILE_CORRUPT, {"detail": f"the package is damaged or cut short: {exc}"})
    except Exception as exc:  # zlib, CRC and zip structure errors on damaged parts
        return None, (Code.FILE_CORRUPT, {"detail": f"the package is damaged: {str(exc)[:120]}"})
