import { parseLinkHeader, type PageLinks } from "./link-header.ts";

/** An error answered by the server, with Mastodon's `error` text when it sent one. */
export class ApiFailure extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export interface Page<T> {
  items: T[];
  links: PageLinks;
}

type Query = Record<string, string | number | boolean | string[] | undefined>;

export interface ApiClient {
  /** The instance origin this client talks to, e.g. `https://stoa.example`. */
  readonly origin: string;
  get<T>(path: string, query?: Query): Promise<T>;
  /** A list with its `Link` pagination; `path` may be a full URL taken from a previous page. */
  page<T>(path: string, query?: Query): Promise<Page<T>>;
  post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  delete(path: string): Promise<void>;
  /** Sends a multipart form (media uploads). */
  upload<T>(path: string, form: FormData): Promise<T>;
}

function urlFor(origin: string, path: string, query: Query = {}): string {
  const url = new URL(path, origin);
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(`${key}[]`, item);
    else url.searchParams.set(key, String(value));
  }
  return url.toString();
}

async function failureOf(response: Response): Promise<ApiFailure> {
  let message = response.statusText || `HTTP ${response.status}`;
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === "string") message = body.error;
  } catch {
    // Not JSON (a proxy's error page, say): the status text is all there is.
  }
  return new ApiFailure(response.status, message);
}

/** A client for one instance, authenticated by `accessToken` when given. */
export function createClient(origin: string, accessToken?: string, fetcher: typeof fetch = fetch.bind(globalThis)): ApiClient {
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    accept: "application/json",
    ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
    ...extra,
  });
  const send = async (method: string, url: string, body?: unknown, extra?: Record<string, string>) => {
    // A FormData body sets its own multipart content type, boundary included.
    const form = body instanceof FormData;
    const init: RequestInit = { method, headers: headers(body === undefined || form ? extra : { "content-type": "application/json", ...extra }) };
    if (body !== undefined) init.body = form ? body : JSON.stringify(body);
    const response = await fetcher(url, init);
    if (!response.ok) throw await failureOf(response);
    return response;
  };
  return {
    origin,
    get: async <T,>(path: string, query?: Query) => (await (await send("GET", urlFor(origin, path, query))).json()) as T,
    page: async <T,>(path: string, query?: Query) => {
      const response = await send("GET", urlFor(origin, path, query));
      return { items: (await response.json()) as T[], links: parseLinkHeader(response.headers.get("link")) };
    },
    post: async <T,>(path: string, body?: unknown, extra?: Record<string, string>) => (await (await send("POST", urlFor(origin, path), body ?? {}, extra)).json()) as T,
    put: async <T,>(path: string, body?: unknown) => (await (await send("PUT", urlFor(origin, path), body ?? {})).json()) as T,
    delete: async (path: string) => { await send("DELETE", urlFor(origin, path)); },
    patch: async <T,>(path: string, body?: unknown) => (await (await send("PATCH", urlFor(origin, path), body ?? {})).json()) as T,
    upload: async <T,>(path: string, form: FormData) => (await (await send("POST", urlFor(origin, path), form)).json()) as T,
  };
}
