import { Hono } from "hono";
import type { AppContext } from "../../context.ts";
import { methodNames } from "../../governance/methods/registry.ts";
import type { Env } from "../http/env.ts";

type Verb = "get" | "post" | "put" | "delete";
/** One operation: verb, path (OpenAPI style), OAuth scope (null: public, a token optional), summary, body fields. */
type Operation = [Verb, string, "read" | "write" | null, string, Record<string, unknown>?];

const id = { type: "string", pattern: "^[0-9]+$" };
const spheres = { type: "array", items: { type: "string", enum: ["inner", "outer", "ecosystem"] } };
const str = { type: "string" };
const int = { type: "integer" };
const time = { type: "string", format: "date-time" };

/** Every operation of /api/stoa/v1; a test checks this table against the routes actually served. */
const operations: Operation[] = [
  ["get", "/scopes", null, "List scopes (tree, parent_id or 'root')"],
  ["get", "/scopes/{id}", null, "A scope and its path from the root"],
  ["post", "/scopes", "write", "Add a region, zone, locality or area (admins)", { level: { type: "string", enum: ["region", "zone", "locality", "area"] }, code: str, name: str, parent_id: id }],
  ["get", "/home_scopes", "read", "My home scopes"],
  ["put", "/home_scopes", "write", "Replace my home scopes", { scope_ids: { type: "array", items: id } }],
  ["get", "/membership", "read", "My membership and sphere"],
  ["post", "/membership", "write", "Apply for membership", { statement: str }],
  ["delete", "/membership", "write", "Leave the cooperative"],
  ["get", "/membership/applications", "read", "Pending applications (admins, bodies with admit_members)"],
  ["post", "/membership/applications/{account_id}/admit", "write", "Admit an applicant"],
  ["post", "/membership/applications/{account_id}/reject", "write", "Reject an applicant"],
  ["get", "/accounts/{id}/sphere", null, "An account's sphere"],
  ["get", "/bodies", null, "Bodies with powers and current members"],
  ["get", "/bodies/{id}", null, "A body (id or slug)"],
  ["get", "/bodies/{id}/members", null, "Seats of a body; history=true includes past seats"],
  ["post", "/bodies", "write", "Constitute a body (admins)", { slug: str, name: str, kind: { type: "string", enum: ["top-level", "intermediate", "auditory"] }, scope_id: id, seats: int, filling: { type: "string", enum: ["election", "appointment", "sortition", "open"] }, term_days: int, description: str, powers: { type: "array", items: { type: "object", properties: { power: str, scope_id: id } } } }],
  ["post", "/bodies/{id}/members", "write", "Appoint (admins) or join an open body (members)", { account_id: id }],
  ["post", "/bodies/{id}/sortition", "write", "Fill free seats by lot from a published seed (admins)", { seed: str }],
  ["delete", "/bodies/{id}/members/{account_id}", "write", "Resign, or remove (admins)", { reason: str }],
  ["post", "/bodies/{id}/members/{account_id}/recall", "write", "Start a recall vote", { closes_at: time }],
  ["get", "/bodies/{id}/elections", null, "Elections of a body"],
  ["post", "/bodies/{id}/elections", "write", "Call an election", { seats: int, method: { type: "string", enum: ["stv", "schulze", "irv", "approval", "score", "majority"] } }],
  ["get", "/elections/{id}", null, "An election with its candidates"],
  ["post", "/elections/{id}/candidacy", "write", "Stand as a candidate", { statement: str }],
  ["delete", "/elections/{id}/candidacy", "write", "Withdraw a candidacy"],
  ["post", "/elections/{id}/vote", "write", "Open the election's vote", { closes_at: time }],
  ["get", "/proposals", null, "Proposals (state, scope_id), newest first, Link pagination"],
  ["post", "/proposals", "write", "Create a draft", { title: str, text: str, scope_id: id, body_id: id, decision_type: str, method: { type: "string", enum: methodNames }, method_config: { type: "object", description: "The ballot file header for the method (docs/ballot-file.md)" }, participation: { type: "string", enum: ["direct", "indirect", "liquid"] }, discuss_spheres: spheres, decide_spheres: spheres, secret: { type: "boolean" }, delegate_cap: int }],
  ["get", "/proposals/{id}", null, "A proposal (drafts only to their authors)"],
  ["put", "/proposals/{id}", "write", "Edit a draft (authors)", { title: str, text: str, method_config: { type: "object" } }],
  ["post", "/proposals/{id}/authors", "write", "Add a co-author", { account_id: id }],
  ["post", "/proposals/{id}/deliberation", "write", "Open deliberation: publishes the thread root"],
  ["post", "/proposals/{id}/vote", "write", "Open the vote", { opens_at: time, closes_at: time }],
  ["post", "/proposals/{id}/withdraw", "write", "Withdraw before the vote"],
  ["get", "/proposals/{id}/amendments", null, "Amendments and their decisions"],
  ["post", "/proposals/{id}/amendments", "write", "Propose an amendment (whole new text)", { text: str, reason: str }],
  ["post", "/proposals/{id}/amendments/{amendment_id}/accept", "write", "Accept an amendment (authors)"],
  ["post", "/proposals/{id}/amendments/{amendment_id}/reject", "write", "Reject an amendment (authors)"],
  ["post", "/proposals/{id}/amendments/{amendment_id}/vote", "write", "Put an amendment to a majority vote (accept / reject)", { closes_at: time }],
  ["get", "/proposals/{id}/updates", null, "Implementation updates"],
  ["post", "/proposals/{id}/updates", "write", "Post an implementation update (authors)", { status: { type: "string", enum: ["planned", "in-progress", "done", "abandoned"] }, text: str }],
  ["post", "/proposals/{id}/ballot", "write", "Cast or change my ballot; returns a receipt", { ballot: { type: "object", description: "One ballot in the ballot-file shape of the method" }, receipt: { type: "string", description: "Required to change a secret ballot" } }],
  ["get", "/proposals/{id}/ballot", "read", "Whether I voted, and my ballot when ballots are public"],
  ["get", "/proposals/{id}/ballots", null, "Public ballots with their voters"],
  ["get", "/proposals/{id}/receipts/{hash}", null, "The ballot recorded under a receipt hash"],
  ["get", "/proposals/{id}/result", null, "The result with every round (after close)"],
  ["get", "/proposals/{id}/ballot_file", null, "The anonymized ballot file, recountable with `stoa tally` (after close)"],
  ["get", "/proposals/{id}/my_vote", "read", "Where my vote goes: chain of delegates and the ballot that carries it"],
  ["get", "/delegations", "read", "Delegations I give and receive"],
  ["post", "/delegations", "write", "Delegate globally or in a functional scope", { trustee_id: id, scope_id: id }],
  ["delete", "/delegations", "write", "Revoke a delegation (scope_id, or none for the global one)"],
  ["get", "/petitions", null, "Petitions, newest first"],
  ["get", "/petitions/{id}", null, "A petition"],
  ["post", "/petitions", "write", "Start a petition", { title: str, text: str, scope_id: id, method: { type: "string", enum: methodNames }, method_config: { type: "object" }, sign_spheres: spheres, threshold: int }],
  ["post", "/petitions/{id}/signature", "write", "Sign"],
  ["delete", "/petitions/{id}/signature", "write", "Withdraw my signature"],
  ["get", "/notifications", "read", "My governance notifications with their event and proposal"],
  ["get", "/openapi.json", null, "This document"],
];

