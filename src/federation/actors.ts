import { createPrivateKey, createPublicKey, type JsonWebKey } from "node:crypto";
import { importJwk, type Federation } from "@fedify/fedify";
import { Endpoints, Image, Person, PropertyValue, Service } from "@fedify/vocab";
import { Temporal } from "@js-temporal/polyfill";
import type { AppContext } from "../context.ts";
import { mediaUrl } from "../api/mastodon/entities/account.ts";
import { localActorUrls } from "../accounts/urls.ts";

interface LocalActorRow {
  id: string;
  username: string;
  displayName: string;
  noteHtml: string;
  fields: { name: string; valueHtml?: string; value: string }[];
  locked: boolean;
  bot: boolean;
  discoverable: boolean;
  indexable: boolean;
  avatarFileKey: string | null;
  headerFileKey: string | null;
  alsoKnownAs: string[];
  createdAt: Date;
}

/** HTTP Signatures use RSA PKCS#1 v1.5 with SHA-256, as every fediverse server expects. */
const rsa = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };

interface KeyRow {
  publicKeyPem: string;
  privateKeyPem: string;
  ed25519PublicJwk: JsonWebKey | null;
  ed25519PrivateJwk: JsonWebKey | null;
}

/** Fedify's runtime Temporal is the polyfill; its declared types are the (newer) built-in ones. */
function instant(date: Date): never {
  return Temporal.Instant.fromEpochMilliseconds(date.getTime()) as never;
}

/** Local, active accounts are actors; suspended ones are not served. */
async function findLocalActor(ctx: AppContext, username: string): Promise<LocalActorRow | undefined> {
  const [row] = await ctx.sql<LocalActorRow[]>`
    select id, username, display_name, note_html, fields, locked, bot, discoverable, indexable,
           avatar_file_key, header_file_key, also_known_as, created_at
    from accounts where domain is null and lower(username) = lower(${username}) and suspended_at is null`;
  return row;
}

/** Registers the Person dispatcher (with its RSA and Ed25519 keys) and the inbox routes. */
export function registerActors(federation: Federation<AppContext>): void {
  federation
    .setActorDispatcher("/users/{identifier}", async (fctx, identifier) => {
      const ctx = fctx.data;
      const row = await findLocalActor(ctx, identifier);
      if (!row || row.username !== identifier) return null;
      const urls = localActorUrls(ctx.config.origin, row.username);
      const keys = await fctx.getActorKeyPairs(identifier);
      const Type = row.bot ? Service : Person;
      return new Type({
        id: fctx.getActorUri(identifier),
        preferredUsername: row.username,
        name: row.displayName,
        summary: row.noteHtml,
        url: new URL(urls.url),
        published: instant(row.createdAt),
        manuallyApprovesFollowers: row.locked,
        discoverable: row.discoverable,
        indexable: row.indexable,
        inbox: fctx.getInboxUri(identifier),
        endpoints: new Endpoints({ sharedInbox: fctx.getInboxUri() }),
        outbox: new URL(urls.outbox),
        followers: fctx.getFollowersUri(identifier),
        following: fctx.getFollowingUri(identifier),
        featured: new URL(urls.featured),
        aliases: row.alsoKnownAs.map((uri) => new URL(uri)),
        attachments: row.fields.map((f) => new PropertyValue({ name: f.name, value: f.valueHtml ?? f.value })),
        icon: row.avatarFileKey ? new Image({ url: new URL(mediaUrl(ctx.config.origin, row.avatarFileKey)) }) : null,
        image: row.headerFileKey ? new Image({ url: new URL(mediaUrl(ctx.config.origin, row.headerFileKey)) }) : null,
        publicKey: keys[0]?.cryptographicKey ?? null,
        assertionMethods: keys.map((k) => k.multikey),
      });
    })
    .mapHandle(async (fctx, username) => (await findLocalActor(fctx.data, username))?.username ?? null)
    .setKeyPairsDispatcher(async (fctx, identifier) => {
      const [row] = await fctx.data.sql<KeyRow[]>`
        select public_key_pem, private_key_pem, ed25519_public_jwk, ed25519_private_jwk
        from accounts where domain is null and username = ${identifier} and private_key_pem is not null`;
      if (!row) return [];
      const pairs = [{
        privateKey: createPrivateKey(row.privateKeyPem).toCryptoKey(rsa, true, ["sign"]) as CryptoKey,
        publicKey: createPublicKey(row.publicKeyPem).toCryptoKey(rsa, true, ["verify"]) as CryptoKey,
      }];
      if (row.ed25519PrivateJwk && row.ed25519PublicJwk) {
        pairs.push({ privateKey: await importJwk(row.ed25519PrivateJwk, "private"), publicKey: await importJwk(row.ed25519PublicJwk, "public") });
      }
      return pairs;
    });
}
