import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { isPublicAddress } from "./addresses.ts";
import { fetchPolicy, parseJsonCapped, RemoteFetchError, safeFetch, type FetchPolicy } from "./safe-fetch.ts";

describe("address policy", () => {
  it("refuses private, loopback, link-local and special-use addresses", () => {
    for (const address of [
      "127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
      "0.0.0.0", "224.0.0.1", "255.255.255.255", "192.0.2.5", "198.18.0.1",
      "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "2001:db8::1",
      "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:c0a8:0101::1", "not-an-ip",
    ]) assert.equal(isPublicAddress(address), false, address);
  });

  it("accepts public addresses", () => {
    for (const address of ["93.184.216.34", "1.1.1.1", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "2a01:4f8::1"]) {
      assert.equal(isPublicAddress(address), true, address);
    }
  });
});

describe("safeFetch", () => {
  let server: http.Server;
  let port = 0;
  const openSockets = new Set<import("node:net").Socket>();
  // Only 127.0.0.2 counts as "public" here, so a redirect to 127.0.0.1 must be refused.
  const policy = (overrides: Partial<FetchPolicy> = {}): FetchPolicy => ({
    ...fetchPolicy({ allowPrivateAddresses: false }),
    allowAddress: (a) => a === "127.0.0.2",
    totalTimeoutMs: 1_000,
    ...overrides,
  });

  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url === "/doc") {
        res.setHeader("content-type", "application/activity+json");
        res.end(JSON.stringify({ id: "x", method: req.method }));
      } else if (req.url === "/to-loopback") {
        res.writeHead(302, { location: `http://127.0.0.1:${port}/doc` }).end();
      } else if (req.url === "/to-doc") {
        res.writeHead(301, { location: "/doc" }).end();
      } else if (req.url === "/loop") {
        res.writeHead(302, { location: "/loop" }).end();
      } else if (req.url === "/big") {
        res.end(Buffer.alloc(2 << 20, 97));
      } else if (req.url === "/trickle") {
        res.writeHead(200, { "content-type": "application/json" });
        const timer = setInterval(() => res.write(" "), 20);
        res.on("close", () => clearInterval(timer));
      }
    });
    server.on("connection", (s) => {
      openSockets.add(s);
      s.on("close", () => openSockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, "0.0.0.0", resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    for (const s of openSockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it("fetches an allowed address and follows a redirect", async () => {
    const response = await safeFetch(`http://127.0.0.2:${port}/to-doc`, {}, policy());
    assert.equal(response.status, 200);
    assert.equal(response.url, `http://127.0.0.2:${port}/doc`);
    assert.deepEqual(await response.json(), { id: "x", method: "GET" });
  });

  it("refuses a private address outright", async () => {
    await assert.rejects(safeFetch(`http://127.0.0.1:${port}/doc`, {}, policy()), /Refusing non-public address 127\.0\.0\.1/);
    await assert.rejects(safeFetch(`http://localhost:${port}/doc`, {}, policy()), RemoteFetchError);
  });

  it("refuses a redirect to 127.0.0.1", async () => {
    await assert.rejects(safeFetch(`http://127.0.0.2:${port}/to-loopback`, {}, policy()), /Refusing non-public address 127\.0\.0\.1/);
  });

  it("lets STOA_ALLOW_PRIVATE_ADDRESSES lift only the address rule", async () => {
    const lifted = fetchPolicy({ allowPrivateAddresses: true });
    assert.equal((await safeFetch(`http://127.0.0.1:${port}/doc`, {}, lifted)).status, 200);
    await assert.rejects(safeFetch(`http://127.0.0.1:${port}/big`, {}, lifted), /Body over/);
  });

  it("stops redirect loops, other schemes and credentials in URLs", async () => {
    await assert.rejects(safeFetch(`http://127.0.0.2:${port}/loop`, {}, policy()), /Too many redirects/);
    await assert.rejects(safeFetch("file:///etc/passwd", {}, policy()), /Unsupported scheme/);
    await assert.rejects(safeFetch(`http://u:p@127.0.0.2:${port}/doc`, {}, policy()), /Credentials/);
  });

  it("caps the body size", async () => {
    await assert.rejects(safeFetch(`http://127.0.0.2:${port}/big`, {}, policy()), /Body over 1048576 bytes/);
  });

  it("cuts off a server that trickles bytes forever", async () => {
    const started = performance.now();
    await assert.rejects(safeFetch(`http://127.0.0.2:${port}/trickle`, {}, policy({ totalTimeoutMs: 300 })), /Deadline exceeded/);
    assert.ok(performance.now() - started < 5_000, "the deadline, not the peer, ends the request");
  });
});

describe("parseJsonCapped", () => {
  it("parses ordinary documents and refuses deep nesting", () => {
    assert.deepEqual(parseJsonCapped('{"a":[1,{"b":"]]]"}]}'), { a: [1, { b: "]]]" }] });
    assert.deepEqual(parseJsonCapped('["\\"[[[["]'), ['"[[[['], "brackets inside strings do not count");
    assert.throws(() => parseJsonCapped("[".repeat(10_000) + "]".repeat(10_000)), /nested deeper than 64/);
    assert.equal((parseJsonCapped("[".repeat(64) + "]".repeat(64)) as unknown[]).length, 1);
  });
});
