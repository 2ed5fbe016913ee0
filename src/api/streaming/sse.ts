import { Hono, type Context } from "hono";
import { streamSSE, type SSEStreamingApi } from "hono/streaming";
import type { AppContext } from "../../context.ts";
import { ApiError } from "../../lib/errors.ts";
import { bearerToken, tokenOptional } from "../http/auth.ts";
import type { Env } from "../http/env.ts";
import { StreamConnection, type StreamFrame, type StreamSink } from "./connection.ts";

/** Comment lines keep idle proxies from closing the response. */
const HEARTBEAT_MS = 15_000;

/** Mastodon's HTTP paths of each stream (server-sent events), under /api/v1/streaming. */
const PATHS: Record<string, string> = {
  "/user": "user",
  "/user/notification": "user:notification",
  "/public": "public",
  "/public/local": "public:local",
  "/public/remote": "public:remote",
  "/hashtag": "hashtag",
  "/hashtag/local": "hashtag:local",
  "/list": "list",
  "/direct": "direct",
};

/**
 * The streaming API as server-sent events (`event: update`, `data: <payload>`), for clients
 * that do not use the WebSocket: the same streams, rendered by the same StreamConnection.
 */
export function streamingSseRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  for (const [path, name] of Object.entries(PATHS)) {
    app.get(`/api/v1/streaming${path}`, tokenOptional(ctx), (c) => {
      const onlyMedia = ["1", "true"].includes(c.req.query("only_media") ?? "");
      return serve(ctx, c, name.startsWith("public") && onlyMedia ? name.replace(/^public(:local|:remote)?$/, "public$1:media") : name);
    });
  }
  // A plain GET on the WebSocket's path names its stream in the query, as Mastodon allows.
  app.get("/api/v1/streaming", tokenOptional(ctx), (c) => serve(ctx, c, c.req.query("stream") ?? ""));
  return app;
}

async function serve(ctx: AppContext, c: Context<Env>, name: string) {
  const param = c.req.query("tag") ?? c.req.query("list");
  const sink = new SseSink();
  const connection = new StreamConnection(ctx, sink, c.get("auth") ?? null, bearerToken(c) ?? null);
  const refusal = await connection.refusal(name, param);
  if (refusal) {
    await connection.close();
    throw refusalError(refusal);
  }
  return streamSSE(c, async (stream) => {
    sink.attach(stream);
    const heartbeat = setInterval(() => sink.comment("thump"), HEARTBEAT_MS);
    sink.comment(")");
    await connection.subscribe(name, param);
    await sink.finished;
    clearInterval(heartbeat);
    await connection.close();
  });
}

/** Frames as server-sent events; errors are answered before the stream opens, so none are sent. */
class SseSink implements StreamSink {
  #stream: SSEStreamingApi | null = null;
  #finish: () => void = () => {};
  /** Settles when the client leaves or the connection is closed. */
  readonly finished = new Promise<void>((resolve) => (this.#finish = resolve));

  attach(stream: SSEStreamingApi): void {
    this.#stream = stream;
    stream.onAbort(() => this.#finish());
  }

  get open(): boolean {
    return this.#stream !== null && !this.#stream.aborted && !this.#stream.closed;
  }

  send(frame: StreamFrame): void {
    if (!this.#stream || "error" in frame) return;
    this.#stream.writeSSE({ event: frame.event, data: frame.payload ?? "" }).catch(() => this.#finish());
  }

  comment(text: string): void {
    this.#stream?.write(`:${text}\n\n`).catch(() => this.#finish());
  }

  close(): void {
    this.#finish();
  }
}

function refusalError(message: string): ApiError {
  if (message === "Missing access token") return new ApiError(401, message);
  if (message === "Access token does not have the required scopes") return new ApiError(403, message);
  if (message === "Permission denied") return new ApiError(404, "Record not found");
  return new ApiError(400, message);
}
