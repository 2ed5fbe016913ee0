import type { AppContext } from "../../../context.ts";
import { effectivePolicy, quoteDecision } from "../../../statuses/quotes.ts";

/** A status's quote, as `loadStatuses` embeds it. */
export interface QuoteRow {
  state: string;
  quotedStatusId: string | null;
}

interface Quoting {
  id: string;
  quoteRow: QuoteRow | null;
}

/** Mastodon's QuoteApproval: who may quote a status, and what that means for the viewer. */
export function serializeQuoteApproval(s: { accountId: string; visibility: string; quotePolicy: string }, viewerId: string | null, viewerFollowsAuthor: boolean) {
  const policy = effectivePolicy(s);
  return {
    automatic: policy === "nobody" ? [] : [policy],
    // Local authors decide by policy alone, so nothing waits for a manual review.
    manual: [],
    current_user: quoteDecision(s, viewerId, viewerFollowsAuthor),
  };
}

/**
 * The `quote` of each status that has one, by status id. Accepted quotes embed the quoted
 * status as the viewer may see it (rendered by `nested`, whose own quotes are shallow); a
 * quoted status the viewer can't see becomes a placeholder whose state says why.
 */
export async function serializeQuotes(
  ctx: AppContext, viewerId: string | null, statuses: Quoting[], nested: ((ids: string[]) => Promise<Record<string, unknown>[]>) | null,
): Promise<Map<string, Record<string, unknown>>> {
  const quoting = statuses.filter((s): s is Quoting & { quoteRow: QuoteRow } => s.quoteRow !== null);
  const result = new Map<string, Record<string, unknown>>();
  if (quoting.length === 0) return result;
  const acceptedIds = [...new Set(quoting.filter((s) => s.quoteRow.state === "accepted" && s.quoteRow.quotedStatusId).map((s) => s.quoteRow.quotedStatusId!))];
  const rendered = new Map((nested && acceptedIds.length ? await nested(acceptedIds) : []).map((s) => [s.id as string, s]));
  const why = await hiddenReasons(ctx, viewerId, acceptedIds);
  for (const s of quoting) {
    const { state, quotedStatusId } = s.quoteRow;
    let shown = state === "accepted" ? why.get(quotedStatusId ?? "") ?? "accepted" : state;
    // Visible by the rules above, yet not rendered (its author was suspended, say).
    if (nested && shown === "accepted" && !rendered.has(quotedStatusId!)) shown = "unauthorized";
    const visible = shown === "accepted" || shown === "muted_account";
    if (!nested) result.set(s.id, { state: shown, quoted_status_id: visible ? quotedStatusId : null });
    else result.set(s.id, { state: shown, quoted_status: visible ? rendered.get(quotedStatusId!) ?? null : null });
  }
  return result;
}

/** For accepted quotes the viewer may not (fully) see: deleted, blocked either way, or muted. */
async function hiddenReasons(ctx: AppContext, viewerId: string | null, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const viewer = viewerId ?? "0";
  const rows = await ctx.sql<{ id: string; deleted: boolean; blocked: boolean; muted: boolean; hidden: boolean }[]>`
    select s.id, s.deleted_at is not null as deleted,
      exists (select 1 from blocks b where (b.account_id = ${viewer} and b.target_account_id = s.account_id)
                                      or (b.account_id = s.account_id and b.target_account_id = ${viewer})) as blocked,
      exists (select 1 from mutes m where m.account_id = ${viewer} and m.target_account_id = s.account_id
                                     and (m.expires_at is null or m.expires_at > now())) as muted,
      not (s.visibility in ('public', 'unlisted') or s.account_id = ${viewer}
           or (s.visibility = 'private' and exists (select 1 from follows f where f.account_id = ${viewer} and f.target_account_id = s.account_id))) as hidden
    from statuses s where s.id = any(${ids}::bigint[])`;
  const reasons = new Map<string, string>(ids.map((id) => [id, "deleted"]));
  for (const r of rows) {
    if (r.deleted) continue;
    if (r.blocked) reasons.set(r.id, "blocked_account");
    else if (r.hidden) reasons.set(r.id, "unauthorized");
    else if (r.muted) reasons.set(r.id, "muted_account");
    else reasons.delete(r.id);
  }
  return reasons;
}
