import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { AppContext } from "../../context.ts";
import { authenticate, type Auth } from "../http/auth.ts";
import { grants } from "../http/scopes.ts";
import { serializeStatuses } from "../mastodon/entities/status.ts";
import { serializeNotifications } from "../mastodon/notifications.ts";
import { logger } from "../../log.ts";
import { channelFor, type StreamMessage } from "./streams.ts";

const log = logger("streaming");
const PATH = "/api/v1/streaming";
const RECHECK_MS = 60_000;

/**
 * Mastodon's streaming API over WebSocket at /api/v1/streaming: the token comes from the
 * `access_token` query parameter or `Sec-WebSocket-Protocol`; streams are chosen by query
 * (`?stream=user`) or by `{"type":"subscribe","stream":…}` messages.
 */
export function attachStreaming(ctx: AppContext, server: Server): () => Promise<void> {
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => [...protocols][0] ?? false });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", ctx.config.origin);
    if (url.pathname !== PATH) return;
    void (async () => {
      const token = url.searchParams.get("access_token") ?? req.headers["sec-websocket-protocol"]?.split(",")[0]?.trim();
      const auth = token ? await authenticate(ctx, token) : null;
      if (token && !auth) {
        socket.end("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n\r\n{\"error\":\"Invalid access token\"}");
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => void connection(ctx, ws, auth, token ?? null, url.searchParams));
    })().catch((error) => {
      log.error("Upgrade failed: {error}", { error });
      socket.destroy();
    });
  };
  server.on("upgrade", onUpgrade);
  return async () => {
    server.off("upgrade", onUpgrade);
    for (const client of wss.clients) client.close(1001);
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}

async function connection(ctx: AppContext, ws: WebSocket, auth: Auth | null, token: string | null, query: URLSearchParams) {
  const subscriptions = new Map<string, () => Promise<void>>();
  const viewer = auth?.accountId ?? null;
  const subscribe = async (stream: string, param?: string) => {
    if (stream.startsWith("user") && !(auth && grants(auth.scopes, "read:statuses"))) return;
    const channel = channelFor(stream, viewer, param);
    const key = `${stream}:${param ?? ""}`;
    if (!channel || subscriptions.has(key)) return;
    subscriptions.set(key, await ctx.pubsub.subscribe(channel, (m) => void deliver(ctx, ws, viewer, stream, param, m as StreamMessage)));
  };
  const unsubscribeAll = async () => {
    for (const off of subscriptions.values()) await off();
    subscriptions.clear();
  };
  ws.on("close", () => void unsubscribeAll());
  ws.on("message", (data) => {
    let msg: { type?: string; stream?: string; tag?: string; list?: string };
    try {
      msg = JSON.parse(String(data));
    } catch {
      return;
    }
    if (msg.type === "subscribe" && msg.stream) void subscribe(msg.stream, msg.tag ?? msg.list);
    if (msg.type === "unsubscribe" && msg.stream) {
      const key = `${msg.stream}:${msg.tag ?? msg.list ?? ""}`;
      void subscriptions.get(key)?.();
      subscriptions.delete(key);
    }
  });
  // A revoked token or a suspended account ends the connection.
  const recheck = setInterval(async () => {
    if (token && !(await authenticate(ctx, token))) ws.close(1008, "token revoked");
  }, RECHECK_MS);
  ws.on("close", () => clearInterval(recheck));
  const initial = query.get("stream");
  if (initial) await subscribe(initial, query.get("tag") ?? query.get("list") ?? undefined);
}

async function deliver(ctx: AppContext, ws: WebSocket, viewer: string | null, stream: string, param: string | undefined, m: StreamMessage) {
  if (stream === "user:notification" && m.event !== "notification") return;
  let payload: string;
  if (m.event === "delete") payload = m.id;
  else if (m.event === "notification") {
    if (!viewer) return;
    const rows = await ctx.sql<{ id: string; type: string; fromAccountId: string; statusId: string | null; groupKey: string; createdAt: Date }[]>`
      select id, type, from_account_id, status_id, group_key, created_at from notifications where id = ${m.id} and account_id = ${viewer}`;
    const [entity] = await serializeNotifications(ctx, viewer, rows);
    if (!entity) return;
    payload = JSON.stringify(entity);
  } else {
    const [status] = await serializeStatuses(ctx, viewer, [m.id]);
    if (!status) return;
    payload = JSON.stringify(status);
  }
  if (ws.readyState !== ws.OPEN) return;
  ws.send(JSON.stringify({ stream: param ? [stream, param] : [stream], event: m.event, payload }));
}
