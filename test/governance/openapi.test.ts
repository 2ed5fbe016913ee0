import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { json, startTestInstance, type TestInstance } from "../support/instance.ts";
import { governanceRoutes } from "../../src/api/stoa/routes.ts";

describe("governance: OpenAPI document", () => {
  let stoa: TestInstance;
  before(async () => {
    stoa = await startTestInstance();
  });
  after(() => stoa.close());

  it("documents exactly the routes served under /api/stoa/v1", async () => {
    const doc = await json(await stoa.request("/api/stoa/v1/openapi.json"));
    assert.equal(doc.openapi, "3.1.0");
    assert.equal(doc.servers[0].url, "http://stoa.test/api/stoa/v1");
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((verb) => `${verb.toUpperCase()} ${path}`)).sort();
    const served = [...new Set(governanceRoutes(stoa.ctx).routes
      .filter((r) => r.method !== "ALL")
      .map((r) => `${r.method} ${r.path.replace("/api/stoa/v1", "").replace(/:(\w+)(\{[^}]*\})?/g, "{$1}")}`))].sort();
    assert.deepEqual(documented, served);
    assert.deepEqual(doc.paths["/proposals/{id}/ballot"].post.security, [{ oauth: ["write"] }]);
  });
});
