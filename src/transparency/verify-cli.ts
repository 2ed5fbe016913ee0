/**
 * `stoa verify-log <url|file> [--key=X]`: fetches or reads a transparency log export and
 * re-checks every hash, link and signature. A URL that is not an export itself is taken as the
 * instance origin. `--key` pins the expected Ed25519 public key (the JWK `x`, base64url).
 * Exit 0 when the whole log holds, 1 when an entry fails (named on stdout), 2 on bad usage.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { verifyLog } from "./verify.ts";

export const EXPORT_PATH = "/api/stoa/v1/transparency/export";
const USAGE = "usage: stoa verify-log <url|file> [--key=BASE64URL]";

/** Runs `stoa verify-log` with `argv` (after `verify-log`); prints with `out`. */
export async function runVerifyLogCli(argv: string[], out: (s: string) => void): Promise<number> {
  let source: string;
  let key: string | undefined;
  try {
    const parsed = parseArgs({ args: argv, allowPositionals: true, options: { key: { type: "string" } } });
    if (parsed.positionals.length !== 1) throw new Error("give exactly one URL or file");
    source = parsed.positionals[0]!;
    key = parsed.values.key;
  } catch (error) {
    out(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = await load(source);
  } catch (error) {
    out(`cannot read ${source}: ${(error as Error).message}`);
    return 2;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    out(`FAIL: ${source} is not JSON`);
    return 1;
  }
  const result = verifyLog(doc, key ? { kty: "OKP", crv: "Ed25519", x: key } : undefined);
  if (result.ok) {
    out(`OK: ${result.count} entries verified; head ${result.head}; signing key fingerprint (SHA-256) ${result.keyFingerprint}`);
    return 0;
  }
  const where = result.seq !== null ? `entry ${result.seq}${result.index !== null ? ` (position ${result.index + 1})` : ""}: ` : result.index !== null ? `position ${result.index + 1}: ` : "";
  out(`FAIL: ${where}${result.reason}`);
  return 1;
}

async function load(source: string): Promise<string> {
  if (!/^https?:\/\//i.test(source)) return readFile(source, "utf8");
  const url = new URL(source);
  if (!url.pathname.endsWith("/export")) url.pathname = EXPORT_PATH;
  const response = await fetch(url, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${url.href}`);
  // A web app answering every path with its HTML is an address without a log, not a broken log.
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) throw new Error(`${url.href} answered ${type || "without a content type"}, not a JSON export`);
  return response.text();
}
