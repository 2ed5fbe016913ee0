import type { AppContext } from "../context.ts";
import type { Db } from "../db/database.ts";
import { unprocessable } from "../lib/errors.ts";
import { generateActorKeys } from "./keys.ts";
import { hashPassword } from "./passwords.ts";
import { localActorUrls } from "./urls.ts";

export const USERNAME_PATTERN = /^[a-z0-9_]{1,30}$/i;
const RESERVED = new Set(["admin", "administrator", "root", "stoa", "instance", "actor", "support", "help", "about", "api", "oauth", "settings", "users", "system", "well-known"]);

export interface Registration {
  username: string;
  email: string;
  password: string;
  locale?: string | undefined;
  reason?: string | undefined;
  role?: "owner" | "admin" | "moderator" | "user" | undefined;
  /** Skip the registration-mode check (admin CLI, invites). */
  bypassMode?: boolean | undefined;
}

export interface RegisteredUser {
  userId: string;
  accountId: string;
  approved: boolean;
  role: string;
}

/**
 * Creates a local account and its user. The first account of a fresh instance becomes its
 * owner. Registration modes: `open`, `approval` (held until an admin approves), `closed`.
 */
export async function registerUser(ctx: AppContext, input: Registration): Promise<RegisteredUser> {
  const username = input.username.trim();
  const email = input.email.trim().toLowerCase();
  const errors: Record<string, string> = {};
  if (!USERNAME_PATTERN.test(username)) errors.username = "must contain only letters, numbers and underscores (at most 30)";
  else if (RESERVED.has(username.toLowerCase())) errors.username = "is reserved";
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320) errors.email = "is invalid";
  if (input.password.length < 8 || input.password.length > 72) errors.password = "must be 8 to 72 characters long";
  if (Object.keys(errors).length > 0) throw unprocessable(describe(errors), errorDetails(errors));

  const keys = await generateActorKeys();
  const passwordHash = await hashPassword(input.password);
  return ctx.sql.begin(async (tx) => {
    // Serialise registrations so that exactly one first user becomes the owner.
    await tx`select pg_advisory_xact_lock(7301002)`;
    const [taken] = await tx`
      select (select count(*) from accounts where domain is null and lower(username) = lower(${username}))::int as username,
             (select count(*) from users where lower(email) = ${email})::int as email,
             (select count(*) from users)::int as users`;
    if (taken!.username > 0) errors.username = "is already taken";
    if (taken!.email > 0) errors.email = "is already taken";
    if (Object.keys(errors).length > 0) throw unprocessable(describe(errors), errorDetails(errors, "ERR_TAKEN"));
    const first = taken!.users === 0;
    const mode = ctx.config.registrations;
    if (!first && !input.bypassMode && (mode === "closed" || mode === "invite")) {
      throw unprocessable("registrations are closed on this instance");
    }
    const role = first ? "owner" : (input.role ?? "user");
    const approved = first || input.bypassMode === true || mode !== "approval";
    const accountId = await insertAccount(tx, ctx.config.origin, username, keys);
    const [user] = await tx<{ id: string }[]>`
      insert into users (account_id, email, password_hash, role, approved, locale, reason, confirmed_at)
      values (${accountId}, ${email}, ${passwordHash}, ${role}, ${approved}, ${input.locale ?? "en"}, ${input.reason ?? null}, now())
      returning id`;
    return { userId: user!.id, accountId, approved, role };
  });
}

async function insertAccount(tx: Db, origin: string, username: string, keys: Awaited<ReturnType<typeof generateActorKeys>>): Promise<string> {
  const urls = localActorUrls(origin, username);
  const [row] = await tx<{ id: string }[]>`
    insert into accounts ${tx({
      username,
      domain: null,
      uri: urls.uri,
      url: urls.url,
      inboxUrl: urls.inbox,
      sharedInboxUrl: urls.sharedInbox,
      outboxUrl: urls.outbox,
      followersUrl: urls.followers,
      featuredUrl: urls.featured,
      publicKeyPem: keys.publicKeyPem,
      privateKeyPem: keys.privateKeyPem,
      ed25519PublicJwk: keys.ed25519PublicJwk as never,
      ed25519PrivateJwk: keys.ed25519PrivateJwk as never,
    })}
    returning id`;
  return row!.id;
}

function describe(errors: Record<string, string>): string {
  return Object.entries(errors).map(([field, message]) => `${field[0]!.toUpperCase()}${field.slice(1)} ${message}`).join(", ");
}

function errorDetails(errors: Record<string, string>, code = "ERR_INVALID") {
  return Object.fromEntries(Object.entries(errors).map(([field, description]) => [field, [{ error: code, description }]]));
}
