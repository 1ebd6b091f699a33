"""Lookups per second from one Python process: GetEnterprise as tax, sequential and pipelined.

    /usr/bin/python3 bench_lookups.py HUB_DIR [seconds]   (HUB_DIR as clients/testing/hub.sh wrote it)

Note the hub's read quota (2,000 a second per identity by default, docs/quotas.md): a pipelined
run near it is refused with RESOURCE_EXHAUSTED, which this script counts and reports.
"""

from __future__ import annotations

import pathlib
import sys
import time

import grpc

from enterprisehub import Hub, directory_pb2

DEMO = "91440115MA5HUB013L"


def main() -> None:
    folder = pathlib.Path(sys.argv[1])
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
    env = dict(line.split("=", 1) for line in (folder / "env").read_text().splitlines() if "=" in line)
    certs = env["HUB_CERTS"]
    with Hub.from_files(env["HUB_ADDRESS"], ca=f"{certs}/ca.crt", cert=f"{certs}/tax.crt",
                        key=f"{certs}/tax.key") as hub:
        for _ in range(200):  # warm up
            hub.get_enterprise(DEMO, purpose="benchmark", officer_id="tax-0042")
        done, end = 0, time.monotonic() + seconds
        start = time.monotonic()
        while time.monotonic() < end:
            hub.get_enterprise(DEMO, purpose="benchmark", officer_id="tax-0042")
            done += 1
        print(f"sequential: {done / (time.monotonic() - start):.0f} lookups/s")

        request = directory_pb2.GetEnterpriseRequest(uscc=DEMO, purpose="benchmark", officer_id="tax-0042")
        in_flight, done, refused = [], 0, 0
        start, end = time.monotonic(), time.monotonic() + seconds
        while time.monotonic() < end or in_flight:
            while len(in_flight) < 64 and time.monotonic() < end:
                in_flight.append(hub.directory.GetEnterprise.future(request, timeout=10))
            future = in_flight.pop(0)
            try:
                future.result()
                done += 1
            except grpc.RpcError as error:
                if error.code() != grpc.StatusCode.RESOURCE_EXHAUSTED:
                    raise
                refused += 1
        print(f"64 in flight: {done / (time.monotonic() - start):.0f} lookups/s ({refused} refused by the quota)")


if __name__ == "__main__":
    main()
