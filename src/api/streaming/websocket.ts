import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { AppContext } from "../../context.ts";
import { authenticate, type Auth } from "../http/auth.ts";
import { logger } from "../../log.ts";
import { StreamConnection, type StreamSink } from "./connection.ts";

const log = logger("streaming");
const PATH = "/api/v1/streaming";
/** Longest token accepted; anything longer is not one of ours. */
const MAX_TOKEN_LENGTH = 512;

/**
 * Mastodon's streaming API over WebSocket at /api/v1/streaming: the token comes from the
 * `access_token` query parameter or `Sec-WebSocket-Protocol` (echoed back, as browsers
 * require); streams are chosen by query (`?stream=user`) or by `{"type":"subscribe",…}` messages.
 */
export function attachStreaming(ctx: AppContext, server: Server): () => Promise<void> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, handleProtocols: (protocols) => [...protocols][0] ?? false });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", ctx.config.origin);
    if (url.pathname !== PATH && url.pathname !== `${PATH}/`) return;
    void (async () => {
      const token = url.searchParams.get("access_token") ?? req.headers["sec-websocket-protocol"]?.split(",")[0]?.trim();
      const auth = token && token.length <= MAX_TOKEN_LENGTH ? await authenticate(ctx, token) : null;
      if (token && !auth) return refuse(socket, 401, "Invalid access token");
      wss.handleUpgrade(req, socket, head, (ws) => void open(ctx, ws, auth, token ?? null, url.searchParams));
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

function refuse(socket: Duplex, status: 400 | 401, error: string) {
  const body = JSON.stringify({ error });
  const reason = status === 401 ? "Unauthorized" : "Bad Request";
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

async function open(ctx: AppContext, ws: WebSocket, auth: Auth | null, token: string | null, query: URLSearchParams) {
  const sink: StreamSink = {
    get open() {
      return ws.readyState === ws.OPEN;
    },
    send: (frame) => ws.send(JSON.stringify(frame)),
    close: (code, reason) => ws.close(code, reason),
  };
  const connection = new StreamConnection(ctx, sink, auth, token);
  ws.on("close", () => void connection.close());
  ws.on("error", (error) => log.debug("WebSocket error: {error}", { error }));
  ws.on("message", (data) => void connection.onMessage(String(data)).catch((error) => log.error("Stream message failed: {error}", { error })));
  const initial = query.get("stream");
  if (initial) await connection.subscribe(initial, query.get("tag") ?? query.get("list") ?? undefined);
}
