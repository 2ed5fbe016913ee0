import { Hono } from "hono";
import type { AppContext } from "../../context.ts";
import { notFound, unauthorized } from "../../lib/errors.ts";
import { weeklyActivity } from "../../site/activity.ts";
import { knownPeers, publicDomainBlocks } from "../../site/peers.ts";
import { disclosure, getSetting, textToHtml, type SiteText } from "../../site/settings.ts";
import { findTerms, isCalendarDate, type TermsVersion } from "../../site/terms.ts";
import { tokenOptional } from "../http/auth.ts";
import type { Env } from "../http/env.ts";

/** Texts never written by an admin read as empty, dated at the epoch (the field is not nullable). */
const NEVER = new Date(0).toISOString();

const serializeTerms = (t: TermsVersion) => ({
  effective_date: t.effectiveDate,
  effective: t.effective,
  content: textToHtml(t.text),
  succeeded_by: t.succeededBy,
});

/** The instance's secondary endpoints: activity, peers, texts, terms, domain blocks, translation languages. */
export function instanceExtraRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;

  async function siteText(key: SiteText) {
    const setting = await getSetting<string>(sql, key);
    return { updated_at: setting ? new Date(setting.updatedAt).toISOString() : NEVER, content: textToHtml(setting?.value ?? "") };
  }

  app.get("/api/v1/instance/activity", async (c) => {
    const weeks = await weeklyActivity(sql);
    // Mastodon sends every figure as a string, the week as Unix seconds.
    return c.json(weeks.map((w) => ({
      week: String(Math.floor(new Date(w.week).getTime() / 1000)),
      statuses: String(w.statuses),
      logins: String(w.logins),
      registrations: String(w.registrations),
    })));
  });

  app.get("/api/v1/instance/peers", async (c) => c.json(await knownPeers(sql)));
  app.get("/api/v1/instance/extended_description", async (c) => c.json(await siteText("extended_description")));
  app.get("/api/v1/instance/privacy_policy", async (c) => c.json(await siteText("privacy_policy")));
  app.get("/api/v1/instance/translation_languages", (c) => c.json({})); // translation is not offered

  app.get("/api/v1/instance/terms_of_service", async (c) => {
    const terms = await findTerms(sql);
    if (!terms) throw notFound();
    return c.json(serializeTerms(terms));
  });

  app.get("/api/v1/instance/terms_of_service/:date", async (c) => {
    const date = c.req.param("date");
    if (!isCalendarDate(date)) throw notFound();
    const terms = await findTerms(sql, date);
    if (!terms) throw notFound();
    return c.json(serializeTerms(terms));
  });

  app.get("/api/v1/instance/domain_blocks", tokenOptional(ctx), async (c) => {
    const show = await disclosure(sql, "show_domain_blocks");
    if (show === "disabled") throw notFound();
    const signedIn = Boolean(c.get("auth")?.accountId);
    if (show === "users" && !signedIn) throw unauthorized();
    const rationale = await disclosure(sql, "show_domain_blocks_rationale");
    return c.json(await publicDomainBlocks(sql, rationale === "all" || (rationale === "users" && signedIn)));
  });

  return app;
}
