import type { LogEntry } from "./entry.ts";
import type { SignedHead } from "./head.ts";

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The public log as a server-rendered page: readable without JavaScript, newest entries first,
 * with the head, the signing key and how to verify everything independently.
 */
export function renderLogPage(o: { head: SignedHead; publicJwk: Record<string, unknown>; entries: LogEntry[]; olderBefore: number | null }): string {
  const rows = o.entries.map((e) => `<tr id="e${e.seq}">
<td><a href="#e${e.seq}">${e.seq}</a></td><td><time datetime="${escape(e.time)}">${escape(e.time.replace("T", " ").slice(0, 19))} UTC</time></td>
<td>${escape(e.kind)}</td><td><pre>${escape(JSON.stringify(e.payload, null, 2))}</pre></td>
<td><code title="previous: ${escape(e.prev)}">${escape(e.hash.slice(0, 16))}…</code></td></tr>`).join("\n");
  const older = o.olderBefore ? `<p><a href="/transparency?before=${o.olderBefore}">Older entries</a></p>` : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Transparency log</title></head>
<body><main>
<h1>Transparency log</h1>
<p>Every moderation decision, sanction, rule change and governance result of this instance, in order.
Each entry holds the hash of the one before it and is signed with the instance key, so no one can change,
remove or reorder an entry unnoticed. Entries never name reporters or show private content.</p>
<dl>
<dt>Entries</dt><dd>${o.head.seq}</dd>
<dt>Head hash</dt><dd><code>${escape(o.head.hash)}</code></dd>
<dt>Signing key (Ed25519, JWK <code>x</code>)</dt><dd><code>${escape(String(o.publicJwk.x))}</code></dd>
</dl>
<p>Verify it yourself: <code>npx stoa verify-log ${escape(o.head.instance)}</code>, or download the
<a href="/api/stoa/v1/transparency/export">full export</a> (JSON).</p>
<table><thead><tr><th scope="col">#</th><th scope="col">Time</th><th scope="col">Kind</th><th scope="col">Decision</th><th scope="col">Hash</th></tr></thead>
<tbody>
${rows || `<tr><td colspan="5">No entries yet.</td></tr>`}
</tbody></table>
${older}
</main></body></html>`;
}
