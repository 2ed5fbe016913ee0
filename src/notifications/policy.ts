import type { Db } from "../db/database.ts";
import type { NewNotification } from "./notify.ts";

export type PolicyAction = "accept" | "filter" | "drop";

/** The recipient's notification policy (Mastodon 4.3's v2 policy). */
export interface NotificationPolicy {
  forNotFollowing: PolicyAction;
  forNotFollowers: PolicyAction;
  forNewAccounts: PolicyAction;
  forPrivateMentions: PolicyAction;
  forLimitedAccounts: PolicyAction;
}

/** Accounts younger than this count as new for `for_new_accounts`, as Mastodon's. */
const NEW_ACCOUNT_DAYS = 30;

/** Types the policy may filter; the rest (polls, edits, admin and moderation notices…) always pass. */
const FILTERABLE_TYPES = new Set(["mention", "reblog", "favourite", "follow", "follow_request", "quote"]);

const SEVERITY: Record<PolicyAction, number> = { accept: 0, filter: 1, drop: 2 };

/** Reads an account's policy (Mastodon's defaults when never set). */
export async function getNotificationPolicy(db: Db, accountId: string): Promise<NotificationPolicy> {
  const [row] = await db<NotificationPolicy[]>`
    select for_not_following, for_not_followers, for_new_accounts, for_private_mentions, for_limited_accounts
    from notification_policies where account_id = ${accountId}`;
  return row ?? { forNotFollowing: "accept", forNotFollowers: "accept", forNewAccounts: "accept", forPrivateMentions: "filter", forLimitedAccounts: "filter" };
}

/** Changes some settings of an account's policy and returns the whole policy. */
export async function updateNotificationPolicy(db: Db, accountId: string, changes: Partial<NotificationPolicy>): Promise<NotificationPolicy> {
  const current = await getNotificationPolicy(db, accountId);
  const next = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
  await db`
    insert into notification_policies ${db({ accountId, ...next })}
    on conflict (account_id) do update set for_not_following = excluded.for_not_following, for_not_followers = excluded.for_not_followers,
      for_new_accounts = excluded.for_new_accounts, for_private_mentions = excluded.for_private_mentions,
      for_limited_accounts = excluded.for_limited_accounts`;
  return next;
}

interface SenderFacts {
  permitted: boolean;
  staff: boolean;
  following: boolean;
  followedBy: boolean;
  newAccount: boolean;
  limited: boolean;
  privateMention: boolean;
}

/**
 * What the recipient's policy does with a notification: the strictest action among the rules
 * that apply. Accepted senders and the instance's staff always pass; the rules on new,
 * limited accounts and private mentions only concern accounts the recipient does not follow.
 */
export async function policyDecision(db: Db, n: NewNotification): Promise<PolicyAction> {
  if (!FILTERABLE_TYPES.has(n.type)) return "accept";
  const [facts] = await db<SenderFacts[]>`
    select
      exists (select 1 from notification_permissions where account_id = ${n.accountId} and from_account_id = a.id) as permitted,
      exists (select 1 from users u where u.account_id = a.id and u.role in ('owner', 'admin', 'moderator')) as staff,
      exists (select 1 from follows where account_id = ${n.accountId} and target_account_id = a.id) as following,
      exists (select 1 from follows where account_id = a.id and target_account_id = ${n.accountId}) as followed_by,
      a.created_at > now() - make_interval(days => ${NEW_ACCOUNT_DAYS}) as new_account,
      a.silenced_at is not null as limited,
      ${n.type === "mention" && n.statusId ? db`exists (
        select 1 from statuses s where s.id = ${n.statusId} and s.visibility = 'direct'
          and not exists (select 1 from statuses p where p.id = s.in_reply_to_id and p.account_id = ${n.accountId}))` : db`false`} as private_mention
    from accounts a where a.id = ${n.fromAccountId}`;
  if (!facts || facts.permitted || facts.staff) return "accept";
  const policy = await getNotificationPolicy(db, n.accountId);
  const applicable: PolicyAction[] = [
    facts.following ? "accept" : policy.forNotFollowing,
    facts.followedBy ? "accept" : policy.forNotFollowers,
    facts.newAccount && !facts.following ? policy.forNewAccounts : "accept",
    facts.privateMention && !facts.following ? policy.forPrivateMentions : "accept",
    facts.limited && !facts.following ? policy.forLimitedAccounts : "accept",
  ];
  return applicable.reduce((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a), "accept");
}
