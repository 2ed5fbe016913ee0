import { Hono } from "hono";
import type { AppContext } from "../../context.ts";
import type { Env } from "../http/env.ts";
import { oauthRoutes } from "./oauth.ts";
import { instanceRoutes } from "./instance.ts";
import { mediaRoutes } from "./media.ts";
import { appRoutes } from "./apps.ts";
import { accountCoreRoutes } from "./accounts.ts";
import { statusRoutes } from "./statuses.ts";
import { statusEditRoutes } from "./status-edits.ts";
import { statusListRoutes } from "./status-lists.ts";
import { pollRoutes } from "./polls.ts";
import { listRoutes } from "./lists.ts";
import { searchRoutes } from "./search.ts";
import { conversationRoutes } from "./conversations.ts";
import { reportRoutes } from "./reports.ts";
import { filterRoutes } from "./filters.ts";
import { filterV1Routes } from "./filters-v1.ts";
import { filterPartRoutes } from "./filter-parts.ts";
import { instanceExtraRoutes } from "./instance-extras.ts";
import { announcementRoutes } from "./announcements.ts";
import { trendRoutes } from "./trends.ts";
import { scheduledStatusRoutes } from "./scheduled-statuses.ts";
import { tagRoutes } from "./tags.ts";
import { timelineRoutes } from "./timelines.ts";
import { notificationRoutes } from "./notifications.ts";
import { notificationGroupRoutes } from "./notification-groups.ts";
import { notificationRequestRoutes } from "./notification-requests.ts";
import { markerRoutes } from "./markers.ts";
import { streamingSseRoutes } from "../streaming/sse.ts";
import { followRoutes } from "./follows.ts";
import { relationshipRoutes } from "./relationships.ts";
import { accountReadRoutes } from "./accounts-read.ts";
import { blockMuteRoutes } from "./blocks-mutes.ts";
import { endorsementRoutes } from "./endorsements.ts";
import { accountProfileRoutes } from "./accounts-profile.ts";
import { suggestionRoutes } from "./suggestions.ts";
import { featuredTagRoutes } from "./featured-tags.ts";
import { statusQuoteRoutes } from "./status-quotes.ts";
import { adminRoutes } from "./admin.ts";

/** Every Mastodon-compatible route, one module per resource. */
export function mastodonRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  const modules = [
    oauthRoutes,
    instanceRoutes,
    mediaRoutes,
    appRoutes,
    accountCoreRoutes,
    statusRoutes,
    statusEditRoutes,
    statusListRoutes,
    pollRoutes,
    listRoutes,
    searchRoutes,
    conversationRoutes,
    reportRoutes,
    filterRoutes,
    scheduledStatusRoutes,
    tagRoutes,
    timelineRoutes,
    notificationRoutes,
    notificationRequestRoutes,
    markerRoutes,
    streamingSseRoutes,
    notificationGroupRoutes,
    followRoutes,
    relationshipRoutes,
    accountReadRoutes,
    blockMuteRoutes,
    endorsementRoutes,
    accountProfileRoutes,
    suggestionRoutes,
    featuredTagRoutes,
    statusQuoteRoutes,
    adminRoutes,
    filterV1Routes,
    filterPartRoutes,
    instanceExtraRoutes,
    announcementRoutes,
    trendRoutes,
  ];
  for (const routes of modules) app.route("/", routes(ctx));
  return app;
}
