import { Hono, type MiddlewareHandler } from "hono";
import type { PendingQuery, Row } from "postgres";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { isId } from "../../lib/ids.ts";
import { forbidden, notFound, unprocessable } from "../../lib/errors.ts";
import { isModerationBodyMember } from "../../moderation/eligibility.ts";
import { urgentAction } from "../../moderation/appeals.ts";
import { readParams, validate, zBool } from "../http/params.ts";
import { authed, viewerId } from "../http/auth.ts";
import type { Env } from "../http/env.ts";
import { serializeAdminAccounts, serializeAdminReports } from "./entities/admin.ts";

const zId = z.string().refine(isId, "is not a valid id");
const pageSchema = { max_id: zId.optional(), since_id: zId.optional(), limit: z.coerce.number().int().min(1).max(200).default(100) };
const reportQuery = z.object({ resolved: zBool.optional(), account_id: zId.optional(), target_account_id: zId.optional(), ...pageSchema });
const accountQuery = z.object({
  local: zBool.optional(), remote: zBool.optional(), active: zBool.optional(), pending: zBool.optional(), disabled: zBool.optional(),
  silenced: zBool.optional(), suspended: zBool.optional(), staff: zBool.optional(), username: z.string().max(100).optional(), ...pageSchema,
});
/** A piece of SQL to splice into a query. */
type Fragment = PendingQuery<Row[]>;

const actionSchema = z.object({
  type: z.enum(["none", "sensitive", "disable", "silence", "suspend"]).default("none"),
  report_id: zId.optional(),
  text: z.string().max(5000).default(""),
});

/**
 * The Mastodon admin API subset moderation apps use, for moderation-body members. Account
 * actions do not bypass juries: they are urgent actions, in force at once, that a jury must
 * confirm before the deadline or they are reverted.
 */
export function adminRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;
  const moderationBody: MiddlewareHandler<Env> = async (c, next) => {
    if (!(await isModerationBodyMember(sql, viewerId(c)))) throw forbidden();
    await next();
  };
  const readReports = [authed(ctx, "admin:read:reports"), moderationBody] as const;
  const writeReports = [authed(ctx, "admin:write:reports"), moderationBody] as const;
  const readAccounts = [authed(ctx, "admin:read:accounts"), moderationBody] as const;
  const writeAccounts = [authed(ctx, "admin:write:accounts"), moderationBody] as const;

  const reportRows = (where: Fragment, limit: number) => sql`
    select id, account_id, target_account_id, assigned_account_id, action_taken_by_account_id, status_ids, rule_ids, category, comment, forward,
      action_taken_at, created_at, updated_at
    from reports where ${where} order by id desc limit ${limit}` as unknown as Promise<Parameters<typeof serializeAdminReports>[2]>;
  async function oneReport(viewer: string, id: string) {
    if (!isId(id)) throw notFound();
    const [row] = await reportRows(sql`id = ${id}`, 1);
    if (!row) throw notFound();
    return (await serializeAdminReports(ctx, viewer, [row]))[0]!;
  }

  app.get("/api/v1/admin/reports", ...readReports, async (c) => {
    const p = validate(reportQuery, await readParams(c));
    const where = sql`true
      ${p.resolved === undefined ? sql`` : p.resolved ? sql`and action_taken_at is not null` : sql`and action_taken_at is null`}
      ${p.account_id ? sql`and account_id = ${p.account_id}` : sql``}
      ${p.target_account_id ? sql`and target_account_id = ${p.target_account_id}` : sql``}
      ${p.max_id ? sql`and id < ${p.max_id}` : sql``} ${p.since_id ? sql`and id > ${p.since_id}` : sql``}`;
    return c.json(await serializeAdminReports(ctx, viewerId(c), await reportRows(where, p.limit)));
  });
  app.get("/api/v1/admin/reports/:id", ...readReports, async (c) => c.json(await oneReport(viewerId(c), c.req.param("id"))));

  const change = (path: string, update: (viewer: string) => Fragment) =>
    app.post(`/api/v1/admin/reports/:id/${path}`, ...writeReports, async (c) => {
      const report = await oneReport(viewerId(c), c.req.param("id"));
      await sql`update reports set ${update(viewerId(c))}, updated_at = now() where id = ${report.id as string}`;
      return c.json(await oneReport(viewerId(c), report.id as string));
    });
  change("assign_to_self", (viewer) => sql`assigned_account_id = ${viewer}`);
  change("unassign", () => sql`assigned_account_id = null`);
  change("resolve", (viewer) => sql`action_taken_at = coalesce(action_taken_at, now()), action_taken_by_account_id = coalesce(action_taken_by_account_id, ${viewer})`);
  change("reopen", () => sql`action_taken_at = null, action_taken_by_account_id = null`);

  app.get("/api/v1/admin/accounts", ...readAccounts, async (c) => {
    const p = validate(accountQuery, await readParams(c));
    const rows = await sql<{ id: string }[]>`
      select a.id from accounts a left join users u on u.account_id = a.id where true
      ${p.local ? sql`and a.domain is null` : sql``} ${p.remote ? sql`and a.domain is not null` : sql``}
      ${p.active ? sql`and a.suspended_at is null and coalesce(not u.disabled, true)` : sql``}
      ${p.pending ? sql`and u.approved = false` : sql``} ${p.disabled ? sql`and u.disabled` : sql``}
      ${p.silenced ? sql`and a.silenced_at is not null` : sql``} ${p.suspended ? sql`and a.suspended_at is not null` : sql``}
      ${p.staff ? sql`and u.role in ('moderator', 'admin', 'owner')` : sql``}
      ${p.username ? sql`and lower(a.username) like ${`${p.username.toLowerCase().replace(/[\\%_]/g, "\\$&")}%`}` : sql``}
      ${p.max_id ? sql`and a.id < ${p.max_id}` : sql``} ${p.since_id ? sql`and a.id > ${p.since_id}` : sql``}
      order by a.id desc limit ${p.limit}`;
    return c.json(await serializeAdminAccounts(ctx, rows.map((r) => r.id)));
  });
  app.get("/api/v1/admin/accounts/:id", ...readAccounts, async (c) => {
    const id = c.req.param("id");
    const [account] = isId(id) ? await serializeAdminAccounts(ctx, [id]) : [];
    if (!account) throw notFound();
    return c.json(account);
  });

  app.post("/api/v1/admin/accounts/:id/action", ...writeAccounts, async (c) => {
    const target = c.req.param("id");
    if (!isId(target)) throw notFound();
    const p = validate(actionSchema, await readParams(c));
    const [report] = p.report_id
      ? await sql<{ id: string; statusIds: string[]; ruleIds: string[] }[]>`select id, status_ids, rule_ids from reports where id = ${p.report_id} and target_account_id = ${target}`
      : [];
    if (p.report_id && !report) throw notFound();
    if (p.type === "disable") throw unprocessable("Stoa does not disable logins from the admin API; suspend the account instead");
    if (p.type === "sensitive" && !report?.statusIds.length) throw unprocessable("Give the report whose statuses are to be marked sensitive");
    if (p.type !== "none") {
      const action = p.type === "silence" ? "limit" : p.type;
      await urgentAction(ctx, viewerId(c), target, {
        action, statusIds: p.type === "sensitive" ? report!.statusIds : [], ruleIds: report?.ruleIds ?? [], reason: p.text || "Action taken through the admin API.",
      });
    }
    if (report) await sql`update reports set action_taken_at = coalesce(action_taken_at, now()), action_taken_by_account_id = ${viewerId(c)}, updated_at = now() where id = ${report.id}`;
    return c.json({});
  });
  return app;
}
