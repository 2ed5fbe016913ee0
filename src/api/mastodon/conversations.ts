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
    return c.json(await serialize(me, ordered));
  });

  app.post("/api/v1/conversations/:id/read", authed(ctx, "write:conversations"), async (c) => {
    const me = viewerId(c);
    await own(me, c.req.param("id"));
    const rows = await sql<ConversationRow[]>`
      update account_conversations set unread = false where id = ${c.req.param("id")}
      returning id, participant_ids::text[] as participant_ids, last_status_id, unread`;
    return c.json((await serialize(me, rows))[0]);
  });

  /** Mastodon's Conversation entities, with participants and last statuses loaded in two queries. */
  async function serialize(me: string, rows: ConversationRow[]) {
    const statuses = new Map((await serializeStatuses(ctx, me, rows.flatMap((r) => r.lastStatusId ?? []))).map((s) => [s.id as string, s]));
    const accounts = new Map((await serializeAccountsById(ctx, [...new Set(rows.flatMap((r) => r.participantIds))])).map((a) => [a.id as string, a]));
    return rows.map((r) => ({
      id: r.id,
      unread: r.unread,
      accounts: r.participantIds.map((id) => accounts.get(id)).filter(Boolean),
      last_status: statuses.get(r.lastStatusId ?? "") ?? null,
    }));
  }

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
