import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";
import { logPage } from "../../src/transparency/log.ts";

describe("versioned rules", () => {
  let stoa: TestInstance;
  let mod: TestUser;
  let ada: TestUser;
  before(async () => {
    stoa = await startTestInstance();
    mod = await createUser(stoa, "mod", { role: "moderator" });
    ada = await createUser(stoa, "ada");
  });
  after(() => stoa.close());

  const put = (token: string, rules: unknown) => stoa.request("/api/stoa/v1/rules", { method: "PUT", token, json: { rules } });

  it("keeps every version readable, serves the current one in /api/v1/instance and logs each change", async () => {
    const v1 = await json(await put(mod.token, [{ text: "Be kind" }, { text: "No spam", hint: "Ads included" }]));
    assert.equal(v1.version, 1);
    const [kind, spam] = v1.rules;
    const v2 = await json(await put(mod.token, [{ id: spam.id, text: "No spam", hint: "Ads included" }, { id: kind.id, text: "Be kind to everyone" }]));
    assert.equal(v2.rules[0].id, spam.id, "an unchanged rule keeps its id");
    assert.notEqual(v2.rules[1].id, kind.id, "a changed text is a new rule");

    const instance = await json(await stoa.request("/api/v1/instance"));
    assert.deepEqual(instance.rules.map((r: { text: string }) => r.text), ["No spam", "Be kind to everyone"]);
    const first = await json(await stoa.request("/api/stoa/v1/rules/versions/1"));
    assert.deepEqual(first.rules.map((r: { text: string }) => r.text), ["Be kind", "No spam"]);
    assert.deepEqual((await json(await stoa.request("/api/stoa/v1/rules/versions"))).map((v: { version: number }) => v.version), [2, 1]);
    await json(await stoa.request("/api/stoa/v1/rules/versions/3"), 404);

    const logged = (await logPage(stoa.ctx.sql, 0, 10)).filter((e) => e.kind === "rules.changed");
    assert.deepEqual(logged.map((e) => e.payload.version), [1, 2]);
    assert.deepEqual(logged[1]!.payload.rules, v2.rules);
  });

  it("refuses changes by others and bad input, changing nothing", async () => {
    await json(await put(ada.token, [{ text: "Anything goes" }]), 403);
    await json(await put(mod.token, []), 422);
    await json(await put(mod.token, [{ text: "Same" }, { text: "Same" }]), 422);
    await json(await put(mod.token, [{ text: "" }]), 422);
    assert.equal((await json(await stoa.request("/api/stoa/v1/rules/versions"))).length, 2);
  });
});
