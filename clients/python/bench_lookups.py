"""Lookups per second from one Python process, the Python row of clients/testing/bench-sdks.sh.

    /usr/bin/python3 bench_lookups.py HUB_DIR [WARMUP_SECONDS] [SECONDS] [IN_FLIGHT]

HUB_DIR is a folder clients/testing/hub.sh wrote. GetEnterprise of the demo enterprise as tax, with
IN_FLIGHT calls (32) in flight on one client (gRPC futures: the Python SDK is synchronous). Prints
"measuring" when the measured phase starts and "done CALLS SECONDS CLIENT_CPU_SECONDS REFUSED" at its
end, REFUSED counting RESOURCE_EXHAUSTED answers (the hub's read quota, docs/quotas.md).
"""

from __future__ import annotations

import collections
import pathlib
import sys
import time

import grpc

from enterprisehub import Hub, directory_pb2


def run(hub: Hub, request: directory_pb2.GetEnterpriseRequest, in_flight: int, seconds: float) -> tuple[int, int]:
    pending: collections.deque = collections.deque()
    done = refused = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end or pending:
        while len(pending) < in_flight and time.monotonic() < end:
            pending.append(hub.directory.GetEnterprise.future(request, timeout=30))
        try:
            pending.popleft().result()
            done += 1
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.RESOURCE_EXHAUSTED:
                raise
            refused += 1
    return done, refused


def main() -> None:
    folder, *rest = sys.argv[1:]
    folder = pathlib.Path(folder)
    warmup, seconds, in_flight = (float(v) for v in (rest + ["20", "20", "32"][len(rest):]))
    in_flight = int(in_flight)
    env = dict(line.split("=", 1) for line in (folder / "env").read_text().splitlines() if "=" in line)
    certs = env["HUB_CERTS"]
    request = directory_pb2.GetEnterpriseRequest(uscc="91440115MA5HUB013L", purpose="benchmark", officer_id="tax-0042")
    with Hub.from_files(env["HUB_ADDRESS"], ca=f"{certs}/ca.crt", cert=f"{certs}/tax.crt",
                        key=f"{certs}/tax.key") as hub:
        run(hub, request, in_flight, warmup)
        print("measuring", flush=True)
        cpu, start = time.process_time(), time.monotonic()
        done, refused = run(hub, request, in_flight, seconds)
        print(f"done {done} {time.monotonic() - start:.3f} {time.process_time() - cpu:.3f} {refused}", flush=True)


if __name__ == "__main__":
    main()
