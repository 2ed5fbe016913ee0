import type { Db } from "../db/database.ts";
import { randomToken } from "../lib/crypto.ts";

export interface OAuthApp {
  id: string;
  name: string;
  website: string | null;
  redirectUris: string[];
  scopes: string[];
  clientId: string;
  clientSecret: string;
}

export const OOB_REDIRECT = "urn:ietf:wg:oauth:2.0:oob";

/** Registers an OAuth client application. */
export async function createApp(db: Db, input: { name: string; website: string | null; redirectUris: string[]; scopes: string[] }): Promise<OAuthApp> {
  const [row] = await db<OAuthApp[]>`
    insert into oauth_apps (name, website, redirect_uris, scopes, client_id, client_secret)
    values (${input.name}, ${input.website}, ${input.redirectUris}, ${input.scopes}, ${randomToken(32)}, ${randomToken(32)})
    returning id, name, website, redirect_uris, scopes, client_id, client_secret`;
  return row!;
}

export async function findAppByClientId(db: Db, clientId: string): Promise<OAuthApp | null> {
  const [row] = await db<OAuthApp[]>`
    select id, name, website, redirect_uris, scopes, client_id, client_secret from oauth_apps where client_id = ${clientId}`;
  return row ?? null;
}

export async function findApp(db: Db, id: string): Promise<OAuthApp | null> {
  const [row] = await db<OAuthApp[]>`
    select id, name, website, redirect_uris, scopes, client_id, client_secret from oauth_apps where id = ${id}`;
  return row ?? null;
}

/** A redirect URI is acceptable if it is absolute, or the out-of-band marker, and carries no fragment. */
export function isValidRedirectUri(uri: string): boolean {
  if (uri === OOB_REDIRECT) return true;
  try {
    const u = new URL(uri);
    return u.hash === "" && !["javascript:", "data:", "vbscript:", "file:"].includes(u.protocol);
  } catch {
    return false;
  }
}
