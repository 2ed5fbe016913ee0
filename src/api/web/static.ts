import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Hono, type Context } from "hono";
import type { Env } from "../http/env.ts";

/** Where `npm run build` puts the web app, relative to this module. */
export const defaultWebDist = fileURLToPath(new URL("../../../web/dist", import.meta.url));

/** Server paths the web app must never answer for, even when nothing else matched. */
const RESERVED_PREFIXES = ["/api", "/oauth", "/.well-known", "/system", "/health", "/users", "/inbox", "/nodeinfo"];

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * The SPA may call any instance (several accounts on several servers), hence connect-src *;
 * scripts only from here, so server-sanitized post HTML can never run code.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src * data: blob:", "media-src * blob:",
  "connect-src *", "font-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "object-src 'none'",
].join("; ");

/** True when the path belongs to the server (API, OAuth, federation, media), not to the app. */
export function isReservedPath(requestPath: string): boolean {
  return RESERVED_PREFIXES.some((prefix) => requestPath === prefix || requestPath.startsWith(`${prefix}/`));
}

/** Serves the built web app: hashed assets and, for any app route, the SPA's HTML. Register it last. */
export function webRoutes(distDir: string = defaultWebDist): Hono<Env> {
  const app = new Hono<Env>();
  app.get("*", async (c, next) => {
    const requestPath = decodePath(c.req.path);
    if (requestPath === null || isReservedPath(requestPath)) return next();
    const file = await readDistFile(distDir, requestPath);
    if (file) return serveAsset(c, requestPath, file);
    // Paths that name a file (an extension) and were not found are plain 404s, not the app.
    if (path.extname(requestPath) !== "") return next();
    return serveAppHtml(c, distDir);
  });
  return app;
}

function decodePath(requestPath: string): string | null {
  try {
    return decodeURIComponent(requestPath);
  } catch {
    return null;
  }
}

/** Reads a file of dist/ by its URL path; null when absent or outside dist/ (no traversal). */
async function readDistFile(distDir: string, requestPath: string): Promise<Uint8Array | null> {
  if (requestPath === "/" || requestPath.endsWith("/") || requestPath.includes("\0")) return null;
  const resolved = path.resolve(distDir, `.${requestPath}`);
  if (!resolved.startsWith(distDir + path.sep)) return null;
  // The manifest is a build artefact for the budget check, not something to publish.
  if (resolved.startsWith(path.join(distDir, ".vite"))) return null;
  try {
    return await readFile(resolved);
  } catch {
    return null;
  }
}

function serveAsset(c: Context<Env>, requestPath: string, body: Uint8Array): Response {
  const type = CONTENT_TYPES[path.extname(requestPath)] ?? "application/octet-stream";
  c.header("Content-Type", type);
  c.header("X-Content-Type-Options", "nosniff");
  // Files under /assets/ carry a content hash in their name: they never change.
  c.header("Cache-Control", requestPath.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "public, max-age=300");
  if (type.startsWith("text/html")) securityHeaders(c);
  return c.body(body as Uint8Array<ArrayBuffer>);
}

async function serveAppHtml(c: Context<Env>, distDir: string): Promise<Response> {
  securityHeaders(c);
  c.header("Cache-Control", "no-cache");
  try {
    return c.html(await readFile(path.join(distDir, "index.html"), "utf8"));
  } catch {
    return c.html(notBuiltPage, 503);
  }
}

function securityHeaders(c: Context<Env>): void {
  c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  c.header("X-Content-Type-Options", "nosniff");
  // OAuth codes arrive in the callback's query string: never leak them to other sites.
  c.header("Referrer-Policy", "no-referrer");
}

const notBuiltPage = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Stoa</title>
<main><h1>The web app is not built yet</h1><p>Run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload.</p></main></html>`;