/** The OpenAPI 3.1 description of /api/stoa/v1. */
export function openApiDocument(origin: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [verb, path, scope, summary, body] of operations) {
    const parameters = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    paths[path] ??= {};
    paths[path][verb] = {
      summary,
      ...(parameters.length ? { parameters } : {}),
      ...(scope ? { security: [{ oauth: [scope] }] } : {}),
      ...(body ? { requestBody: { content: { "application/json": { schema: { type: "object", properties: body } }, "application/x-www-form-urlencoded": { schema: { type: "object", properties: body } } } } } : {}),
      responses: {
        200: { description: "OK" },
        ...(scope ? { 401: { $ref: "#/components/responses/Error" }, 403: { $ref: "#/components/responses/Error" } } : {}),
        404: { $ref: "#/components/responses/Error" },
        422: { $ref: "#/components/responses/Error" },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Stoa governance API", version: "1", description: "Scopes, membership, bodies, proposals, ballots, delegation, petitions and elections. Errors, OAuth scopes and Link pagination follow the Mastodon API." },
    servers: [{ url: `${origin}/api/stoa/v1` }],
    paths,
    components: {
      securitySchemes: { oauth: { type: "oauth2", flows: { authorizationCode: { authorizationUrl: `${origin}/oauth/authorize`, tokenUrl: `${origin}/oauth/token`, scopes: { read: "read", write: "write" } } } } },
      responses: { Error: { description: "Mastodon-style error", content: { "application/json": { schema: { type: "object", properties: { error: { type: "string" } }, required: ["error"] } } } } },
    },
  };
}

/** Serves the document at /api/stoa/v1/openapi.json. */
export function openApiRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const document = openApiDocument(ctx.config.origin);
  app.get("/api/stoa/v1/openapi.json", (c) => c.json(document));
  return app;
}
