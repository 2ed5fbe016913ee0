import type { AppContext } from "../context.ts";
import type { Db, Tx } from "../db/database.ts";
import { forbidden, notFound } from "../lib/errors.ts";
import { createNotification } from "../notifications/notify.ts";
import { visibleStatusFilter } from "./visibility.ts";

/**
 * Quote posts (Mastodon 4.5). A quote is a row in `quotes` with a state:
 *
 *   local quoted author:  accepted at creation when the policy allows, else the post is refused (403)
 *   remote quoted author: pending → accepted | rejected, by a FEP-044f QuoteAuthorization or Reject
 *   accepted → revoked    when the quoted author revokes it
 *
 * Federation plugs in here: it listens to `quote.requested` `{ statusId }` (send a QuoteRequest)
 * and `quote.revoked` `{ statusId, quotedStatusId }` (delete the QuoteAuthorization), and calls
 * `answerQuote` on an answer. Every change of state also emits `status.updated` for the quoting status.
 */

export type QuotePolicy = "public" | "followers" | "nobody";
export type QuoteState = "pending" | "accepted" | "rejected" | "revoked" | "unauthorized";
/** How a status's policy applies to one viewer (Mastodon's `QuoteApproval.current_user`). */
export type QuoteDecision = "automatic" | "manual" | "denied" | "unknown";

interface Quotable {
  accountId: string;
  visibility: string;
  quotePolicy: string;
}

/** The policy in force: others can never quote private or direct posts, whatever was set. */
export function effectivePolicy(status: Pick<Quotable, "visibility" | "quotePolicy">): QuotePolicy {
  if (status.visibility === "private" || status.visibility === "direct") return "nobody";
  return status.quotePolicy as QuotePolicy;
}

/** Whether `viewerId` may quote `status`; authors may quote their own posts except direct ones. */
export function quoteDecision(status: Quotable, viewerId: string | null, viewerFollowsAuthor: boolean): QuoteDecision {
  if (!viewerId) return "unknown";
  if (status.visibility === "direct") return "denied";
  if (status.accountId === viewerId) return "automatic";
  const policy = effectivePolicy(status);
  if (policy === "public" || (policy === "followers" && viewerFollowsAuthor)) return "automatic";
  return "denied";
}

/** The status a new post quotes, after the checks that it may be quoted. */
export interface QuoteTarget {
  statusId: string;
  accountId: string;
  local: boolean;
  visibility: string;
}

/**
 * Resolves the status `accountId` wants to quote (a boost stands for the boosted post):
 * 404 when they can't see it, 403 when its author's policy refuses them.
 */
export async function quoteTarget(db: Db, accountId: string, quotedStatusId: string): Promise<QuoteTarget> {
  const [row] = await db<(QuoteTarget & { quotePolicy: string; follows: boolean })[]>`
    select s.id as status_id, s.account_id, s.visibility, s.quote_policy, a.domain is null as local,
      exists (select 1 from follows f where f.account_id = ${accountId} and f.target_account_id = s.account_id) as follows
    from statuses s join accounts a on a.id = s.account_id
    where s.id = coalesce((select r.reblog_of_id from statuses r where r.id = ${quotedStatusId}), ${quotedStatusId})
      and ${visibleStatusFilter(db, accountId)}`;
  if (!row) throw notFound();
  if (quoteDecision(row, accountId, row.follows) === "denied") throw forbidden("You are not allowed to quote this post");
  return { statusId: row.statusId, accountId: row.accountId, local: row.local, visibility: row.visibility };
}

/** Quoting a private post (only its author may) keeps the quote as private. */
export function quotingVisibility<V extends string>(requested: V, target: QuoteTarget): V | "private" {
  return target.visibility === "private" && (requested === "public" || requested === "unlisted") ? "private" : requested;
}

/**
 * Records the quote of a new status in its transaction: local authors are decided already
 * (accepted, counted, notified); remote ones wait for their answer (`quote.requested`).
 */
