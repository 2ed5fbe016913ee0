import type { MiddlewareHandler } from "hono";
import type { Env } from "../api/http/env.ts";
import type { AppContext } from "../context.ts";
import { federationOf } from "./federation.ts";
import { isDeletedNote } from "./statuses-out.ts";

/** Paths Fedify may answer; everything else goes straight to our own routes. */
const federationPaths = /^\/(\.well-known\/(webfinger|nodeinfo)|nodeinfo\/|users\/|inbox$)/;
/** Deliveries larger than this are refused before parsing (Mastodon's limit is similar). */
const MAX_INBOX_BYTES = 1 << 20;
const activityJson = /application\/(activity\+json|ld\+json)/i;

/**
 * Hands ActivityPub, WebFinger and NodeInfo requests to Fedify, falling through to our routes
 * when Fedify has no route (404) or the client wants HTML (406), so `/@alice` and
 * `/users/alice` serve both browsers and servers. `/@alice` asked for as ActivityPub JSON is
 * answered with the actor document itself, as Mastodon does.
 */
export function federationBridge(ctx: AppContext): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (c.req.path === "/.well-known/host-meta") return hostMeta(ctx);
    let request = c.req.raw;
    const profile = /^\/@([A-Za-z0-9_]+)$/.exec(c.req.path);
    if (profile && activityJson.test(c.req.header("accept") ?? "")) {
      request = new Request(new URL(`/users/${profile[1]}`, c.req.url), request);
    } else if (!federationPaths.test(c.req.path)) {
      return next();
    }
    const note = /^\/users\/([^/]+)\/statuses\/([^/]+)$/.exec(c.req.path);
    if (note && activityJson.test(c.req.header("accept") ?? "") && await isDeletedNote(ctx, note[1]!, note[2]!)) {
      return c.json({ error: "Gone" }, 410);
    }
    if (request.method === "POST") {
      const body = await readCapped(request, MAX_INBOX_BYTES);
      if (body === undefined) return c.json({ error: "Payload too large" }, 413);
      request = new Request(request.url, { method: "POST", headers: request.headers, body });
    }
    let fallThrough = false;
    const response = await federationOf(ctx).federation.fetch(request, {
      contextData: ctx,
      onNotFound: () => {
        fallThrough = true;
        return new Response(null, { status: 404 });
      },
      onNotAcceptable: () => {
        fallThrough = true;
        return new Response(null, { status: 406 });
      },
    });
    if (fallThrough) return next();
    return response;
  };
}

/** host-meta (RFC 6415): points older clients at our WebFinger endpoint. */
function hostMeta(ctx: AppContext): Response {
  const template = `${ctx.config.origin}/.well-known/webfinger?resource={uri}`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">
  <Link rel="lrdd" template="${template.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"/>
</XRD>
`;
  return new Response(xml, { headers: { "content-type": "application/xrd+xml; charset=utf-8" } });
}

/** Reads a request body, giving up (undefined) as soon as it exceeds `max` bytes. */
async function readCapped(request: Request, max: number): Promise<ArrayBuffer | undefined> {
  if (Number(request.headers.get("content-length") ?? 0) > max) return undefined;
  if (!request.body) return new ArrayBuffer(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const whole = Buffer.concat(chunks);
  return whole.buffer.slice(whole.byteOffset, whole.byteOffset + whole.byteLength) as ArrayBuffer;
}
