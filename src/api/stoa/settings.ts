import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { readWebSettings, updateWebSettings, type WebSettings } from "../../accounts/web-settings.ts";
import { readParams, validate, zBool } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import type { Env } from "../http/env.ts";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "is not a time (HH:MM)").nullable();

/** Every field optional: PATCH changes what it names; unknown fields are refused, not ignored. */
const changesSchema = z.strictObject({
  hide_counts: zBool,
  quiet_hours_start: time,
  quiet_hours_end: time,
  notification_batching: z.enum(["off", "three_a_day"]),
  boost_link_prompt: zBool,
  harsh_reply_prompt: zBool,
  alt_text_reminder: zBool,
  require_alt_text: zBool,
  language: z.enum(["en", "es", "pt-BR", "pt-PT", "ca"]).nullable(),
  theme: z.enum(["system", "light", "dark", "contrast"]),
}).partial().refine((s) => (s.quiet_hours_start === undefined) === (s.quiet_hours_end === undefined), {
  message: "must be set together", path: ["quiet_hours_end"],
}).refine((s) => (s.quiet_hours_start === null) === (s.quiet_hours_end === null), {
  message: "must both be times or both be null", path: ["quiet_hours_end"],
});

/** The settings as the API shows them: snake_case, as Mastodon's own entities. */
function settingsEntity(s: WebSettings) {
  return {
    hide_counts: s.hideCounts,
    quiet_hours_start: s.quietHoursStart,
    quiet_hours_end: s.quietHoursEnd,
    notification_batching: s.notificationBatching,
    boost_link_prompt: s.boostLinkPrompt,
    harsh_reply_prompt: s.harshReplyPrompt,
    alt_text_reminder: s.altTextReminder,
    require_alt_text: s.requireAltText,
    language: s.language,
    theme: s.theme,
  };
}

/** `GET/PATCH /api/stoa/v1/settings`: wellbeing, language and appearance, stored in the account. */
export function settingsRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();

  app.get("/api/stoa/v1/settings", authed(ctx, "read:accounts"), async (c) => {
    return c.json(settingsEntity(await readWebSettings(ctx.sql, viewerId(c))));
  });

  app.patch("/api/stoa/v1/settings", authed(ctx, "write:accounts"), async (c) => {
    const p = validate(changesSchema, await readParams(c));
    const changes: Partial<WebSettings> = {
      hideCounts: p.hide_counts,
      quietHoursStart: p.quiet_hours_start,
      quietHoursEnd: p.quiet_hours_end,
      notificationBatching: p.notification_batching,
      boostLinkPrompt: p.boost_link_prompt,
      harshReplyPrompt: p.harsh_reply_prompt,
      altTextReminder: p.alt_text_reminder,
      requireAltText: p.require_alt_text,
      language: p.language,
      theme: p.theme,
    };
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<WebSettings>;
    return c.json(settingsEntity(await updateWebSettings(ctx.sql, viewerId(c), defined)));
  });

  return app;
}
