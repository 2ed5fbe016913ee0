import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { startTestServer, type TestServer } from "../support/server.ts";
import { logDecision } from "../../src/transparency/log.ts";

const run = promisify(execFile);

describe("stoa verify-log against a running instance", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    for (let i = 0; i < 3; i++) await logDecision(server.stoa.ctx.sql, "rules.changed", { version: i + 1 });
  });
  after(() => server.close());

  it("fetches the export from the instance origin and verifies it (exit 0), or fails on a bad address (exit 2)", async () => {
    const main = new URL("../../src/main.ts", import.meta.url).pathname;
    const { stdout } = await run(process.execPath, [main, "verify-log", server.url]);
    assert.match(stdout, /^OK: 3 entries verified; head [0-9a-f]{64}; signing key fingerprint \(SHA-256\) [0-9a-f]{64}\n$/);
    const failed = await run(process.execPath, [main, "verify-log", `${server.url}/nowhere/export`]).catch((error: { code: number; stdout: string }) => error);
    assert.equal((failed as { code: number }).code, 2);
  });
});
