/**
 * Streaming channels on the pub/sub seam. Messages are small (`{ event, id }`); each
 * connection renders the entity for its own viewer, so visibility and viewer flags are right.
 */
export interface StreamMessage {
  event: "update" | "delete" | "notification" | "status.update";
  id: string;
}

/** Pub/sub channel for a Mastodon stream name and its parameter. */
export function channelFor(stream: string, accountId: string | null, param?: string): string | null {
  switch (stream) {
    case "user":
    case "user:notification":
      return accountId ? `user:${accountId}` : null;
    case "public":
    case "public:local":
    case "public:remote":
      return `timeline:${stream}`;
    case "hashtag":
    case "hashtag:local":
      return param ? `timeline:${stream}:${param.toLowerCase()}` : null;
    default:
      return null;
  }
}
