import { Hono } from "hono";
import type { AppContext } from "../../context.ts";
import { isId } from "../../lib/ids.ts";
import { notFound } from "../../lib/errors.ts";
import { authed, viewerId } from "../http/auth.ts";
import { finishPage, pageFilter, pageOrder, pageParams, setLinkHeader } from "../http/pagination.ts";
import type { Env } from "../http/env.ts";
import { serializeAccountsById } from "./entities/account-list.ts";
import { serializeStatuses } from "./entities/status.ts";

interface ConversationRow {
  id: string;
  participantIds: string[];
  lastStatusId: string | null;
  unread: boolean;
}

/** Direct conversations: list, mark read, remove from the list. */
export function conversationRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const sql = ctx.sql;

  app.get("/api/v1/conversations", authed(ctx, "read:statuses"), async (c) => {
    const me = viewerId(c);
    const page = pageParams(c.req.query());
    const rows = await sql<ConversationRow[]>`
      select ac.id, ac.participant_ids::text[] as participant_ids, ac.last_status_id, ac.unread from account_conversations ac
      join statuses s on s.id = ac.last_status_id and s.deleted_at is null
      where ac.account_id = ${me} ${pageFilter(sql, page, "ac.last_status_id")}
      ${pageOrder(sql, page, "ac.last_status_id")} limit ${page.limit}`;
    const ordered = finishPage(rows, page);
    setLinkHeader(c, ctx.config.origin, ordered.map((r) => r.lastStatusId!));
    const statuses = new Map((await serializeStatuses(ctx, me, ordered.map((r) => r.lastStatusId!))).map((s) => [s.id as string, s]));
    const accounts = new Map((await serializeAccountsById(ctx, [...new Set(ordered.flatMap((r) => r.participantIds))])).map((a) => [a.id as string, a]));
    return c.json(ordered.map((r) => ({
      id: r.id,
      unread: r.unread,
      accounts: r.participantIds.map((id) => accounts.get(id)).filter(Boolean),
      last_status: statuses.get(r.lastStatusId!) ?? null,
    })));
  });

  app.post("/api/v1/conversations/:id/read", authed(ctx, "write:conversations"), async (c) => {
    await own(viewerId(c), c.req.param("id"));
    await sql`update account_conversations set unread = false where id = ${c.req.param("id")}`;
    return c.json({ id: c.req.param("id"), unread: false });
  });

  app.delete("/api/v1/conversations/:id", authed(ctx, "write:conversations"), async (c) => {
    await own(viewerId(c), c.req.param("id"));
    await sql`delete from account_conversations where id = ${c.req.param("id")}`;
    return c.json({});
  });

  async function own(me: string, id: string) {
    if (!isId(id)) throw notFound();
    const [row] = await sql`select 1 from account_conversations where id = ${id} and account_id = ${me}`;
    if (!row) throw notFound();
  }

  return app;
}
