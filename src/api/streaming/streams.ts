import { channels } from "../../timelines/publish.ts";

/**
 * What travels on the pub/sub seam: small messages with ids (`{ event, id }`). Each
 * connection renders the entity for its own viewer, so visibility and viewer flags are right.
 * `filters_changed` carries no id.
 */
export interface StreamMessage {
  event: "update" | "delete" | "notification" | "status.update" | "conversation" | "filters_changed";
  id?: string;
}

/** A Mastodon stream resolved to its pub/sub channel and the scope a token needs to read it. */
export interface ResolvedStream {
  channel: string;
  /** null: anyone may listen, even without a token. */
  scope: string | null;
  /** The events this stream carries. */
  events: readonly StreamMessage["event"][];
}

const TIMELINE_EVENTS = ["update", "delete", "status.update"] as const;
const PUBLIC_STREAMS: Record<string, [scope: "all" | "local" | "remote", onlyMedia: boolean]> = {
  "public": ["all", false],
  "public:media": ["all", true],
  "public:local": ["local", false],
  "public:local:media": ["local", true],
  "public:remote": ["remote", false],
  "public:remote:media": ["remote", true],
};

/**
 * Resolves a stream name (and its `tag` or `list` parameter) for a viewer, or gives the
 * error Mastodon answers: unknown stream, missing parameter, or a token needed.
 */
export function resolveStream(stream: string, viewer: string | null, param: string | undefined): ResolvedStream | { error: string } {
  const publicStream = PUBLIC_STREAMS[stream];
  if (publicStream) return { channel: channels.public(...publicStream), scope: null, events: TIMELINE_EVENTS };
  if (stream === "hashtag" || stream === "hashtag:local") {
    const tag = param?.replace(/^#/, "").trim();
    if (!tag || tag.length > 100) return { error: "No tag for stream provided" };
    return { channel: channels.hashtag(tag, stream === "hashtag:local"), scope: null, events: TIMELINE_EVENTS };
  }
  const needsAccount = ["user", "user:notification", "list", "direct"].includes(stream);
  if (!needsAccount) return { error: "Unknown stream type" };
  if (!viewer) return { error: "Missing access token" };
  switch (stream) {
    case "user":
      return { channel: channels.user(viewer), scope: "read:statuses", events: [...TIMELINE_EVENTS, "notification", "filters_changed"] };
    case "user:notification":
      return { channel: channels.user(viewer), scope: "read:notifications", events: ["notification"] };
    case "direct":
      return { channel: channels.direct(viewer), scope: "read:statuses", events: ["conversation", "delete"] };
    default:
      if (!param || !/^[0-9]{1,19}$/.test(param)) return { error: "No list for stream provided" };
      return { channel: channels.list(param), scope: "read:lists", events: TIMELINE_EVENTS };
  }
}
