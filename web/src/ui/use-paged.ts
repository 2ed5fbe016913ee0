import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiFailure, type Page } from "../api/client.ts";
import { useSession } from "../session.tsx";

export type PagedState<T> =
  | { kind: "loading" }
  | { kind: "failed"; reason: string; status: number | null }
  | { kind: "ready"; items: T[]; older: string | null; loadingOlder: boolean };

export interface Paged<T> {
  state: PagedState<T>;
  /** Fetches the next (older) page through the Link header; never automatically. */
  loadOlder(): Promise<void>;
  reload(): Promise<void>;
  prepend(item: T): void;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A Mastodon list with `Link` pagination, loaded page by page on request. */
export function usePaged<T>(first: () => Promise<Page<T>>, deps: unknown[]): Paged<T> {
  const { client } = useSession();
  const [state, setState] = useState<PagedState<T>>({ kind: "loading" });

  const reload = useCallback(async () => {
    setState({ kind: "loading" });
    try {
      const page = await first();
      setState({ kind: "ready", items: page.items, older: page.items.length ? page.links.next : null, loadingOlder: false });
    } catch (error) {
      setState({ kind: "failed", reason: reasonOf(error), status: error instanceof ApiFailure ? error.status : null });
    }
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the first page depends on
  }, deps);

  useEffect(() => { void reload(); }, [reload]);

  const loadOlder = async () => {
    if (state.kind !== "ready" || !state.older || state.loadingOlder) return;
    setState({ ...state, loadingOlder: true });
    try {
      const page = await client.page<T>(state.older);
      setState({ kind: "ready", items: [...state.items, ...page.items], older: page.items.length ? page.links.next : null, loadingOlder: false });
    } catch (error) {
      setState({ kind: "failed", reason: reasonOf(error), status: error instanceof ApiFailure ? error.status : null });
    }
  };

  const prepend = (item: T) => setState((s) => (s.kind === "ready" ? { ...s, items: [item, ...s.items] } : s));
  return { state, loadOlder, reload, prepend };
}

/** Orders Mastodon ids (decimal strings of any length) without losing precision. */
export function compareIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}
