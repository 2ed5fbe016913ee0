import { findAccounts, type AccountRow } from "../../../accounts/queries.ts";
import type { AppContext } from "../../../context.ts";
import { serializeAccount } from "./account.ts";
import { attachEmojis } from "./emoji.ts";

/**
 * Serializes accounts by id in the order given (batch loaded, `moved` included), skipping ids
 * that are unknown or suspended.
 */
export async function serializeAccountsById(ctx: AppContext, ids: readonly string[]): Promise<Record<string, unknown>[]> {
  const rows = await findAccounts(ctx.sql, ids);
  const movedIds = [...rows.values()].flatMap((r) => (r.movedToAccountId ? [r.movedToAccountId] : []));
  const moved = await findAccounts(ctx.sql, movedIds);
  return attachEmojis(ctx, ids.flatMap((id) => {
    const row = rows.get(id);
    if (!row || row.suspendedAt) return [];
    return [serializeWithMoved(ctx, row, moved)];
  }));
}

/** One account, with its `moved` target when it has one. */
export async function serializeAccountRow(ctx: AppContext, row: AccountRow): Promise<Record<string, unknown>> {
  const moved = await findAccounts(ctx.sql, row.movedToAccountId ? [row.movedToAccountId] : []);
  return attachEmojis(ctx, serializeWithMoved(ctx, row, moved));
}

function serializeWithMoved(ctx: AppContext, row: AccountRow, moved: Map<string, AccountRow>): Record<string, unknown> {
  const target = row.movedToAccountId ? moved.get(row.movedToAccountId) : undefined;
  return serializeAccount(ctx, row, target && !target.suspendedAt ? serializeAccount(ctx, target) : null);
}
