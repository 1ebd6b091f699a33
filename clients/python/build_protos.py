"""Generates the protobuf and gRPC modules from the repository's ``protos/`` folder.

Run ``/usr/bin/python3 build_protos.py`` in ``clients/python`` (``test.sh`` does) after
``npm ci``, which fetches ``google/rpc/*.proto`` and the well-known types' protos (package
``google-proto-files``; Debian ships them only in libprotobuf-dev). The output lands
in ``enterprisehub/v1/`` (the path the generated imports expect) and ``enterprisehub/_rpc/``;
both are ignored by git and never edited by hand.
"""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys
import tempfile

SDK = pathlib.Path(__file__).resolve().parent
HERE = SDK / "enterprisehub"
PROTOS = SDK.parent.parent / "protos"
RPC_PROTOS = SDK / "node_modules" / "google-proto-files"


def _protoc(*args: str) -> None:
    plugin = shutil.which("grpc_python_plugin")
    if plugin is None:
        sys.exit("grpc_python_plugin is missing: apt-get install protobuf-compiler-grpc")
    subprocess.run(["protoc", f"--plugin=protoc-gen-grpc_python={plugin}", *args], check=True)


def build() -> None:
    """Writes the generated modules, replacing any from an earlier build."""
    if not (RPC_PROTOS / "google" / "rpc" / "status.proto").exists():
        sys.exit(f"{RPC_PROTOS} is missing: run `npm ci` in {SDK}")
    v1 = HERE / "v1"
    shutil.rmtree(v1, ignore_errors=True)
    sources = sorted(str(p.relative_to(PROTOS)) for p in (PROTOS / "enterprisehub" / "v1").glob("*.proto"))
    _protoc(f"-I{PROTOS}", f"-I{RPC_PROTOS}", f"--python_out={SDK}", f"--pyi_out={SDK}",
            f"--grpc_python_out={SDK}", *sources)
    (v1 / "__init__.py").write_text('"""Generated from protos/enterprisehub/v1 at build time."""\n')

    # google/rpc/status.proto and error_details.proto import only well-known types, so their
    # modules can live inside this package instead of beside google.protobuf.
    rpc = HERE / "_rpc"
    shutil.rmtree(rpc, ignore_errors=True)
    rpc.mkdir()
    with tempfile.TemporaryDirectory() as out:
        _protoc(f"-I{RPC_PROTOS}", f"--python_out={out}", f"--pyi_out={out}",
                "google/rpc/status.proto", "google/rpc/error_details.proto")
        for generated in (pathlib.Path(out) / "google" / "rpc").iterdir():
            shutil.copy(generated, rpc / generated.name)
    (rpc / "__init__.py").write_text('"""google.rpc.Status and its details, generated at build time."""\n')


if __name__ == "__main__":
    build()
