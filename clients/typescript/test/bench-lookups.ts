// Lookups per second from one Node.js process: `node dist/test/bench-lookups.js [seconds] [callers] [connections]`
// against the hub in HUB_ADDRESS with the certificates in HUB_CERTS (the `amr` identity), e.g. a
// hub started with clients/testing/hub.sh (demo zone). Not part of the suite.
import { join } from "node:path";
import { HubClient } from "../src/index.js";

const [seconds = 10, callers = 32, connections = 4] = process.argv.slice(2).map(Number);
const certs = process.env.HUB_CERTS ?? "certs";
const clients = Array.from({ length: connections }, () => HubClient.fromFiles({
  address: process.env.HUB_ADDRESS ?? "https://127.0.0.1:7443",
  caFile: join(certs, "ca.crt"), certFile: join(certs, "amr.crt"), keyFile: join(certs, "amr.key"),
}));
const usccs = ["91440115MA5HUB013L", "91440305MA5HUB021A", "91440402MA5HUB03XU"];
const lookup = (i: number) =>
  clients[i % connections].directory.getEnterprise({ uscc: usccs[i % usccs.length], purpose: "benchmark", officerId: "bench-officer" });

for (let i = 0; i < 200; i++) await lookup(i); // warm-up: connections, JIT
let calls = 0;
const latencies: number[] = [];
const end = performance.now() + seconds * 1000;
await Promise.all(Array.from({ length: callers }, async (_, c) => {
  for (let i = c; performance.now() < end; i += callers) {
    const t = performance.now();
    await lookup(i);
    latencies.push(performance.now() - t);
    calls++;
  }
}));
latencies.sort((a, b) => a - b);
const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(2);
console.log(`GetEnterprise: ${Math.round(calls / seconds)} lookups/s, p50 ${p(0.5)} ms, p99 ${p(0.99)} ms (${callers} callers over ${connections} connections, ${seconds} s)`);
for (const c of clients) c.close();
