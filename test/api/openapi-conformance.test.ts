/**
 * Every GET operation of Mastodon's description that Stoa routes, called on an instance with
 * rich data (a quote of a post with a poll, a boost, a reply, a list, a filter, notifications),
 * so each entity shape is checked by the OpenAPI validator of `TestInstance.request`.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { sharedData } from "../support/shared-data.ts";
import { createUser, json, startTestInstance, type TestInstance, type TestUser } from "../support/instance.ts";

/** `/api/v1/accounts/{id}` and `/api/v1/accounts/:id{[0-9]+}` both become `/api/v1/accounts/:`. */
const normalise = (path: string) => path.replace(/:[A-Za-z_]+(\{[^}]*\})?/g, ":").replace(/\{[^}/]+\}/g, ":");

describe("Mastodon OpenAPI conformance of every routed GET", () => {
  let stoa: TestInstance;
  let ada: TestUser;
  let bob: TestUser;
  const ids: Record<string, string> = {};
  before(async () => {
    stoa = await startTestInstance();
    ada = await createUser(stoa, "ada");
    bob = await createUser(stoa, "bob");
    const as = (user: TestUser, path: string, body?: unknown, method?: string) =>
      stoa.request(path, { token: user.token, json: body, method: method ?? (body === undefined ? "GET" : "POST") }).then((r) => json(r));
    await as(bob, `/api/v1/accounts/${ada.accountId}/follow`, {});
    await as(ada, `/api/v1/accounts/${bob.accountId}/follow`, {});
    const poll = await as(ada, "/api/v1/statuses", { status: "Which #demo?", poll: { options: ["one", "two"], expires_in: 3600 } });
    await as(bob, `/api/v1/polls/${poll.poll.id}/votes`, { choices: [0] });
    const quote = await as(bob, "/api/v1/statuses", { status: "@ada quoting #demo", quoted_status_id: poll.id });
    await as(ada, `/api/v1/statuses/${quote.id}/favourite`, {});
    await as(ada, `/api/v1/statuses/${quote.id}/reblog`, {});
    await as(ada, `/api/v1/statuses/${quote.id}/bookmark`, {});
    await as(ada, "/api/v1/statuses", { status: "@bob a reply", in_reply_to_id: quote.id });
    await as(ada, `/api/v1/statuses/${poll.id}`, { status: "Which #demo, edited?" }, "PUT");
    const list = await as(ada, "/api/v1/lists", { title: "Friends" });
    await as(ada, `/api/v1/lists/${list.id}/accounts`, { account_ids: [bob.accountId] });
    const filter = await as(ada, "/api/v2/filters", { title: "Spoilers", context: ["home"], keywords_attributes: [{ keyword: "finale" }] });
    const scheduled = await as(ada, "/api/v1/statuses", { status: "Later", scheduled_at: new Date(Date.now() + 3_600_000).toISOString() });
    await as(ada, "/api/v1/featured_tags", { name: "demo" });
    await stoa.drain();
    const [notification] = await as(ada, "/api/v1/notifications");
    const groups = await as(ada, "/api/v2/notifications");
    Object.assign(ids, {
      account: bob.accountId, status: quote.id, poll: poll.poll.id, list: list.id, filter: filter.id, keyword: filter.keywords[0].id,
      scheduled: scheduled.id, notification: notification.id, group: groups.notification_groups[0].group_key,
    });
  });
  after(() => stoa.close());

  /** A concrete path for an operation, with ids of the data made above. */
  function concrete(template: string): string {
    const value = (name: string) => {
      if (template.startsWith("/api/v1/accounts/")) return ids.account;
      if (template.startsWith("/api/v1/statuses/")) return ids.status;
      if (template.startsWith("/api/v1/polls/")) return ids.poll;
      if (template.includes("/lists/")) return ids.list;
      if (template.startsWith("/api/v2/filters/keywords/")) return ids.keyword;
      if (template.startsWith("/api/v2/filters/") || template.startsWith("/api/v1/filters/")) return ids.filter;
      if (template.startsWith("/api/v1/scheduled_statuses/")) return ids.scheduled;
      if (template.startsWith("/api/v1/notifications/")) return ids.notification;
      if (template.startsWith("/api/v2/notifications/")) return ids.group;
      if (name === "name" || name === "hashtag") return "demo";
      return "1";
    };
    return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(value(name)!));
  }

  const QUERIES: Record<string, string> = {
    "/api/v1/accounts": `id[]=${"ACCOUNT"}`,
    "/api/v1/accounts/lookup": "acct=bob",
    "/api/v1/accounts/relationships": "id[]=ACCOUNT",
    "/api/v1/accounts/familiar_followers": "id[]=ACCOUNT",
    "/api/v1/accounts/search": "q=bo",
    "/api/v1/statuses": "id[]=STATUS",
    "/api/v2/search": "q=demo",
  };

  it("answers each with a body that matches the description", async () => {
    const schema = JSON.parse(readFileSync(sharedData("mastodon-openapi", "schema.json"), "utf8")) as { paths: Record<string, Record<string, unknown>> };
    const routed = new Set(stoa.app.routes.filter((r) => r.method === "GET").map((r) => normalise(r.path)));
    const templates = Object.keys(schema.paths).filter((p) => schema.paths[p]!.get && routed.has(normalise(p)) && !p.includes("/streaming"));
    const failures: string[] = [];
    for (const template of templates) {
      const query = (QUERIES[template] ?? "").replace("ACCOUNT", ids.account!).replace("STATUS", ids.status!);
      const path = `${concrete(template)}${query ? `?${query}` : ""}`;
      try {
        const response = await stoa.request(path, { token: ada.token });
        if (response.status >= 500) failures.push(`${path} → ${response.status}`);
        await response.body?.cancel();
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    console.log(`# GET operations checked against the description: ${templates.length}`);
    assert.ok(templates.length >= 60, `most GET operations are routed (${templates.length})`);
    assert.deepEqual(failures, []);
  });
});
