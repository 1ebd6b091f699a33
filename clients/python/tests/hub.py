"""A real hub for the conformance tests, through clients/testing/hub.sh, and valid codes."""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import tempfile

from enterprisehub import Hub

REPO = pathlib.Path(__file__).resolve().parents[3]
HUB_SH = REPO / "clients" / "testing" / "hub.sh"

_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def uscc(division: str, serial: int) -> str:
    """A valid USCC (GB 32100-2015, inner GB 11714 check too) for a test enterprise."""
    body = f"{serial:08d}"
    inner = 11 - sum(int(c) * w for c, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2))) % 11
    org = body + {10: "X", 11: "0"}.get(inner, str(inner))
    code = "91" + division + org
    outer = 31 - sum(_CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(code)) % 31
    return code + _CHARS[0 if outer == 31 else outer]


class HubProcess:
    """One hub process with its own folder, certificates and store."""

    def __init__(self) -> None:
        self.dir = pathlib.Path()
        self.env: dict[str, str] = {}

    def _run(self, action: str) -> None:
        subprocess.run(["bash", str(HUB_SH), action, str(self.dir)], check=True)
        lines = (self.dir / "env").read_text().splitlines()
        self.env = dict(line.split("=", 1) for line in lines if "=" in line)

    def start(self) -> None:
        self.dir = pathlib.Path(tempfile.mkdtemp(prefix="ehub-py-"))
        self._run("start")

    def restart(self) -> None:
        self._run("restart")

    def stop(self) -> None:
        subprocess.run(["bash", str(HUB_SH), "stop", str(self.dir)], check=False)
        self.env = {}
        shutil.rmtree(self.dir, ignore_errors=True)

    def client(self, identity: str, **options) -> Hub:
        """A client presenting ``identity``'s certificate (tax, amr, hrss, customs, admin, ...)."""
        certs = self.env["HUB_CERTS"]
        return Hub.from_files(self.env["HUB_ADDRESS"], ca=f"{certs}/ca.crt", cert=f"{certs}/{identity}.crt",
                              key=f"{certs}/{identity}.key", **options)
