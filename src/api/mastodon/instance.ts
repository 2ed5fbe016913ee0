import { Hono } from "hono";
import type { AppContext } from "../../context.ts";
import { findAccount } from "../../accounts/queries.ts";
import { MAX_CHARACTERS, MAX_MEDIA } from "../../statuses/create.ts";
import type { Env } from "../http/env.ts";
import { serializeAccount } from "./entities/account.ts";
import { serializeEmoji } from "./entities/emoji.ts";
import { listCustomEmojis } from "../../emojis/custom-emojis.ts";

export const STOA_VERSION = "0.1.0";
/** Clients read Mastodon's version to enable features; Stoa serves the 4.5 API. */
export const COMPATIBLE_VERSION = `4.5.0 (compatible; Stoa ${STOA_VERSION})`;

async function instanceFacts(ctx: AppContext) {
  const [settings] = await ctx.sql<{ title: string | null; description: string | null }[]>`
    select (select value #>> '{}' from instance_settings where key = 'title') as title,
           (select value #>> '{}' from instance_settings where key = 'description') as description`;
  const rules = await ctx.sql<{ id: string; text: string; hint: string }[]>`
    select id, text, hint from rules where deleted_at is null order by position, id`;
  const [owner] = await ctx.sql<{ accountId: string }[]>`select account_id from users where role = 'owner' order by id limit 1`;
  const contact = owner ? await findAccount(ctx.sql, owner.accountId) : null;
  const [usage] = await ctx.sql<{ users: number; active: number; statuses: number; domains: number }[]>`
    select (select count(*) from users)::int as users,
           (select count(*) from users where last_sign_in_at > now() - interval '30 days')::int as active,
           (select count(*) from statuses where local and deleted_at is null and reblog_of_id is null)::int as statuses,
           (select count(distinct domain) from accounts where domain is not null)::int as domains`;
  return {
    title: settings?.title ?? "Stoa",
    description: settings?.description ?? "A community-owned place for public discourse.",
    rules: rules.map((r) => ({ id: r.id, text: r.text, hint: r.hint })),
    contact: contact ? serializeAccount(ctx, contact) : null,
    usage: usage!,
  };
}

const configuration = (ctx: AppContext) => ({
  urls: { streaming: ctx.config.origin.replace(/^http/, "ws") },
  accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
  statuses: { max_characters: MAX_CHARACTERS, max_media_attachments: MAX_MEDIA, characters_reserved_per_url: 23 },
  media_attachments: {
    supported_mime_types: ["image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"],
    image_size_limit: 16_777_216,
    image_matrix_limit: 33_177_600,
    video_size_limit: 0,
    video_frame_rate_limit: 0,
    video_matrix_limit: 0,
    description_limit: 1500,
  },
  polls: { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2_629_746 },
  translation: { enabled: false },
});

/** `GET /api/v1/instance`, `/api/v2/instance`, rules and custom emojis: what clients read first. */
export function instanceRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const registrations = () => ({
    enabled: ctx.config.registrations === "open" || ctx.config.registrations === "approval",
    approval_required: ctx.config.registrations === "approval",
  });

  app.get("/api/v2/instance", async (c) => {
    const facts = await instanceFacts(ctx);
    return c.json({
      domain: ctx.config.domain,
      title: facts.title,
      version: COMPATIBLE_VERSION,
      source_url: ctx.config.origin,
      description: facts.description,
      usage: { users: { active_month: facts.usage.active } },
      thumbnail: { url: `${ctx.config.origin}/thumbnail.png` },
      icon: [],
      languages: ["en", "es", "pt", "ca"],
      configuration: { ...configuration(ctx), vapid: { public_key: "" } },
      registrations: { ...registrations(), reason_required: ctx.config.registrations === "approval", message: null, url: null },
      api_versions: { mastodon: 7 },
      contact: { email: "", account: facts.contact },
      rules: facts.rules,
    });
  });

  app.get("/api/v1/instance", async (c) => {
    const facts = await instanceFacts(ctx);
    const config = configuration(ctx);
    return c.json({
      uri: ctx.config.domain,
      title: facts.title,
      short_description: facts.description,
      description: facts.description,
      email: "",
      version: COMPATIBLE_VERSION,
      urls: { streaming_api: config.urls.streaming },
      stats: { user_count: facts.usage.users, status_count: facts.usage.statuses, domain_count: facts.usage.domains },
      thumbnail: null,
      languages: ["en", "es", "pt", "ca"],
      registrations: registrations().enabled,
      approval_required: registrations().approval_required,
      invites_enabled: ctx.config.registrations === "invite",
      configuration: { accounts: config.accounts, statuses: config.statuses, media_attachments: config.media_attachments, polls: config.polls },
      contact_account: facts.contact,
      rules: facts.rules,
    });
  });

  app.get("/api/v1/instance/rules", async (c) => c.json((await instanceFacts(ctx)).rules));
  app.get("/api/v1/custom_emojis", async (c) => c.json((await listCustomEmojis(ctx.sql)).map(serializeEmoji)));
  return app;
}
