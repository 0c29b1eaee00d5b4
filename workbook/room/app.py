"""The workshop server: Voilà, with the room's handlers in the same process and port."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from voila.app import Voila

PROJECT = Path(__file__).resolve().parents[2]


class WorkshopVoila(Voila):
    """Voilà's standalone server plus the room's pages (``routes.handlers``).

    The room's handlers come first so that Voilà's catch-all patterns never shadow them.
    """

    def init_handlers(self) -> list:
        from .routes import handlers
        return handlers(self.server_url) + super().init_handlers()


def voila_arguments(host: str, port: int, notebooks: Path) -> list[str]:
    """The command line `make workshop` always used, now in one place."""
    return [str(notebooks), f"--Voila.ip={host}", f"--port={port}", "--no-browser",
            "--template=workshop", "--show_tracebacks=False", "--preheat_kernel=True",
            "--pool_size=1", f"--Voila.config_file_paths={PROJECT / 'etc' / 'voila'}"]


def serve(host: str, port: int, community: Path, db: Path, extra: list[str] = ()) -> int:
    """Run the workshop server until interrupted (kernels inherit the environment set here)."""
    os.environ["WORKBOOK_COMMUNITY"] = str(community.resolve())
    os.environ["WORKBOOK_DB"] = str(db.resolve())
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(PROJECT / "share" / "jupyter"), os.environ.get("JUPYTER_PATH")) if p)
    argv = voila_arguments(host, port, PROJECT / "notebooks") + list(extra)
    WorkshopVoila.launch_instance(argv)
    return 0


if __name__ == "__main__":
    sys.exit(serve("127.0.0.1", 8866, Path(sys.argv[1]), Path(sys.argv[2])))
