/**
 * A small ICU MessageFormat subset, enough for the app's catalogs: `{name}` arguments,
 * `{n, plural, =0 {…} one {# …} other {# …}}` through Intl.PluralRules, and
 * `{v, select, a {…} other {…}}`. Plural and select branches may nest further messages.
 */
export type MessageValues = Record<string, string | number>;

interface Branch {
  selector: string;
  body: string;
}

/** Index of the `}` that closes the `{` at `open`, or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

/** Parses `sel {body} sel {body}` into branches. */
function parseBranches(text: string): Branch[] {
  const branches: Branch[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{", i);
    if (open < 0) break;
    const close = closingBrace(text, open);
    if (close < 0) break;
    branches.push({ selector: text.slice(i, open).trim(), body: text.slice(open + 1, close) });
    i = close + 1;
  }
  return branches;
}

function formatArgument(inner: string, values: MessageValues, locale: string, pound: string | null): string {
  const [rawName = "", rawKind, ...rest] = inner.split(",");
  const name = rawName.trim();
  const kind = rawKind?.trim();
  const value = values[name];
  if (kind === "plural") {
    const count = Number(value ?? 0);
    const branches = parseBranches(rest.join(","));
    const exact = branches.find((b) => b.selector === `=${count}`);
    const category = new Intl.PluralRules(locale).select(count);
    const chosen = exact ?? branches.find((b) => b.selector === category) ?? branches.find((b) => b.selector === "other");
    return chosen ? formatWith(chosen.body, values, locale, new Intl.NumberFormat(locale).format(count)) : "";
  }
  if (kind === "select") {
    const branches = parseBranches(rest.join(","));
    const chosen = branches.find((b) => b.selector === String(value)) ?? branches.find((b) => b.selector === "other");
    return chosen ? formatWith(chosen.body, values, locale, pound) : "";
  }
  if (value === undefined) return `{${name}}`;
  return typeof value === "number" ? new Intl.NumberFormat(locale).format(value) : value;
}

function formatWith(message: string, values: MessageValues, locale: string, pound: string | null): string {
  let out = "";
  let i = 0;
  while (i < message.length) {
    const char = message[i]!;
    if (char === "{") {
      const close = closingBrace(message, i);
      if (close < 0) return out + message.slice(i);
      out += formatArgument(message.slice(i + 1, close), values, locale, pound);
      i = close + 1;
    } else {
      out += char === "#" && pound !== null ? pound : char;
      i++;
    }
  }
  return out;
}

/** Formats one catalog message for a locale. */
export function formatMessage(message: string, values: MessageValues = {}, locale = "en"): string {
  return formatWith(message, values, locale, null);
}

/** The argument names a message uses, and which of them are plural (for catalog checks). */
export function messageArguments(message: string): { names: Set<string>; plurals: Map<string, string[]> } {
  const names = new Set<string>();
  const plurals = new Map<string, string[]>();
  const visit = (text: string) => {
    let i = 0;
    while (i < text.length) {
      if (text[i] !== "{") { i++; continue; }
      const close = closingBrace(text, i);
      if (close < 0) return;
      const [name = "", kind, ...rest] = text.slice(i + 1, close).split(",");
      names.add(name.trim());
      if (kind?.trim() === "plural" || kind?.trim() === "select") {
        const branches = parseBranches(rest.join(","));
        if (kind.trim() === "plural") plurals.set(name.trim(), branches.map((b) => b.selector));
        for (const branch of branches) visit(branch.body);
      }
      i = close + 1;
    }
  };
  visit(message);
  return { names, plurals };
}
