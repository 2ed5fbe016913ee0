import type { DocumentLoader, RemoteDocument } from "@fedify/vocab-runtime";
import { FetchError, preloadedContexts } from "@fedify/vocab-runtime";
import { signRequest } from "@fedify/fedify";
import { parseJsonCapped, safeFetch, type FetchPolicy } from "./safe-fetch.ts";

/** The key a signed fetch is made with. */
export interface SignerIdentity {
  readonly keyId: URL;
  readonly privateKey: CryptoKey;
}

const jsonTypes = /^application\/(activity\+json|ld\+json|json|jrd\+json)\b|\+json\b/i;

/**
 * Fedify's document loader over `safeFetch`: every remote JSON-LD document and context goes
 * through the SSRF policy, the deadlines, the size cap and the nesting cap. Well-known
 * contexts come from Fedify's preloaded copies and are never fetched.
 */
export function createDocumentLoader(policy: FetchPolicy, headers: Record<string, string> = {}, identity?: SignerIdentity): DocumentLoader {
  return async (url: string, options?: { signal?: AbortSignal | null }): Promise<RemoteDocument> => {
    const preloaded = preloadedContexts[url];
    if (preloaded) return { contextUrl: null, documentUrl: url, document: preloaded };
    let request = new Request(url, { headers: { accept: 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"', ...headers } });
    // Signed fetches ("authorized fetch" servers answer 401 to anonymous GETs).
    if (identity) request = await signRequest(request, identity.privateKey, identity.keyId);
    const response = await safeFetch(url, { headers: request.headers, ...(options?.signal ? { signal: options.signal } : {}) }, policy);
    if (!response.ok) throw new FetchError(url, `HTTP ${response.status} fetching ${url}`);
    const type = response.headers.get("content-type") ?? "";
    if (!jsonTypes.test(type)) throw new FetchError(url, `Not a JSON document (${type || "no content type"}): ${url}`);
    return { contextUrl: null, documentUrl: response.url, document: parseJsonCapped(await response.text()) };
  };
}
