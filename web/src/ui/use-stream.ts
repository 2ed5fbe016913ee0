import { useEffect, useRef } from "preact/hooks";
import { useSession } from "../session.tsx";

/** Longest wait between reconnection attempts: the server may be restarting. */
const MAX_BACKOFF_MS = 30_000;

/**
 * Follows one stream of the streaming API over a WebSocket and calls `onEvent` with each event's
 * parsed payload; reconnects with backoff. The token travels as the subprotocol, never in the URL.
 */
export function useStream(stream: string, onEvent: (event: string, payload: unknown) => void, enabled = true): void {
  const { client, session } = useSession();
  // The latest handler, without reconnecting whenever the caller renders.
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    if (!enabled || !session) return;
    let socket: WebSocket | null = null;
    let closed = false;
    let backoff = 1000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      const url = new URL("/api/v1/streaming", client.origin.replace(/^http/, "ws"));
      url.searchParams.set("stream", stream);
      socket = new WebSocket(url, session.accessToken);
      socket.onopen = () => { backoff = 1000; };
      socket.onmessage = (message) => {
        try {
          const data = JSON.parse(String(message.data)) as { event: string; payload?: string };
          handler.current(data.event, data.payload ? JSON.parse(data.payload) : null);
        } catch {
          // A malformed frame is skipped; the next one may be fine.
        }
      };
      socket.onclose = () => {
        if (closed) return;
        timer = setTimeout(connect, backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      };
    };
    connect();
    return () => {
      closed = true;
      clearTimeout(timer);
      socket?.close();
    };
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- the session's key names its token
  }, [client, session?.key, stream, enabled]);
}
