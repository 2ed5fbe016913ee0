import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import type { Env } from "../http/env.ts";
import { readParams, validate } from "../http/params.ts";
import { LOG_FORMAT } from "../../transparency/entry.ts";
import { signedHead } from "../../transparency/head.ts";
import { allLogEntries, logPage, logPageDescending } from "../../transparency/log.ts";
import { renderLogPage } from "../../transparency/page.ts";
import { monthPeriod, renderReportPage, transparencyReport } from "../../transparency/report.ts";

const pageSchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const reportSchema = z.object({ month: z.string().refine((m) => monthPeriod(m) !== null, "is not a month (YYYY-MM)").optional() });
const htmlSchema = z.object({ before: z.coerce.number().int().min(1).optional() });

/** Entries per HTML page. */
const HTML_PAGE = 50;

/** The public transparency log: JSON pages, the signed head, a full export and an HTML page. */
export function transparencyRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const base = "/api/stoa/v1/transparency";

  app.get(`${base}/log`, async (c) => {
    const p = validate(pageSchema, await readParams(c));
    const entries = await logPage(ctx.sql, p.after, p.limit);
    const last = entries[entries.length - 1];
    if (last && entries.length === p.limit) c.header("Link", `<${ctx.config.origin}${base}/log?after=${last.seq}&limit=${p.limit}>; rel="next"`);
    return c.json(entries);
  });
  app.get(`${base}/head`, async (c) => {
    const { head, publicJwk } = await signedHead(ctx.sql, ctx.config.origin);
    return c.json({ format: LOG_FORMAT, publicKey: publicJwk, head });
  });
  app.get(`${base}/key`, async (c) => c.json((await signedHead(ctx.sql, ctx.config.origin)).publicJwk));

  // Streamed so that an export of any length needs only one batch in memory.
  app.get(`${base}/export`, async (c) => {
    const { head, publicJwk } = await signedHead(ctx.sql, ctx.config.origin);
    const encoder = new TextEncoder();
    const entries = allLogEntries(ctx.sql, head.seq);
    let first = true;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`{"format":${JSON.stringify(LOG_FORMAT)},"publicKey":${JSON.stringify(publicJwk)},"head":${JSON.stringify(head)},"entries":[`));
      },
      async pull(controller) {
        const next = await entries.next();
        if (next.done) {
          controller.enqueue(encoder.encode("]}"));
          controller.close();
          return;
        }
        const chunk = next.value.map((e) => JSON.stringify(e)).join(",");
        controller.enqueue(encoder.encode(first ? chunk : `,${chunk}`));
        first = false;
      },
    });
    return c.body(stream, 200, { "content-type": "application/json; charset=utf-8", "content-disposition": 'inline; filename="transparency-log.json"' });
  });

  const reportOf = async (params: Record<string, unknown>) => {
    const month = validate(reportSchema, params).month ?? new Date().toISOString().slice(0, 7);
    const period = monthPeriod(month)!;
    return { month, report: await transparencyReport(ctx.sql, period.from, period.to) };
  };
  app.get(`${base}/report`, async (c) => {
    const { month, report: r } = await reportOf(await readParams(c));
    return c.json({
      month, from: r.from, to: r.to, reports: r.reports, cases_opened: r.casesOpened, cases_decided: r.casesDecided, verdicts: r.verdicts,
      sanctions: { total: r.sanctions.total, by_action: r.sanctions.byAction, by_rule: r.sanctions.byRule.map((x) => ({ rule_id: x.ruleId, text: x.text, count: x.count })) },
      hours_to_decision: r.hoursToDecision, appeals: r.appeals, urgent_actions: r.urgentActions, reversals: r.reversals,
    });
  });
  app.get("/transparency/report", async (c) => {
    const { month, report } = await reportOf(await readParams(c));
    return c.html(renderReportPage(month, report));
  });

  app.get("/transparency", async (c) => {
    const p = validate(htmlSchema, await readParams(c));
    const { head, publicJwk } = await signedHead(ctx.sql, ctx.config.origin);
    const entries = await logPageDescending(ctx.sql, p.before ?? head.seq + 1, HTML_PAGE);
    const oldest = entries[entries.length - 1];
    return c.html(renderLogPage({ head, publicJwk, entries, olderBefore: oldest && oldest.seq > 1 ? oldest.seq : null }));
  });
  return app;
}
