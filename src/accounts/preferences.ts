import type { Db } from "../db/database.ts";

/** A user's preferences as Mastodon's `GET /api/v1/preferences` names them. */
export interface Preferences {
  "posting:default:visibility": string;
  "posting:default:sensitive": boolean;
  "posting:default:language": string | null;
  "posting:default:quote_policy": string;
  "reading:expand:media": string;
  "reading:expand:spoilers": boolean;
  "reading:autoplay:gifs": boolean;
}

/**
 * Reads the preferences kept in `users.settings`, with Mastodon's defaults for unset ones.
 * Keys are stored snake_case (`default_privacy`) and read camelCase: postgres.camel renames
 * the keys of JSON values too.
 */
export async function readPreferences(db: Db, accountId: string): Promise<Preferences> {
  const [row] = await db<{ settings: Record<string, unknown> }[]>`select settings from users where account_id = ${accountId}`;
  const s = row?.settings ?? {};
  const text = (key: string, fallback: string) => (typeof s[key] === "string" ? (s[key] as string) : fallback);
  const flag = (key: string) => s[key] === true;
  return {
    "posting:default:visibility": text("defaultPrivacy", "public"),
    "posting:default:sensitive": flag("defaultSensitive"),
    "posting:default:language": typeof s.defaultLanguage === "string" ? s.defaultLanguage : null,
    "posting:default:quote_policy": text("defaultQuotePolicy", "public"),
    "reading:expand:media": text("expandMedia", "default"),
    "reading:expand:spoilers": flag("expandSpoilers"),
    "reading:autoplay:gifs": flag("autoplayGifs"),
  };
}
