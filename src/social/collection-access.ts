import type { Db } from "../db/database.ts";
import type { AccountRow } from "../accounts/queries.ts";

/**
 * Whether `viewerId` may see `owner`'s followers and following lists: not when the owner hides
 * them (except from themselves), nor when the owner blocks the viewer.
 */
export async function mayListConnections(db: Db, owner: AccountRow, viewerId: string | null): Promise<boolean> {
  if (viewerId === owner.id) return true;
  if (owner.hideCollections) return false;
  if (!viewerId) return true;
  const [row] = await db<{ blocked: boolean }[]>`
    select exists (select 1 from blocks where account_id = ${owner.id} and target_account_id = ${viewerId}) as blocked`;
  return !row!.blocked;
}
