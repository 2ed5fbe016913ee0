/** The fields of Mastodon's entities that the web app reads (docs.joinmastodon.org/entities). */
export interface Account {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  note: string;
  url: string;
  avatar: string;
  avatar_static: string;
  header: string;
  locked: boolean;
  bot: boolean;
  created_at: string;
  followers_count: number;
  following_count: number;
  statuses_count: number;
}

export type Visibility = "public" | "unlisted" | "private" | "direct";

export interface MediaAttachment {
  id: string;
  type: "image" | "video" | "gifv" | "audio" | "unknown";
  url: string;
  preview_url: string | null;
  description: string | null;
}

export interface Status {
  id: string;
  uri: string;
  url: string | null;
  created_at: string;
  account: Account;
  content: string;
  visibility: Visibility;
  sensitive: boolean;
  spoiler_text: string;
  language: string | null;
  in_reply_to_id: string | null;
  reblog: Status | null;
  media_attachments: MediaAttachment[];
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  favourited?: boolean;
  reblogged?: boolean;
  bookmarked?: boolean;
}

export type NotificationType = "mention" | "status" | "reblog" | "follow" | "follow_request" | "favourite" | "poll" | "update" | string;

export interface Notification {
  id: string;
  type: NotificationType;
  created_at: string;
  account: Account;
  status?: Status | null;
}

export interface Rule {
  id: string;
  text: string;
  hint?: string;
}

export interface Instance {
  domain: string;
  title: string;
  description: string;
  configuration?: { statuses?: { max_characters?: number; characters_reserved_per_url?: number } };
  registrations?: { enabled: boolean; approval_required: boolean };
  rules?: Rule[];
}

export interface Marker {
  last_read_id: string;
  version: number;
  updated_at: string;
}

export interface Context {
  ancestors: Status[];
  descendants: Status[];
}

export interface OAuthApplication {
  client_id: string;
  client_secret: string;
}

export interface Token {
  access_token: string;
  token_type: string;
  scope: string;
  created_at: number;
}

export interface Tag {
  name: string;
  url: string;
}

export interface List {
  id: string;
  title: string;
}

export interface SearchResults {
  accounts: Account[];
  statuses: Status[];
  hashtags: Tag[];
}
