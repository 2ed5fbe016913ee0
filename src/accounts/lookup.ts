import type { Db } from "../db/database.ts";
import { isId } from "../lib/ids.ts";
import { notFound } from "../lib/errors.ts";
import { findAccount, type AccountRow } from "./queries.ts";

/** Loads an account that others may see and act on: 404 when the id is unknown, malformed or suspended. */
export async function requireAvailableAccount(db: Db, id: string): Promise<AccountRow> {
  const account = isId(id) ? await findAccount(db, id) : null;
  if (!account || account.suspendedAt) throw notFound();
  return account;
}
