import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { createApp, findApp, isValidRedirectUri, type OAuthApp } from "../../oauth/apps.ts";
import { notFound, unprocessable } from "../../lib/errors.ts";
import { readParams, validate, zList } from "../http/params.ts";
import { tokenRequired } from "../http/auth.ts";
import { parseScopes } from "../http/scopes.ts";
import type { Env } from "../http/env.ts";

const appSchema = z.object({
  client_name: z.string().trim().min(1).max(60),
  redirect_uris: z.union([z.string().min(1).max(2000), zList(z.string().min(1).max(2000))]),
  scopes: z.string().max(1000).optional(),
  website: z.string().max(2000).optional().nullable(),
});

/** Mastodon's Application entity. */
export function serializeApp(app: OAuthApp, withSecret: boolean) {
  return {
    id: app.id,
    name: app.name,
    website: app.website,
    scopes: app.scopes,
    redirect_uri: app.redirectUris.join("\n"),
    redirect_uris: app.redirectUris,
    vapid_key: "",
    ...(withSecret ? { client_id: app.clientId, client_secret: app.clientSecret, client_secret_expires_at: 0 } : {}),
  };
}

/** `POST /api/v1/apps`, `GET /api/v1/apps/verify_credentials`. */
export function appRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();

  app.post("/api/v1/apps", async (c) => {
    const p = validate(appSchema, await readParams(c));
    const redirectUris = (Array.isArray(p.redirect_uris) ? p.redirect_uris : p.redirect_uris.split(/\s+/)).filter(Boolean);
    if (redirectUris.length === 0 || !redirectUris.every(isValidRedirectUri)) throw unprocessable("Redirect URI must be an absolute URI.");
    const scopes = parseScopes(p.scopes);
    if (!scopes) throw unprocessable("Scopes are invalid");
    const website = p.website ? p.website : null;
    const created = await createApp(ctx.sql, { name: p.client_name, website, redirectUris, scopes });
    return c.json(serializeApp(created, true));
  });

  app.get("/api/v1/apps/verify_credentials", tokenRequired(ctx, { allowApp: true }), async (c) => {
    const appId = c.get("auth")!.appId;
    const found = appId ? await findApp(ctx.sql, appId) : null;
    if (!found) throw notFound();
    return c.json(serializeApp(found, false));
  });

  return app;
}
