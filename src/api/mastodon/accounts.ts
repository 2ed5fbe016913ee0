import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { registerUser } from "../../accounts/registration.ts";
import { findAccount } from "../../accounts/queries.ts";
import { issueToken } from "../../oauth/tokens.ts";
import { ApiError, notFound, unprocessable } from "../../lib/errors.ts";
import { readParams, validate, zBool } from "../http/params.ts";
import { scopeRequired, tokenRequired, viewerId } from "../http/auth.ts";
import type { Env } from "../http/env.ts";
import { serializeToken } from "./entities/token.ts";
import { serializeAccount } from "./entities/account.ts";
import { attachEmojis } from "./entities/emoji.ts";

const registerSchema = z.object({
  username: z.string().max(30),
  email: z.string().max(320),
  password: z.string().max(72),
  agreement: zBool,
  locale: z.string().max(16).optional(),
  reason: z.string().max(500).optional(),
});

/** The CredentialAccount entity: the Account plus its source and role. */
export async function credentialAccount(ctx: AppContext, accountId: string) {
  const account = await findAccount(ctx.sql, accountId);
  if (!account) throw notFound();
  const [user] = await ctx.sql<{ role: string; settings: Record<string, unknown>; pending: number }[]>`
    select u.role, u.settings,
      (select count(*) from follow_requests where target_account_id = ${accountId})::int as pending
    from users u where u.account_id = ${accountId}`;
  const settings = user?.settings ?? {};
  return attachEmojis(ctx, {
    ...serializeAccount(ctx, account),
    source: {
      privacy: settings.defaultPrivacy ?? "public",
      sensitive: settings.defaultSensitive ?? false,
      language: settings.defaultLanguage ?? null,
      note: account.note,
      fields: account.fields.map((f) => ({ name: f.name, value: f.value, verified_at: f.verifiedAt ?? null })),
      follow_requests_count: user?.pending ?? 0,
      hide_collections: account.hideCollections,
      discoverable: account.discoverable,
      indexable: account.indexable,
      attribution_domains: [],
      quote_policy: settings.defaultQuotePolicy ?? "public",
    },
    role: { id: roleId(user?.role), name: user?.role ?? "user", permissions: rolePermissions(user?.role), color: "", highlighted: user?.role !== "user" },
  });
}

function roleId(role: string | undefined): string {
  return { owner: "3", admin: "2", moderator: "1" }[role ?? ""] ?? "-99";
}

function rolePermissions(role: string | undefined): string {
  // Mastodon's permission bit field: administrator (0x1) for owners and admins, manage_reports (0x10) for moderators.
  return { owner: "1", admin: "1", moderator: "16" }[role ?? ""] ?? "0";
}

/** Registration and the caller's own account. */
export function accountCoreRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();

  app.post("/api/v1/accounts", tokenRequired(ctx, { allowApp: true }), scopeRequired("write:accounts"), async (c) => {
    const p = validate(registerSchema, await readParams(c));
    if (!p.agreement) throw unprocessable("Agreement must be accepted", { agreement: [{ error: "ERR_ACCEPTED", description: "must be accepted" }] });
    const user = await registerUser(ctx, { username: p.username, email: p.email, password: p.password, locale: p.locale, reason: p.reason });
    if (!user.approved) throw new ApiError(403, "Your login is currently pending approval");
    const auth = c.get("auth")!;
    const token = await issueToken(ctx.sql, { appId: auth.appId, userId: user.userId, scopes: auth.scopes });
    return c.json(serializeToken(token));
  });

  app.get("/api/v1/accounts/verify_credentials", tokenRequired(ctx), scopeRequired("read:accounts", "profile"), async (c) => {
    return c.json(await credentialAccount(ctx, viewerId(c)));
  });

  return app;
}
