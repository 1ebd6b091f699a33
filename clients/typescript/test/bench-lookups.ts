// Lookups per second from one Node.js process, the TypeScript row of clients/testing/bench-sdks.sh:
//   node dist/test/bench-lookups.js HUB_DIR [WARMUP_SECONDS] [SECONDS] [IN_FLIGHT]
// HUB_DIR is a folder clients/testing/hub.sh wrote. GetEnterprise of the demo enterprise as tax from
// IN_FLIGHT (32) concurrent callers on one client. Prints "measuring" when the measured phase starts
// and "done CALLS SECONDS CLIENT_CPU_SECONDS REFUSED" at its end. Not part of the suite.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HubClient } from "../src/index.js";

const [folder, ...rest] = process.argv.slice(2);
const [warmup = 20, seconds = 20, inFlight = 32] = rest.map(Number);
const env = Object.fromEntries(readFileSync(join(folder, "env"), "utf8").split("\n")
  .filter((line) => line.includes("=")).map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
const tax = HubClient.fromFiles({
  address: env.HUB_ADDRESS,
  caFile: join(env.HUB_CERTS, "ca.crt"), certFile: join(env.HUB_CERTS, "tax.crt"), keyFile: join(env.HUB_CERTS, "tax.key"),
});

async function run(forSeconds: number): Promise<number> {
  let calls = 0;
  const end = performance.now() + forSeconds * 1000;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (performance.now() < end) {
      await tax.directory.getEnterprise({ uscc: "91440115MA5HUB013L", purpose: "benchmark", officerId: "tax-0042" });
      calls++;
    }
  }));
  return calls;
}

await run(warmup);
console.log("measuring");
const cpu = process.cpuUsage();
const start = performance.now();
const calls = await run(seconds);
const used = process.cpuUsage(cpu);
console.log(`done ${calls} ${((performance.now() - start) / 1000).toFixed(3)} ${((used.user + used.system) / 1e6).toFixed(3)} 0`);
tax.close();
