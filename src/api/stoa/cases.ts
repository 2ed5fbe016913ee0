import { Hono } from "hono";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { isId } from "../../lib/ids.ts";
import { notFound } from "../../lib/errors.ts";
import { castVote, conveneJury, requireCaseViewer } from "../../moderation/jury.ts";
import { openAppeal, urgentAction } from "../../moderation/appeals.ts";
import { SANCTION_ACTIONS } from "../../moderation/sanctions.ts";
import { readParams, validate, zList } from "../http/params.ts";
import { authed, authedEvenIfSuspended, viewerId } from "../http/auth.ts";
import type { Env } from "../http/env.ts";

const conveneSchema = z.object({
  action: z.enum(SANCTION_ACTIONS),
  rule_ids: zList(z.string().regex(/^\d+$/)).default([]),
  status_ids: zList(z.string().regex(/^\d+$/)).default([]),
  reason: z.string().trim().min(1).max(2000),
});
const urgentSchema = conveneSchema.extend({ account_id: z.string() });
const voteSchema = z.object({ vote: z.enum(["uphold", "reject"]) });

interface CaseRow {
  id: string;
  status: string;
  openedAt: Date;
  proposedAction: string | null;
  proposedRuleIds: string[];
  proposedStatusIds: string[];
  proposalReason: string | null;
  deadline: Date | null;
  threadStatusId: string | null;
  verdict: string | null;
  votesUphold: number | null;
  votesReject: number | null;
  targetAccountId: string;
}

/** Moderation cases for jurors and the moderation body, and statements of reasons for the sanctioned. */
export function caseRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;
  const read = authed(ctx, "read");
  const write = authed(ctx, "write");
  const base = "/api/stoa/v1/cases";

  const caseId = (id: string) => {
    if (!isId(id)) throw notFound();
    return id;
  };

  app.get(base, read, async (c) => {
    const rows = await sql<{ caseId: string }[]>`
      select j.case_id from case_jurors j join moderation_cases m on m.id = j.case_id
      where j.account_id = ${viewerId(c)} and not j.absent order by j.case_id desc limit 100`;
    return c.json(await Promise.all(rows.map((r) => caseView(r.caseId, viewerId(c)))));
  });

  // Evidence and rules as reported; the reporters are never shown, not even to jurors.
  async function caseView(id: string, viewer: string) {
    const [row] = await sql<CaseRow[]>`select * from moderation_cases where id = ${id}`;
    if (!row) throw notFound();
    const evidence = await sql<{ statusId: string; text: string; spoilerText: string; visibility: string; statusCreatedAt: Date }[]>`
      select distinct on (e.status_id) e.status_id, e.text, e.spoiler_text, e.visibility, e.status_created_at
      from report_evidence e join reports r on r.id = e.report_id where r.case_id = ${id} order by e.status_id`;
    const reports = await sql<{ category: string; comment: string; createdAt: Date }[]>`select category, comment, created_at from reports where case_id = ${id} order by id`;
    const rules = await sql<{ id: string; text: string; hint: string }[]>`select id, text, hint from rules where id = any(${row.proposedRuleIds}::bigint[]) order by position, id`;
    const [mine] = await sql<{ vote: string }[]>`select vote from case_votes where case_id = ${id} and account_id = ${viewer}`;
    return {
      id: row.id, status: row.status, opened_at: row.openedAt.toISOString(), target_account_id: row.targetAccountId,
      proposal: row.proposedAction ? { action: row.proposedAction, rules, status_ids: row.proposedStatusIds, reason: row.proposalReason } : null,
      deadline: row.deadline?.toISOString() ?? null, discussion_status_id: row.threadStatusId,
      evidence: evidence.map((e) => ({ status_id: e.statusId, text: e.text, spoiler_text: e.spoilerText, visibility: e.visibility, created_at: e.statusCreatedAt.toISOString() })),
      reports: reports.map((r) => ({ category: r.category, comment: r.comment, created_at: r.createdAt.toISOString() })),
      my_vote: mine?.vote ?? null,
      verdict: row.verdict ? { result: row.verdict, uphold: row.votesUphold, reject: row.votesReject } : null,
    };
  }

  app.get(`${base}/:id`, read, async (c) => {
    const id = caseId(c.req.param("id"));
    await requireCaseViewer(ctx, id, viewerId(c));
    return c.json(await caseView(id, viewerId(c)));
  });
  app.post(`${base}/:id/jury`, write, async (c) => {
    const id = caseId(c.req.param("id"));
    const p = validate(conveneSchema, await readParams(c));
    await conveneJury(ctx, id, viewerId(c), { action: p.action, ruleIds: p.rule_ids, statusIds: p.status_ids, reason: p.reason });
    return c.json(await caseView(id, viewerId(c)));
  });
  app.post(`${base}/:id/votes`, write, async (c) => {
    const id = caseId(c.req.param("id"));
    const p = validate(voteSchema, await readParams(c));
    await castVote(ctx, id, viewerId(c), p.vote);
    return c.json(await caseView(id, viewerId(c)));
  });

  app.post(`${base}/:id/appeal`, authedEvenIfSuspended(ctx, "write"), async (c) => {
    const id = await openAppeal(ctx, caseId(c.req.param("id")), viewerId(c));
    return c.json({ id, appeal_of: c.req.param("id") });
  });
  app.post("/api/stoa/v1/urgent_actions", write, async (c) => {
    const p = validate(urgentSchema, await readParams(c));
    const id = await urgentAction(ctx, viewerId(c), p.account_id, { action: p.action, ruleIds: p.rule_ids, statusIds: p.status_ids, reason: p.reason });
    return c.json(await caseView(id, viewerId(c)));
  });

  app.get("/api/stoa/v1/sanctions", authedEvenIfSuspended(ctx, "read"), async (c) => {
    const rows = await sql<{ id: string; caseId: string; action: string; statusIds: string[]; statement: string; createdAt: Date; revertedAt: Date | null }[]>`
      select id, case_id, action, status_ids, statement, created_at, reverted_at from sanctions where account_id = ${viewerId(c)} order by id desc`;
    return c.json(rows.map((s) => ({
      id: s.id, case_id: s.caseId, action: s.action, status_ids: s.statusIds, statement: s.statement,
      created_at: s.createdAt.toISOString(), reverted_at: s.revertedAt?.toISOString() ?? null,
    })));
  });
  return app;
}
