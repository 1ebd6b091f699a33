import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { HubClient, type HubClientOptions } from "../src/index.js";

const script = resolve(dirname(fileURLToPath(import.meta.url)), "../../../testing/hub.sh");

/** A real hub in its own process and folder, driven by clients/testing/hub.sh. */
export class TestHub {
  readonly dir = mkdtempSync(join(tmpdir(), "hub-ts-"));
  env: Record<string, string> = {};

  start(): void {
    this.run("start");
  }

  restart(): void {
    this.run("restart");
  }

  stop(): void {
    this.run("stop");
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A client presenting the certificate of `identity` (tax, amr, customs, hrss, admin, portal, ...). */
  client(identity: string, options: Partial<HubClientOptions> = {}): HubClient {
    const certs = this.env.HUB_CERTS;
    return HubClient.fromFiles({
      address: this.env.HUB_ADDRESS,
      caFile: join(certs, "ca.crt"),
      certFile: join(certs, `${identity}.crt`),
      keyFile: join(certs, `${identity}.key`),
      ...options,
    });
  }

  private run(action: string): void {
    execFileSync("bash", [script, action, this.dir], { stdio: ["ignore", "ignore", "inherit"] });
    this.env = Object.fromEntries(
      readFileSync(join(this.dir, "env"), "utf8").trim().split("\n").map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
  }
}
