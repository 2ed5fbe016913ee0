import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isPublicAddress } from "./addresses.ts";

/** Limits every remote request obeys. Only the address rule is ever relaxed (tests). */
export interface FetchPolicy {
  /** Whether a resolved address may be contacted. */
  readonly allowAddress: (address: string) => boolean;
  /** Deadline for the TCP connection to open. */
  readonly connectTimeoutMs: number;
  /** Deadline for the whole exchange, redirects and body included. */
  readonly totalTimeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxRedirects: number;
}

/** The policy for ActivityPub documents and deliveries: small bodies, short deadlines. */
export function fetchPolicy(options: { allowPrivateAddresses: boolean }): FetchPolicy {
  const allowAddress = options.allowPrivateAddresses ? () => true : isPublicAddress;
  return { allowAddress, connectTimeoutMs: 5_000, totalTimeoutMs: 15_000, maxBodyBytes: 1 << 20, maxRedirects: 5 };
}

/** Why a remote request was refused or failed; `url` is the hop that failed. */
export class RemoteFetchError extends Error {
  override name = "RemoteFetchError";
  readonly url: string;
  constructor(url: string, message: string) {
    super(`${message} (${url})`);
    this.url = url;
  }
}

export interface SafeRequestInit {
  method?: string;
  headers?: HeadersInit;
  body?: string | Uint8Array;
  signal?: AbortSignal;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches a remote URL without letting it reach private networks: each hop's host is resolved
 * first, every resolved address is checked, and the connection is pinned to the checked address
 * (no second lookup to race against). Redirects are followed by hand and re-checked. The body is
 * read whole under a size cap and a total deadline, so a peer that trickles bytes is cut off.
 */
export async function safeFetch(input: string | URL, init: SafeRequestInit, policy: FetchPolicy): Promise<Response> {
  const deadline = AbortSignal.timeout(policy.totalTimeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
  let url = new URL(input);
  let method = (init.method ?? "GET").toUpperCase();
  let body = init.body;
  for (let hop = 0; ; hop++) {
    const response = await fetchOnce(url, { method, headers: new Headers(init.headers), body, signal }, policy);
    const location = response.headers.get("location");
    if (!redirectStatuses.has(response.status) || location === null) {
      Object.defineProperty(response, "url", { value: url.href });
      return response;
    }
    if (hop >= policy.maxRedirects) throw new RemoteFetchError(url.href, "Too many redirects");
    url = new URL(location, url);
    if (response.status === 303 || (response.status !== 307 && response.status !== 308 && method === "POST")) {
      method = "GET";
      body = undefined;
    }
  }
}

/** Resolves `hostname` and returns the address to pin, refusing non-public ones. */
async function resolvePinned(url: URL, policy: FetchPolicy): Promise<{ address: string; family: 4 | 6 }> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const literal = isIP(host);
  const addresses = literal ? [{ address: host, family: literal }] : await dnsLookup(host, { all: true, verbatim: true }).catch((error: Error) => {
    throw new RemoteFetchError(url.href, `Cannot resolve host: ${error.message}`);
  });
  if (addresses.length === 0) throw new RemoteFetchError(url.href, "Host has no address");
  const refused = addresses.find((a) => !policy.allowAddress(a.address));
  if (refused) throw new RemoteFetchError(url.href, `Refusing non-public address ${refused.address}`);
  const first = addresses[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

async function fetchOnce(url: URL, init: { method: string; headers: Headers; body: string | Uint8Array | undefined; signal: AbortSignal }, policy: FetchPolicy): Promise<Response> {
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new RemoteFetchError(url.href, `Unsupported scheme ${url.protocol}`);
  if (url.username || url.password) throw new RemoteFetchError(url.href, "Credentials in URL");
  init.signal.throwIfAborted();
  const pinned = await resolvePinned(url, policy);
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const headers: Record<string, string> = {};
  init.headers.forEach((value, key) => { headers[key] = value; });
  if (init.body !== undefined) headers["content-length"] = String(Buffer.byteLength(init.body));
  const client = url.protocol === "https:" ? https : http;
  return new Promise<Response>((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      init.signal.removeEventListener("abort", onAbort);
      request.destroy();
      reject(error instanceof RemoteFetchError ? error : new RemoteFetchError(url.href, error.message));
    };
    const onAbort = () => fail(new RemoteFetchError(url.href, "Deadline exceeded"));
    const request = client.request(url, { method: init.method, headers, lookup, agent: false }, (res) => {
      const status = res.statusCode ?? 0;
      if (redirectStatuses.has(status)) res.resume();
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > policy.maxBodyBytes) return fail(new RemoteFetchError(url.href, `Body over ${policy.maxBodyBytes} bytes`));
        if (!redirectStatuses.has(status)) chunks.push(chunk);
      });
      res.on("error", fail);
      res.on("end", () => {
        if (settled) return;
        settled = true;
        init.signal.removeEventListener("abort", onAbort);
        const responseHeaders = new Headers();
        for (const [key, value] of Object.entries(res.headers)) {
          if (value === undefined) continue;
          for (const v of Array.isArray(value) ? value : [value]) responseHeaders.append(key, v);
        }
        const nullBody = status === 204 || status === 304 || init.method === "HEAD";
        resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
      });
    });
    const connectTimer = setTimeout(() => fail(new RemoteFetchError(url.href, "Connect timeout")), policy.connectTimeoutMs);
    request.on("socket", (socket) => socket.once("connect", () => clearTimeout(connectTimer)));
    request.on("error", fail);
    if (init.signal.aborted) return onAbort();
    init.signal.addEventListener("abort", onAbort, { once: true });
    request.end(init.body);
  });
}

/**
 * Parses JSON after checking that arrays and objects nest at most `maxDepth` deep, so that a
 * hostile document cannot exhaust the stack of the parser or of anything walking the result.
 */
export function parseJsonCapped(text: string, maxDepth = 64): unknown {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) throw new SyntaxError(`JSON nested deeper than ${maxDepth}`);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return JSON.parse(text);
}
