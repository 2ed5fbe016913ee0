import type { Db } from "../db/database.ts";
import { DUMMY_HASH, verifyPassword } from "./passwords.ts";

export interface LoginResult {
  userId: string;
  accountId: string;
}

/**
 * Checks credentials given as an email address or a local username. Unknown users cost the
 * same time as wrong passwords. Disabled, unapproved and suspended users cannot log in.
 */
export async function checkCredentials(db: Db, login: string, password: string): Promise<LoginResult | null> {
  const id = login.trim().replace(/^@/, "");
  const [row] = await db<{ userId: string; accountId: string; passwordHash: string; canLogIn: boolean }[]>`
    select u.id as user_id, u.account_id, u.password_hash,
           (not u.disabled and u.approved and a.suspended_at is null) as can_log_in
    from users u join accounts a on a.id = u.account_id
    where lower(u.email) = lower(${id}) or (a.domain is null and lower(a.username) = lower(${id}))
    limit 1`;
  const ok = await verifyPassword(row?.passwordHash ?? DUMMY_HASH, password);
  if (!row || !ok || !row.canLogIn) return null;
  await db`update users set last_sign_in_at = now() where id = ${row.userId}`;
  return { userId: row.userId, accountId: row.accountId };
}
