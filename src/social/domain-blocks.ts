import type { AppContext } from "../context.ts";
import type { Db } from "../db/database.ts";
import { unprocessable } from "../lib/errors.ts";
import { deleteFollow } from "./follow-rows.ts";

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/;

/** Normalises a user-entered domain (`Example.COM`, `https://example.com/`) or throws 422. */
export function normalizeDomain(input: string, localDomain: string): string {
  let domain = input.trim().toLowerCase();
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//.test(domain)) domain = new URL(domain).host;
  } catch {
    throw unprocessable("Domain is invalid", { domain: [{ error: "ERR_INVALID", description: "is invalid" }] });
  }
  domain = domain.replace(/\/+$/, "");
  if (!HOSTNAME.test(domain)) throw unprocessable("Domain is invalid", { domain: [{ error: "ERR_INVALID", description: "is invalid" }] });
  if (domain === localDomain.toLowerCase()) throw unprocessable("Domain cannot be this server's own domain");
  return domain;
}

/**
 * Hides a whole domain from the user: stops following its accounts and removes its accounts
 * from the user's followers, as Mastodon does.
 */
export async function blockDomain(ctx: AppContext, accountId: string, input: string): Promise<void> {
  const domain = normalizeDomain(input, ctx.config.domain);
  await ctx.sql.begin(async (tx) => {
    await tx`
      insert into account_domain_blocks (account_id, domain) values (${accountId}, ${domain})
      on conflict (account_id, domain) do nothing`;
    for (const other of await accountsOfDomainFollowing(tx, accountId, domain, "following")) await deleteFollow(ctx, tx, accountId, other);
    for (const other of await accountsOfDomainFollowing(tx, accountId, domain, "followers")) await deleteFollow(ctx, tx, other, accountId);
    await tx`
      delete from follow_requests fr using accounts a
      where a.id = fr.target_account_id and fr.account_id = ${accountId} and lower(a.domain) = ${domain}`;
  });
}

/** Lifts a domain block; unknown domains are fine. */
export async function unblockDomain(ctx: AppContext, accountId: string, input: string): Promise<void> {
  const domain = normalizeDomain(input, ctx.config.domain);
  await ctx.sql`delete from account_domain_blocks where account_id = ${accountId} and domain = ${domain}`;
}

async function accountsOfDomainFollowing(tx: Db, accountId: string, domain: string, direction: "following" | "followers"): Promise<string[]> {
  const rows = direction === "following"
    ? await tx<{ id: string }[]>`
        select a.id from follows f join accounts a on a.id = f.target_account_id
        where f.account_id = ${accountId} and lower(a.domain) = ${domain}`
    : await tx<{ id: string }[]>`
        select a.id from follows f join accounts a on a.id = f.account_id
        where f.target_account_id = ${accountId} and lower(a.domain) = ${domain}`;
  return rows.map((r) => r.id);
}
