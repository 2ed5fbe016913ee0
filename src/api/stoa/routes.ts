import { Hono } from "hono";
import type { AppContext } from "../../context.ts";
import type { Env } from "../http/env.ts";
import { scopeRoutes } from "./scopes.ts";
import { membershipRoutes } from "./membership.ts";
import { bodyRoutes } from "./bodies.ts";
import { proposalRoutes } from "./proposals.ts";
import { voteRoutes } from "./votes.ts";
import { delegationRoutes } from "./delegations.ts";
import { petitionRoutes } from "./petitions.ts";
import { electionRoutes } from "./elections.ts";
import { governanceNotificationRoutes } from "./notifications.ts";
import { openApiRoutes } from "./openapi.ts";
import { transparencyRoutes } from "./transparency.ts";
import { caseRoutes } from "./cases.ts";
import { ruleRoutes } from "./rules.ts";
import { settingsRoutes } from "./settings.ts";
import { adminInstanceRoutes } from "./admin-instance.ts";
import { adminEmojiRoutes } from "./admin-emojis.ts";
import { adminAnnouncementRoutes } from "./admin-announcements.ts";

/** Governance under /api/stoa/v1: exactly what /api/stoa/v1/openapi.json documents. */
export function governanceRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const modules = [
    scopeRoutes,
    membershipRoutes,
    bodyRoutes,
    proposalRoutes,
    voteRoutes,
    delegationRoutes,
    petitionRoutes,
    electionRoutes,
    governanceNotificationRoutes,
    openApiRoutes,
  ];
  for (const routes of modules) app.route("/", routes(ctx));
  return app;
}

/** Stoa's own API under /api/stoa/v1 and its public pages: governance, moderation, transparency, administration. */
export function stoaRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const modules = [governanceRoutes, transparencyRoutes, caseRoutes, ruleRoutes, settingsRoutes, adminInstanceRoutes, adminEmojiRoutes, adminAnnouncementRoutes];
  for (const routes of modules) app.route("/", routes(ctx));
  return app;
}
