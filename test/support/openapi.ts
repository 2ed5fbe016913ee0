/**
 * Validates Stoa's responses against Mastodon's published OpenAPI description (read from
 * ../shared at test time, never copied in). `TestInstance.request` calls `checkResponse` on
 * every JSON response, so every integration test doubles as a conformance test.
 */
import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { sharedData } from "./shared-data.ts";

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

interface Route {
  template: string;
  pattern: RegExp;
  /** Literal segments: `/accounts/verify_credentials` wins over `/accounts/{id}`. */
  literals: number;
  operations: Record<string, Operation>;
}

type Node = Record<string, unknown>;

/** `oneOf` → `anyOf`, for alternatives that overlap although one match was meant. */
const anyOf = (node: Node) => {
  node.anyOf = node.oneOf;
  delete node.oneOf;
};

/** An integer id may also be the string Stoa sends. */
const idString = (node: Node) => {
  node.type = [node.type, "string"].flat();
};

/** An email address, or the empty string. */
const emailOrEmpty = (node: Node) => {
  delete node.format;
  node.anyOf = [{ format: "email" }, { const: "" }];
};

/** A URI, or the empty string. */
const uriOrEmpty = (node: Node) => {
  delete node.format;
  node.anyOf = [{ format: "uri" }, { const: "" }];
};

/** A list of what the node describes. */
const listOf = (node: Node) => {
  node.type = "array";
  node.items = { $ref: node.$ref };
  delete node.$ref;
};

const SCHEDULED_PARAMS = ["components", "schemas", "ScheduledStatus", "properties", "params", "properties"];

/**
 * Where the description itself is wrong, its schema is corrected here, each with the reason.
 * `at` is a path inside the description.
 */
const CORRECTIONS: { at: string[]; reason: string; fix: (node: Node) => void }[] = [
  {
    at: ["components", "schemas", "Status", "properties", "quote"],
    // A Quote ({state, quoted_status}) also satisfies ShallowQuote (only `state` is required,
    // extra properties are allowed), so `oneOf` rejects every valid Quote.
    reason: "Quote and ShallowQuote overlap",
    fix: anyOf,
  },
  ...["application_id", "in_reply_to_id"].map((field) => ({
    at: [...SCHEDULED_PARAMS, field],
    // Here and below: ids are 64-bit and strings everywhere else in the API; as JSON numbers they would be
    // silently rounded by JavaScript clients (Stoa's ids exceed 2^53).
    reason: "64-bit ids as JSON integers",
    fix: idString,
  })),
  {
    at: ["components", "schemas", "NotificationGroup", "properties", "most_recent_notification_id"],
    reason: "64-bit ids as JSON integers",
    fix: idString,
  },
  ...[["V1Instance", "properties", "email"], ["Instance", "properties", "contact", "properties", "email"]].map((at) => ({
    at: ["components", "schemas", ...at],
    // Mastodon itself answers "" until an admin sets a contact address, as Stoa does.
    reason: "contact email may be unset",
    fix: emailOrEmpty,
  })),
  {
    at: ["paths", "/api/v1/filters", "get", "responses", "200", "content", "application/json", "schema"],
    // Its own text says "List of [V1::Filter]", as Mastodon answers; the schema lost the array.
    reason: "GET /api/v1/filters answers a list",
    fix: listOf,
  },
  {
    at: ["paths", "/api/v2/filters/statuses/{id}", "delete", "responses", "200", "content", "application/json", "schema"],
    // Mastodon's controller renders an empty object, as for every other filter deletion.
    reason: "deleting a filter status answers {}",
    fix: (node) => {
      delete node.$ref;
      node.type = "object";
    },
  },
  {
    at: ["components", "schemas", "ValidationError"],
    // Mastodon's 422s that are not about a record's fields (e.g. "Media is in use") carry no details.
    reason: "details only for field errors",
    fix: (node) => {
      node.required = ["error"];
    },
  },
  ...["PreviewCard", "TrendsLink"].flatMap((card) => ["author_url", "embed_url", "provider_url"].map((field) => ({
    at: ["components", "schemas", card, "properties", field],
    // Mastodon answers "" when a card has no author, embed or provider.
    reason: "empty card URLs",
    fix: uriOrEmpty,
  }))),
];

let cache: { routes: Route[]; ajv: Ajv2020; validators: Map<string, ValidateFunction | null> } | undefined;

function load() {
  if (cache) return cache;
  const doc = JSON.parse(readFileSync(sharedData("mastodon-openapi", "schema.json"), "utf8")) as {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Record<string, unknown>> };
  };
  for (const c of CORRECTIONS) {
    const node = c.at.reduce<Node | undefined>((n, key) => n?.[key] as Node | undefined, doc as unknown as Node);
    if (!node) throw new Error(`openapi correction (${c.reason}): ${c.at.join(".")} is no longer in the description`);
    c.fix(node);
  }
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  // Mastodon-specific format names carry no rule that a validator could check.
  for (const name of ["scopes", "iso-639-1", "binary"]) ajv.addFormat(name, true);
  ajv.addSchema({ $id: "mastodon", components: doc.components });
  const routes = Object.entries(doc.paths).map(([template, operations]) => {
    const parts = template.split("/");
    const source = parts.map((p) => (p.startsWith("{") ? "[^/]+" : p.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))).join("/");
    return { template, pattern: new RegExp(`^${source}$`), literals: parts.filter((p) => !p.startsWith("{")).length, operations };
  });
  routes.sort((a, b) => b.literals - a.literals);
  cache = { routes, ajv, validators: new Map() };
  return cache;
}

/** Local references in an operation's schema point into the shared components document. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema === null || typeof schema !== "object") return schema;
  return Object.fromEntries(Object.entries(schema).map(([k, v]) =>
    [k, k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `mastodon${v}` : rebase(v)]));
}

function validatorFor(method: string, path: string, status: number): ValidateFunction | null {
  const { routes, ajv, validators } = load();
  const route = routes.find((r) => r.pattern.test(path) && r.operations[method]);
  const key = `${method} ${route?.template} ${status}`;
  if (validators.has(key)) return validators.get(key)!;
  const responses = route?.operations[method]?.responses ?? {};
  const schema = (responses[String(status)] ?? responses.default)?.content?.["application/json"]?.schema;
  const validator = schema ? ajv.compile(rebase(schema) as object) : null;
  validators.set(key, validator);
  return validator;
}

/**
 * Throws when `body` (a response to `method` on the concrete `path`) disagrees with the
 * description. Paths and statuses the description doesn't cover are not checked.
 */
export function checkResponse(method: string, path: string, status: number, body: unknown): void {
  const validate = validatorFor(method.toLowerCase(), path.split("?")[0]!, status);
  if (!validate || validate(body)) return;
  const errors = (validate.errors ?? []).slice(0, 20).map((e) => `  ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
  throw new Error(`${method} ${path} → ${status}: response disagrees with Mastodon's OpenAPI description:\n${errors.join("\n")}`);
}
