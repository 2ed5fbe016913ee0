/**
 * Governance votes benchmark (in-process app, real PostgreSQL): ballots cast per second through
 * the API by concurrent voters, and the time to close a liquid vote (weigh, write the ballot
 * file, count) with 100,000 members, 50,000 ballots and 30,000 delegations.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config.ts";
import { connect } from "../src/db/database.ts";
import { composeInstance } from "../src/instance.ts";
import { randomToken, sha256 } from "../src/lib/crypto.ts";
import { closeProposal } from "../src/governance/ballots/close.ts";
import { createProposal } from "../src/governance/proposals/proposals.ts";
import { benchDatabase } from "./lib/database.ts";
import { loopLoad } from "./lib/load.ts";

const MEMBERS = 100_000;
const BALLOTS = 50_000;
const DELEGATIONS = 30_000;
const API_VOTERS = 2_000;
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main() {
  const db = await benchDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), "stoa-bench-gov-"));
  const sql = connect(db.url, { max: 10 });
  const instance = await composeInstance(loadConfig({ STOA_ORIGIN: "http://stoa.bench", STOA_LOG_LEVEL: "error", STOA_DATA_DIR: dataDir, DATABASE_URL: db.url }), { sql, url: db.url, close: () => sql.end({ timeout: 5 }) });
  try {
    let t = performance.now();
    const ids = (await sql<{ id: string }[]>`insert into accounts (username) select 'm' || g from generate_series(1, ${MEMBERS}) g returning id`).map((r) => r.id);
    await sql`insert into gov_memberships (account_id, status) select unnest(${ids}::bigint[]), 'member'`;
    const finance = (await sql<{ id: string }[]>`select id from gov_scopes where code = 'finance'`)[0]!.id;
    const open = async () => {
      const p = await createProposal(sql, ids[0]!, {
        scopeId: finance, bodyId: null, title: "bench", text: "bench", method: "majority", methodConfig: { options: ["yes", "no"] },
        participation: "liquid", discussSpheres: ["inner"], decideSpheres: ["inner"], secret: false, delegateCap: null,
      });
      await sql`update gov_proposals set state = 'voting', opens_at = now(), closes_at = now() + interval '1 hour' where id = ${p.id}`;
      return p.id;
    };
    console.log(`seeded ${fmt(MEMBERS)} members in ${fmt((performance.now() - t) / 1000, 1)} s`);

    // Ballots through the API: voters with tokens, each casting then changing a ballot.
    const voters = ids.slice(0, API_VOTERS);
    const users = await sql<{ id: string }[]>`insert into users (account_id, email, password_hash) select id, id || '@b.test', 'x' from unnest(${voters}::bigint[]) id returning id`;
    const tokens = voters.map(() => randomToken());
    await sql`insert into oauth_tokens (token_hash, user_id, scopes) select h, u, '{read,write}' from unnest(${tokens.map(sha256)}::text[], ${users.map((u) => u.id)}::bigint[]) t(h, u)`;
    const apiVote = await open();
    const cast = await loopLoad({
      concurrency: 20,
      seconds: 10,
      task: async (i) => {
        const response = await instance.app.request(`http://stoa.bench/api/stoa/v1/proposals/${apiVote}/ballot`, {
          method: "POST", headers: { authorization: `Bearer ${tokens[i % tokens.length]}`, "content-type": "application/json" },
          body: JSON.stringify({ ballot: { choice: i % 3 ? "yes" : "no" } }),
        });
        if (response.status !== 200) throw new Error(`ballot answered ${response.status}`);
      },
    });
    console.log(`ballots cast or changed through the API (20 at once): ${fmt(cast.perSecond)} /s, p50 ${fmt(cast.p50, 1)} ms, p99 ${fmt(cast.p99, 1)} ms`);

    // Closing a large liquid vote.
    const big = await open();
    const voterIds = ids.slice(0, BALLOTS);
    await sql`insert into gov_voters (proposal_id, account_id) select ${big}, unnest(${voterIds}::bigint[])`;
    await sql`insert into gov_ballots (proposal_id, voter_id, receipt_hash, ballot)
      select ${big}, v, md5(v::text), case when random() < 0.55 then '{"choice":"yes"}'::jsonb else '{"choice":"no"}'::jsonb end from unnest(${voterIds}::bigint[]) v`;
    const trusters = ids.slice(BALLOTS, BALLOTS + DELEGATIONS);
    const trustees = trusters.map((_, i) => ids[(i * 7919) % (BALLOTS + DELEGATIONS)]!).map((to, i) => (to === trusters[i] ? ids[0]! : to));
    await sql`insert into gov_delegations (truster_id, trustee_id) select * from unnest(${trusters}::bigint[], ${trustees}::bigint[])`;
    await sql`update gov_proposals set closes_at = now() where id = ${big}`;
    t = performance.now();
    await closeProposal(instance.ctx, big);
    const closedIn = (performance.now() - t) / 1000;
    const [result] = await sql<{ result: string }[]>`select result::text as result from gov_proposals where id = ${big}`;
    const participation = JSON.parse(result!.result).participation;
    console.log(`close of a liquid vote (${fmt(MEMBERS)} members, ${fmt(BALLOTS)} ballots, ${fmt(DELEGATIONS)} delegations): ${fmt(closedIn, 2)} s (counted ${fmt(participation.counted)}, lost ${fmt(participation.lost)})`);
  } finally {
    await instance.close();
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
