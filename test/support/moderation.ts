import { createUser, type TestInstance, type TestUser } from "./instance.ts";

/** The named people of a moderation test: a moderator, a reported troll, two reporters, and eligible members. */
export interface ModerationCommunity {
  mod: TestUser;
  troll: TestUser;
  ada: TestUser;
  bob: TestUser;
  /** Everyone by account id, to map drawn jurors back to their tokens. */
  users: Map<string, TestUser>;
}

/**
 * Seeds a community whose accounts are old enough to sit on juries: the named people and
 * `members` more (`member0`, `member1`, …).
 */
export async function seedModerationCommunity(stoa: TestInstance, members: number): Promise<ModerationCommunity> {
  const mod = await createUser(stoa, "mod", { role: "moderator" });
  const troll = await createUser(stoa, "troll");
  const ada = await createUser(stoa, "ada");
  const bob = await createUser(stoa, "bob");
  const users = new Map<string, TestUser>();
  for (const u of [mod, troll, ada, bob]) users.set(u.accountId, u);
  for (let i = 0; i < members; i++) {
    const u = await createUser(stoa, `member${i}`);
    users.set(u.accountId, u);
  }
  await stoa.ctx.sql`update accounts set created_at = now() - interval '60 days'`;
  return { mod, troll, ada, bob, users };
}

/** The current, present jurors of a case, in draw order. */
export async function juryOf(stoa: TestInstance, users: Map<string, TestUser>, caseId: string): Promise<TestUser[]> {
  const rows = await stoa.ctx.sql<{ accountId: string }[]>`
    select account_id from case_jurors where case_id = ${caseId} and not absent order by position`;
  return rows.map((r) => users.get(r.accountId)!);
}
