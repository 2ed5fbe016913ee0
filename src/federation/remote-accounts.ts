import { exportSpki } from "@fedify/vocab-runtime";
import { Application, Link, Object as APObject, PropertyValue, Service, isActor, type Actor } from "@fedify/vocab";
import type { DocumentLoader } from "@fedify/vocab-runtime";
import type { AppContext } from "../context.ts";
import { logger } from "../log.ts";
import { createDocumentLoader } from "./document-loader.ts";
import { fetchPolicy, parseJsonCapped, safeFetch, type FetchPolicy } from "./safe-fetch.ts";
import { sanitizeHtml } from "./sanitize.ts";

const log = logger("federation", "accounts");
/** A stored remote account younger than this is not fetched again. */
const FRESH_MS = 24 * 3600 * 1000;

/**
 * Finds `user@host` as a local row, fetching it when unknown or stale: WebFinger on the host,
 * then the actor document, both through the SSRF-safe fetch. Returns the account id, or
 * undefined when the handle does not resolve to a valid actor.
 */
export async function resolveRemoteAccount(ctx: AppContext, acct: string, policy: FetchPolicy = fetchPolicy(ctx.config)): Promise<string | undefined> {
  const handle = /^@?([^@\s/]+)@([^@\s/?#]+)$/.exec(acct.trim());
  if (!handle) return undefined;
  const [, username, host] = handle as unknown as [string, string, string];
  if (host.toLowerCase() === ctx.config.domain.toLowerCase()) return undefined;
  const [known] = await ctx.sql<{ id: string; fresh: boolean }[]>`
    select id, fetched_at > ${new Date(Date.now() - FRESH_MS)} as fresh from accounts
    where lower(username) = lower(${username}) and lower(domain) = lower(${host})`;
  if (known?.fresh) return known.id;
  try {
    const actorUrl = await webFingerSelf(`acct:${username}@${host}`, host, policy);
    if (!actorUrl) return known?.id;
    const loader = createDocumentLoader(policy);
    const actor = await fetchActor(actorUrl, loader);
    if (!actor) return known?.id;
    const name = String(actor.preferredUsername ?? "");
    // The handle must round-trip: the actor claims this username and lives on the WebFinger host's origin.
    if (name.toLowerCase() !== username.toLowerCase() || new URL(actorUrl).host.toLowerCase() !== host.toLowerCase()) {
      log.info("Handle {acct} does not round-trip to {actor}", { acct, actor: actorUrl });
      return known?.id;
    }
    return await storeRemoteActor(ctx, actor, host, loader);
  } catch (error) {
    log.info("Cannot resolve {acct}: {error}", { acct, error: error instanceof Error ? error.message : String(error) });
    return known?.id;
  }
}

/** The `self` ActivityPub link of a WebFinger resource on `host`, if it has one. */
async function webFingerSelf(resource: string, host: string, policy: FetchPolicy): Promise<string | undefined> {
  const url = `https://${host}/.well-known/webfinger?resource=${encodeURIComponent(resource)}`;
  const response = await safeFetch(url, { headers: { accept: "application/jrd+json, application/json" } }, policy);
  if (!response.ok) return undefined;
  const jrd = parseJsonCapped(await response.text(), 16) as { links?: { rel?: unknown; type?: unknown; href?: unknown }[] };
  const self = (Array.isArray(jrd.links) ? jrd.links : []).find((l) =>
    l.rel === "self" && typeof l.type === "string" && /application\/(activity\+json|ld\+json)/.test(l.type) && typeof l.href === "string");
  return self && URL.canParse(self.href as string) ? new URL(self.href as string).href : undefined;
}

/** Fetches and parses an actor; its id must be the URL it was fetched from (same origin). */
async function fetchActor(url: string, loader: DocumentLoader): Promise<Actor | undefined> {
  const remote = await loader(url);
  const object = await APObject.fromJsonLd(remote.document, { documentLoader: loader, contextLoader: loader });
  if (!isActor(object) || !object.id) return undefined;
  if (object.id.origin !== new URL(remote.documentUrl).origin) return undefined;
  return object;
}

/** Inserts or refreshes the account row of a verified remote actor; returns its id. */
export async function storeRemoteActor(ctx: AppContext, actor: Actor, domain: string, loader: DocumentLoader): Promise<string> {
  const options = { documentLoader: loader, contextLoader: loader, suppressError: true };
  const key = await actor.getPublicKey(options);
  const icon = await actor.getIcon(options);
  const image = await actor.getImage(options);
  const fields: { name: string; value: string; valueHtml: string }[] = [];
  for await (const attachment of actor.getAttachments(options)) {
    if (attachment instanceof PropertyValue && attachment.name && attachment.value) {
      const html = sanitizeHtml(String(attachment.value));
      fields.push({ name: String(attachment.name).slice(0, 255), value: html, valueHtml: html });
    }
  }
  const url = actor.url instanceof Link ? actor.url.href : actor.url;
  const imageUrl = (img: typeof icon) => (img?.url instanceof URL ? img.url.href : img?.url instanceof Link ? img.url.href?.href ?? null : null);
  const summary = sanitizeHtml(String(actor.summary ?? ""));
  const row = {
    username: String(actor.preferredUsername),
    domain,
    displayName: String(actor.name ?? "").slice(0, 255),
    note: summary,
    noteHtml: summary,
    fields: ctx.sql.json(fields.slice(0, 16) as never),
    locked: actor.manuallyApprovesFollowers ?? false,
    bot: actor instanceof Service || actor instanceof Application,
    discoverable: actor.discoverable ?? false,
    indexable: actor.indexable ?? false,
    avatarRemoteUrl: imageUrl(icon),
    headerRemoteUrl: imageUrl(image),
    uri: actor.id!.href,
    url: url?.href ?? actor.id!.href,
    inboxUrl: actor.inboxId?.href ?? null,
    sharedInboxUrl: actor.endpoints?.sharedInbox?.href ?? null,
    outboxUrl: actor.outboxId?.href ?? null,
    followersUrl: actor.followersId?.href ?? null,
    featuredUrl: actor.featuredId?.href ?? null,
    publicKeyPem: key?.publicKey && key.ownerId?.href === actor.id!.href ? await exportSpki(key.publicKey) : null,
    fetchedAt: new Date(),
    updatedAt: new Date(),
  };
  const [stored] = await ctx.sql<{ id: string }[]>`
    insert into accounts ${ctx.sql(row)}
    on conflict (uri) where uri is not null do update set ${ctx.sql(row, Object.keys(row).filter((k) => k !== "uri") as never)}
    returning id`;
  return stored!.id;
}
