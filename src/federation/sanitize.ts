/**
 * Remote HTML reduced to the subset Mastodon keeps: a strict allow-list of elements and
 * attributes, links restricted to safe schemes, everything else unwrapped (text kept) or, for
 * active content (script, style, embedded documents), dropped with its content. The output is
 * re-serialized from tokens, never passed through, so malformed input cannot smuggle markup.
 */

const allowed: Record<string, readonly string[]> = {
  p: [], br: [], span: ["class", "translate"], a: ["href", "rel", "class", "translate"],
  del: [], s: [], pre: [], blockquote: [], code: [], b: [], strong: [], u: [], i: [], em: [],
  ul: [], ol: ["start", "reversed"], li: ["value"], ruby: [], rt: [], rp: [],
};
const voidElements = new Set(["br"]);
/** Elements whose content is active or invisible: removed entirely. */
const dropped = new Set([
  "script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "select", "svg", "math",
  "title", "head", "frame", "frameset", "noembed", "xmp", "plaintext", "applet", "audio", "video", "canvas", "form",
]);
const safeSchemes = new Set(["http:", "https:", "dat:", "dweb:", "ipfs:", "ipns:", "ssb:", "gopher:", "xmpp:", "magnet:", "gemini:"]);
/** Microformats and Mastodon's own presentational classes; every other class is removed. */
const safeClass = /^(?:[hpue]-|dt-)[a-z-]+$|^(?:mention|hashtag|ellipsis|invisible)$/;

const token = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^>]*>?|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const attribute = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Sanitizes remote HTML (a Note's content, an actor's summary) to Mastodon's safe subset. */
export function sanitizeHtml(html: string): string {
  let out = "";
  const open: string[] = [];
  let last = 0;
  token.lastIndex = 0;
  for (let m = token.exec(html); m; m = token.exec(html)) {
    out += escapeText(html.slice(last, m.index));
    last = token.lastIndex;
    const name = m[2]?.toLowerCase();
    if (!name) continue; // comment, CDATA, doctype, processing instruction
    const closing = m[1] === "/";
    if (dropped.has(name)) {
      if (closing) continue;
      const end = html.toLowerCase().indexOf(`</${name}`, last);
      const close = end < 0 ? -1 : html.indexOf(">", end);
      last = close < 0 ? html.length : close + 1;
      token.lastIndex = last;
      continue;
    }
    if (!(name in allowed)) continue;
    if (closing) {
      const at = open.lastIndexOf(name);
      if (at < 0) continue;
      while (open.length > at) out += `</${open.pop()}>`;
      continue;
    }
    const attrs = attributes(name, m[3] ?? "");
    if (attrs === undefined) continue; // a link without a safe target: keep its text only
    out += `<${name}${attrs}>`;
    if (!voidElements.has(name)) open.push(name);
  }
  out += escapeText(html.slice(last));
  while (open.length > 0) out += `</${open.pop()}>`;
  return out;
}

/** The element's attributes serialized, or undefined when the element must be unwrapped. */
function attributes(element: string, source: string): string | undefined {
  const permitted = allowed[element]!;
  const kept = new Map<string, string>();
  attribute.lastIndex = 0;
  for (let m = attribute.exec(source); m; m = attribute.exec(source)) {
    const name = m[1]!.toLowerCase();
    if (!permitted.includes(name) || kept.has(name)) continue;
    const value = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
    const clean = cleanAttribute(name, value);
    if (clean !== undefined) kept.set(name, clean);
  }
  if (element === "a") {
    if (!kept.has("href")) return undefined;
    kept.set("rel", "nofollow noopener noreferrer");
    kept.set("target", "_blank");
  }
  return [...kept].map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join("");
}

function cleanAttribute(name: string, value: string): string | undefined {
  switch (name) {
    case "href": {
      // Browsers ignore control characters and whitespace inside a scheme: "java\tscript:".
      const compact = [...value].filter((ch) => ch.charCodeAt(0) > 0x20 && ch !== "\u007f").join("");
      if (!URL.canParse(compact)) return undefined;
      const url = new URL(compact);
      return safeSchemes.has(url.protocol) ? url.href : undefined;
    }
    case "class": {
      const classes = value.split(/\s+/).filter((c) => safeClass.test(c));
      return classes.length ? classes.join(" ") : undefined;
    }
    case "translate":
      return value === "no" ? "no" : undefined;
    case "start":
    case "value":
      return /^-?\d{1,9}$/.test(value) ? value : undefined;
    case "reversed":
      return "";
    default:
      return undefined;
  }
}

const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", colon: ":", tab: "\t", newline: "\n" };

/** Decodes character references so that checks see what a browser would see. */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));?/gi, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec || hex) {
      const code = dec ? parseInt(dec, 10) : parseInt(hex!, 16);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "\ufffd";
    }
    return named[name!.toLowerCase()] ?? whole;
  });
}

/** Text is decoded then re-escaped: whatever the source held, the output holds only text. */
function escapeText(text: string): string {
  return decodeEntities(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