export async function attachQuote(ctx: AppContext, tx: Tx, statusId: string, accountId: string, target: QuoteTarget): Promise<void> {
  const state: QuoteState = target.local || target.accountId === accountId ? "accepted" : "pending";
  await tx`
    insert into quotes (status_id, account_id, quoted_status_id, quoted_account_id, state)
    values (${statusId}, ${accountId}, ${target.statusId}, ${target.accountId}, ${state})`;
  if (state === "accepted") await accepted(tx, statusId, accountId, target.statusId, target.accountId);
  else await ctx.events.emit(tx, "quote.requested", { statusId });
}

async function accepted(tx: Tx, statusId: string, accountId: string, quotedStatusId: string, quotedAccountId: string) {
  await tx`update statuses set quotes_count = quotes_count + 1 where id = ${quotedStatusId}`;
  await createNotification(tx, { accountId: quotedAccountId, fromAccountId: accountId, type: "quote", statusId });
}

/** Federation's seam: the quoted (remote) author accepted or rejected a pending quote. */
export async function answerQuote(ctx: AppContext, tx: Tx, quotingStatusId: string, answer: "accepted" | "rejected", approvalUri: string | null): Promise<void> {
  const [row] = await tx<{ accountId: string; quotedStatusId: string; quotedAccountId: string }[]>`
    update quotes set state = ${answer}, approval_uri = ${approvalUri}, updated_at = now()
    where status_id = ${quotingStatusId} and state = 'pending'
    returning account_id, quoted_status_id, quoted_account_id`;
  if (!row) return;
  if (answer === "accepted") await accepted(tx, quotingStatusId, row.accountId, row.quotedStatusId, row.quotedAccountId);
  // The quoting status now renders differently: streams show it again (`status.update`).
  await ctx.events.emit(tx, "status.updated", { statusId: quotingStatusId });
}

/** The quoted author detaches their post from a quote of it; 404 unless it is theirs and accepted. */
export async function revokeQuote(ctx: AppContext, authorId: string, quotedStatusId: string, quotingStatusId: string): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    const [row] = await tx`
      update quotes set state = 'revoked', updated_at = now()
      where status_id = ${quotingStatusId} and quoted_status_id = ${quotedStatusId} and quoted_account_id = ${authorId}
        and state = 'accepted'
      returning id`;
    if (!row) throw notFound();
    await tx`update statuses set quotes_count = greatest(quotes_count - 1, 0) where id = ${quotedStatusId}`;
    await ctx.events.emit(tx, "quote.revoked", { statusId: quotingStatusId, quotedStatusId });
    await ctx.events.emit(tx, "status.updated", { statusId: quotingStatusId });
  });
}

/** Changes who may quote the author's own status from now on (past quotes stay). */
export async function setQuotePolicy(ctx: AppContext, accountId: string, statusId: string, policy: QuotePolicy): Promise<void> {
  const rows = await ctx.sql`
    update statuses set quote_policy = ${policy}, updated_at = now()
    where id = ${statusId} and account_id = ${accountId} and deleted_at is null and reblog_of_id is null returning id`;
  if (rows.length === 0) throw notFound();
}

/** Tells the authors of accepted quotes of an edited status (`quoted_update`, on their quote). */
export async function notifyQuoters(tx: Tx, statusId: string, authorId: string): Promise<void> {
  const quotes = await tx<{ statusId: string; accountId: string }[]>`
    select q.status_id, q.account_id from quotes q join statuses s on s.id = q.status_id
    where q.quoted_status_id = ${statusId} and q.state = 'accepted' and s.deleted_at is null`;
  for (const q of quotes) await createNotification(tx, { accountId: q.accountId, fromAccountId: authorId, type: "quoted_update", statusId: q.statusId });
}

/** A deleted quoting status no longer counts among the quotes of the status it quoted. */
export async function releaseQuote(tx: Tx, statusId: string): Promise<void> {
  const [row] = await tx<{ quotedStatusId: string }[]>`
    select quoted_status_id from quotes where status_id = ${statusId} and state = 'accepted' and quoted_status_id is not null`;
  if (row) await tx`update statuses set quotes_count = greatest(quotes_count - 1, 0) where id = ${row.quotedStatusId}`;
}
