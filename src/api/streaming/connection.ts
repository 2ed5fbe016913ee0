import type { AppContext } from "../../context.ts";
import { authenticate, type Auth } from "../http/auth.ts";
import { grants } from "../http/scopes.ts";
import { serializeStatuses } from "../mastodon/entities/status.ts";
import { serializeConversationOfStatus } from "../mastodon/entities/conversation.ts";
import { loadNotificationEntity } from "../mastodon/entities/notification.ts";
import { logger } from "../../log.ts";
import { passesTimelineFilters } from "../../timelines/filters.ts";
import { resolveStream, type ResolvedStream, type StreamMessage } from "./streams.ts";

const log = logger("streaming");
/** How often a quiet connection re-checks its token and account (events re-check on arrival). */
const RECHECK_MS = 60_000;
/** Subscriptions one connection may hold. */
const MAX_SUBSCRIPTIONS = 64;

/** What a connection sends: an event of a stream, or an error answering a client's request. */
export type StreamFrame = { stream: string[]; event: string; payload?: string } | { error: string; status: number };

/** Where a connection's frames go: a WebSocket, or a server-sent events response. */
export interface StreamSink {
  readonly open: boolean;
  send(frame: StreamFrame): void;
  /** Ends the connection (1008: policy violation, such as a revoked token). */
  close(code: number, reason: string): void;
}

interface Subscription {
  stream: ResolvedStream;
  off: () => Promise<void>;
}

/**
 * One streaming client: its subscriptions, and the rendering of each event for its viewer.
 * A revoked token, or a user who may no longer log in, ends the connection.
 */
export class StreamConnection {
  readonly #ctx: AppContext;
  readonly #sink: StreamSink;
  readonly #token: string | null;
  readonly #auth: Auth | null;
  readonly #subscriptions = new Map<string, Subscription>();
  readonly #recheck: NodeJS.Timeout;

  constructor(ctx: AppContext, sink: StreamSink, auth: Auth | null, token: string | null) {
    this.#ctx = ctx;
    this.#sink = sink;
    this.#auth = auth;
    this.#token = token;
    this.#recheck = setInterval(() => void this.#stillAuthorized(), RECHECK_MS);
  }

  get #viewer(): string | null {
    return this.#auth?.accountId ?? null;
  }

  /** Handles a client message: `{"type":"subscribe"|"unsubscribe","stream":…,"tag"|"list":…}`. */
  async onMessage(text: string): Promise<void> {
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return this.#sendError("Invalid JSON");
    }
    const { type, stream, tag, list } = (typeof msg === "object" && msg !== null ? msg : {}) as Record<string, unknown>;
    const param = typeof tag === "string" ? tag : typeof list === "string" || typeof list === "number" ? String(list) : undefined;
    if (typeof stream !== "string") return this.#sendError("Unknown stream type");
    if (type === "subscribe") return this.subscribe(stream, param);
    if (type === "unsubscribe") return this.unsubscribe(stream, param);
    this.#sendError("Unknown message type");
  }

  /** Subscribes to a stream, answering Mastodon's error message when it cannot. */
  async subscribe(name: string, param?: string): Promise<void> {
    const refusal = await this.refusal(name, param);
    if (refusal) return this.#sendError(refusal);
    await this.#listen(name, param);
  }

  /** Why this connection may not read a stream (Mastodon's message), or null when it may. */
  async refusal(name: string, param?: string): Promise<string | null> {
    if (this.#subscriptions.size >= MAX_SUBSCRIPTIONS) return "Too many subscriptions";
    const stream = resolveStream(name, this.#viewer, param);
    if ("error" in stream) return stream.error;
    if (stream.scope && !(this.#auth && grants(this.#auth.scopes, stream.scope))) return "Access token does not have the required scopes";
    if (name === "list" && !(await this.#ownsList(param!))) return "Permission denied";
    return null;
  }

  async #listen(name: string, param?: string): Promise<void> {
    const key = `${name}:${param ?? ""}`;
    const stream = resolveStream(name, this.#viewer, param);
    if (this.#subscriptions.has(key) || "error" in stream) return;
    const stored = name === "hashtag" || name === "hashtag:local" ? param!.replace(/^#/, "").trim() : param;
    const off = await this.#ctx.pubsub.subscribe(stream.channel, (m) => {
      void this.#deliver(name, stored, stream, m as StreamMessage).catch((error) => log.error("Stream delivery failed: {error}", { error }));
    });
    if (this.#subscriptions.has(key) || !this.#sink.open) return void (await off());
    this.#subscriptions.set(key, { stream, off });
  }

  async unsubscribe(name: string, param?: string): Promise<void> {
    const key = `${name}:${param ?? ""}`;
    const subscription = this.#subscriptions.get(key);
    this.#subscriptions.delete(key);
    await subscription?.off();
  }

  async close(): Promise<void> {
    clearInterval(this.#recheck);
    const all = [...this.#subscriptions.values()];
    this.#subscriptions.clear();
    for (const s of all) await s.off();
  }

  async #ownsList(listId: string): Promise<boolean> {
    const [row] = await this.#ctx.sql`select 1 from lists where id = ${listId} and account_id = ${this.#viewer}`;
    return Boolean(row);
  }

  async #stillAuthorized(): Promise<boolean> {
    if (!this.#token) return true;
    if (await authenticate(this.#ctx, this.#token)) return true;
    this.#sink.close(1008, "Access token is no longer valid");
    return false;
  }

  async #deliver(name: string, param: string | undefined, stream: ResolvedStream, m: StreamMessage): Promise<void> {
    if (!stream.events.includes(m.event) || !(await this.#stillAuthorized())) return;
    const payload = await this.#render(name, m);
    if (payload === null || !this.#sink.open) return;
    this.#sink.send({ stream: param ? [name, param] : [name], event: m.event, ...(payload === undefined ? {} : { payload }) });
  }

  /** The event's payload for this viewer: a JSON string, the bare id for deletes, undefined when none, null to skip. */
  async #render(name: string, m: StreamMessage): Promise<string | null | undefined> {
    const viewer = this.#viewer;
    if (m.event === "filters_changed") return undefined;
    if (!m.id) return null;
    if (m.event === "delete") return m.id;
    if (m.event === "notification" || m.event === "conversation") {
      if (!viewer) return null;
      const entity = m.event === "notification"
        ? await loadNotificationEntity(this.#ctx, viewer, m.id)
        : await serializeConversationOfStatus(this.#ctx, viewer, m.id);
      return entity ? JSON.stringify(entity) : null;
    }
    // Timeline streams hold back what the viewer's timelines would, and apply their filters.
    const publicTimeline = name.startsWith("public") || name.startsWith("hashtag");
    if (!(await passesTimelineFilters(this.#ctx.sql, viewer, m.id, publicTimeline))) return null;
    const [status] = await serializeStatuses(this.#ctx, viewer, [m.id], publicTimeline ? "public" : "home");
    return status ? JSON.stringify(status) : null;
  }

  #sendError(error: string): void {
    if (this.#sink.open) this.#sink.send({ error, status: 400 });
  }
}
