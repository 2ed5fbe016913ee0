import type { AppContext } from "../context.ts";
import type { Db } from "../db/database.ts";
import { unprocessable } from "../lib/errors.ts";
import { acceptAllFollowRequests } from "../social/follow-requests.ts";
import { renderFields, renderNote } from "./profile-text.ts";

export const DISPLAY_NAME_MAX = 30;
export const NOTE_MAX = 500;
export const FIELDS_MAX = 4;
export const FIELD_PART_MAX = 255;

/** Posting defaults kept in `users.settings` (reported as the CredentialAccount's `source`). */
export interface PostingDefaults {
  privacy?: "public" | "unlisted" | "private" | undefined;
  sensitive?: boolean | undefined;
  language?: string | null | undefined;
  quotePolicy?: "public" | "followers" | "nobody" | undefined;
}

/** A profile change; absent members stay as they are. */
export interface ProfileUpdate {
  displayName?: string | undefined;
  note?: string | undefined;
  locked?: boolean | undefined;
  bot?: boolean | undefined;
  discoverable?: boolean | undefined;
  indexable?: boolean | undefined;
  hideCollections?: boolean | undefined;
  fields?: { name: string; value: string }[] | undefined;
  /** A stored file key, or null to remove the image. */
  avatarFileKey?: string | null | undefined;
  headerFileKey?: string | null | undefined;
  source?: PostingDefaults | undefined;
}

/**
 * Updates a local account's profile and posting defaults in one transaction and emits
 * `account.updated`. Unlocking accepts every pending follow request, as Mastodon does.
 */
export async function updateProfile(ctx: AppContext, accountId: string, update: ProfileUpdate): Promise<void> {
  checkLengths(update);
  const noteHtml = update.note === undefined ? undefined : await renderNote(ctx, ctx.sql, update.note);
  const fields = update.fields === undefined ? undefined : await renderFields(ctx, ctx.sql, update.fields);
  const columns = definedOnly({
    displayName: update.displayName?.trim(),
    note: update.note,
    noteHtml,
    fields: fields === undefined ? undefined : ctx.sql.json(fields as never),
    locked: update.locked,
    bot: update.bot,
    discoverable: update.discoverable,
    indexable: update.indexable,
    hideCollections: update.hideCollections,
    avatarFileKey: update.avatarFileKey,
    headerFileKey: update.headerFileKey,
  });
  await ctx.sql.begin(async (tx) => {
    const [before] = await tx<{ locked: boolean }[]>`select locked from accounts where id = ${accountId} for update`;
    await tx`update accounts set ${tx({ ...columns, updatedAt: new Date() })} where id = ${accountId}`;
    await saveDefaults(tx, accountId, update.source);
    if (before?.locked && update.locked === false) await acceptAllFollowRequests(ctx, tx, accountId);
    await ctx.events.emit(tx, "account.updated", { accountId });
  });
}

function checkLengths(u: ProfileUpdate): void {
  const errors: Record<string, { error: string; description: string }[]> = {};
  const tooLong = (field: string, max: number) => (errors[field] = [{ error: "ERR_TOO_LONG", description: `is too long (maximum is ${max} characters)` }]);
  const length = (s: string) => [...s].length;
  if (u.displayName !== undefined && length(u.displayName.trim()) > DISPLAY_NAME_MAX) tooLong("display_name", DISPLAY_NAME_MAX);
  if (u.note !== undefined && length(u.note) > NOTE_MAX) tooLong("note", NOTE_MAX);
  if (u.fields?.some((f) => length(f.name) > FIELD_PART_MAX || length(f.value) > FIELD_PART_MAX)) tooLong("fields", FIELD_PART_MAX);
  if (u.fields && u.fields.filter((f) => f.name.trim() !== "" || f.value.trim() !== "").length > FIELDS_MAX) {
    errors.fields = [{ error: "ERR_TOO_LONG", description: `is too big (maximum is ${FIELDS_MAX} fields)` }];
  }
  if (u.source?.language && !/^[a-z]{2,3}$/.test(u.source.language)) errors["source.language"] = [{ error: "ERR_INVALID", description: "is not a language" }];
  const names = Object.keys(errors);
  if (names.length) throw unprocessable(names.map((n) => `${n} ${errors[n]![0]!.description}`).join(", "), errors);
}

async function saveDefaults(tx: Db, accountId: string, source: PostingDefaults | undefined): Promise<void> {
  if (!source) return;
  const patch = definedOnly({
    default_privacy: source.privacy,
    default_sensitive: source.sensitive,
    default_language: source.language,
    default_quote_policy: source.quotePolicy,
  });
  if (Object.keys(patch).length === 0) return;
  await tx`update users set settings = settings || ${tx.json(patch as never)} where account_id = ${accountId}`;
}

function definedOnly<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
