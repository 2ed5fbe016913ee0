import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { redisNamespace } from "../../src/instance.ts";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const root = path.resolve(import.meta.dirname, "../..");

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

/** Starts `stoa start` in its own process and resolves once its log says `ready`. */
async function spawnStoa(env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, "bin/stoa.js"), "start"], {
    cwd: root, env: { ...process.env, STOA_LOG_LEVEL: "info", ...env }, stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      log += chunk.toString();
      if (ready.test(log)) resolve();
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code) => reject(new Error(`stoa (${env.STOA_ROLE}) exited with ${code}:\n${log}`)));
  });
  return child;
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  // A graceful stop waits for open connections; a test must not hang on one.
  const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(force);
}

describe("scale-out: a web process and a worker process sharing PostgreSQL and Redis", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  let web: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  let url: string;
  let dataDir: string;
  before(async () => {
    // This in-process instance only prepares the database; it runs no jobs and serves nothing.
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    await json(await stoa.request(`/api/v1/accounts/${ada.accountId}/follow`, { token: bob.token, method: "POST" }));
    await stoa.drain();
    dataDir = await mkdtemp(path.join(tmpdir(), "stoa-scale-"));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env = { DATABASE_URL: stoa.ctx.config.databaseUrl!, REDIS_URL, STOA_ORIGIN: url, PORT: String(port), STOA_DATA_DIR: dataDir };
    [web, worker] = await Promise.all([
      spawnStoa({ ...env, STOA_ROLE: "web" }, /Stoa listening/),
      spawnStoa({ ...env, STOA_ROLE: "worker" }, /Stoa worker started/),
    ]);
  });
  after(async () => {
    await Promise.all([stop(web), stop(worker)]);
    await stoa.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("fans a post made on the web process out in the worker, onto a stream the web process holds", async () => {
    const abort = new AbortController();
    const stream = await fetch(`${url}/api/v1/streaming/user`, { headers: { authorization: `Bearer ${bob.token}` }, signal: abort.signal });
    assert.equal(stream.status, 200);
    try {
      await expectUpdateAcrossProcesses(stream);
    } finally {
      abort.abort();
    }
  });

  async function expectUpdateAcrossProcesses(stream: Response) {
    // Post only once the web process has subscribed in Redis, so the event cannot be missed.
    const redis = new Redis(REDIS_URL);
    const channel = `${redisNamespace(stoa.ctx.config.databaseUrl!)}user:${bob.accountId}`;
    try {
      let polls = 0;
      while (((await redis.pubsub("NUMSUB", channel)) as [string, number])[1] < 1) {
        assert.ok(++polls < 20_000, "the web process never subscribed to the user's channel in Redis");
        await redis.ping();
      }
    } finally {
      await redis.quit();
    }
    const posted = await fetch(`${url}/api/v1/statuses`, {
      method: "POST", headers: { authorization: `Bearer ${ada.token}`, "content-type": "application/json" }, body: JSON.stringify({ status: "across processes" }),
    });
    const status = await json(posted);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    let update: { id: string; content: string } | undefined;
    while (!update) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended before the update:\n${text}`);
      text += decoder.decode(value, { stream: true });
      const block = text.split("\n\n").find((b) => /^event: update$/m.test(b));
      if (block) update = JSON.parse(block.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n"));
    }
    assert.equal(update.id, status.id);
    assert.match(update.content, /across processes/);
    const [row] = await stoa.ctx.sql`select 1 from home_feed where account_id = ${bob.accountId} and status_id = ${status.id}`;
    assert.ok(row, "the worker wrote the follower's home feed");
  }
});
