"""The workshop server: Voilà, with the room's handlers in the same process and port."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from traitlets import Bool, default
from voila.app import Voila

from .. import chart_bundle
from ..roomstore import access
from .guard import Access, gated, require_codes_from_env

PROJECT = Path(__file__).resolve().parents[2]
ROOM_CODE_ENV = "WORKBOOK_ROOM_CODE"  # keep the room code across a restart
TOKEN_ENV = "WORKBOOK_FACILITATOR_TOKEN"  # keep the facilitator's token across a restart


class WorkshopVoila(Voila):
    """Voilà's standalone server plus the room's pages (``routes.handlers``).

    The room's handlers come first so that Voilà's catch-all patterns never shadow them;
    every handler of Voilà's goes through ``guard.VoilaGate``, so its pages, kernels'
    websockets and API ask for the same codes as the room's pages.
    """

    require_codes = Bool(config=True, help="Ask for codes even on this laptop's loopback "
                         "(to try the room's access on one machine).")

    @default("require_codes")
    def _require_codes_default(self):
        return require_codes_from_env()

    def init_settings(self) -> dict:
        settings = super().init_settings()
        db = Path(os.environ["WORKBOOK_DB"])
        db.parent.mkdir(parents=True, exist_ok=True)
        room = Access(db, self.require_codes)
        room.room_code = access.renew(db, access.ROOM, os.environ.get(ROOM_CODE_ENV)).code
        token = access.renew(db, access.FACILITATOR, os.environ.get(TOKEN_ENV)).code
        settings["workbook_access"] = room
        # Signed cookies outlive a restart: the key is kept with the codes it vouches for.
        settings["cookie_secret"] = access.cookie_secret(db)
        self._announce(room, token)
        return settings

    def init_handlers(self) -> list:
        from .routes import handlers
        return handlers(self.server_url) + [gated(spec) for spec in super().init_handlers()]

    def _announce(self, room: Access, token: str) -> None:
        """Like Jupyter's token URL: what the facilitator needs, in the server's terminal."""
        everywhere = self.ip in ("0.0.0.0", "::", "")
        shown_host = access.lan_address() if everywhere else self.ip
        root = self.server_url.rstrip("/")
        here = f"http://{shown_host or '127.0.0.1'}:{self.port}{root}"
        # Bound to one network address, this laptop's browser does not come through loopback.
        local = everywhere or self.ip in ("127.0.0.1", "localhost", "::1")
        projector = f"http://127.0.0.1:{self.port}{root}" if local else here
        asked = ("every browser, this laptop's too (--require-codes)" if room.require_codes
                 else "every browser but this laptop's")
        print(f"\nThe room: codes are asked of {asked}.\n"
              f"  Projector (room code and QR): {projector}/room/codes\n"
              f"  Room code: {room.room_code}\n"
              f"  Facilitator from another device: {here}/room/join?token={token}\n",
              flush=True)


def voila_arguments(host: str, port: int, notebooks: Path) -> list[str]:
    """The command line `make workshop` always used, now in one place."""
    return [str(notebooks), f"--Voila.ip={host}", f"--port={port}", "--no-browser",
            "--Voila.port_retries=0", "--template=workshop", "--show_tracebacks=False",
            "--preheat_kernel=True", "--pool_size=1",
            f"--Voila.config_file_paths={PROJECT / 'etc' / 'voila'}"]


def _override(arguments: list[str], extra: list[str]) -> list[str]:
    """*arguments* with *extra* added; an extra --name=value replaces the same --name
    (Voilà refuses an option given twice)."""
    named = {e.split("=", 1)[0] for e in extra if e.startswith("--")}
    return [a for a in arguments if a.split("=", 1)[0] not in named] + extra


def serve(host: str, port: int, community: Path, db: Path, extra: list[str] = (),
          require_codes: bool = False) -> int:
    """Run the workshop server until interrupted (kernels inherit the environment set here)."""
    os.environ["WORKBOOK_COMMUNITY"] = str(community.resolve())
    os.environ["WORKBOOK_DB"] = str(db.resolve())
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(PROJECT / "share" / "jupyter"), os.environ.get("JUPYTER_PATH")) if p)
    chart_bundle.prepare()  # before the preheated kernels start, so none makes its own
    argv = _override(voila_arguments(host, port, PROJECT / "notebooks"), list(extra))
    if require_codes:
        argv.append("--WorkshopVoila.require_codes=True")
    WorkshopVoila.launch_instance(argv)
    return 0


if __name__ == "__main__":
    sys.exit(serve("127.0.0.1", 8866, Path(sys.argv[1]), Path(sys.argv[2])))
