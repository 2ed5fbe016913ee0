/** The URLs of a local actor. One place, so the API and federation always agree. */
export function localActorUrls(origin: string, username: string) {
  const uri = `${origin}/users/${username}`;
  return {
    uri,
    url: `${origin}/@${username}`,
    inbox: `${uri}/inbox`,
    sharedInbox: `${origin}/inbox`,
    outbox: `${uri}/outbox`,
    followers: `${uri}/followers`,
    following: `${uri}/following`,
    featured: `${uri}/collections/featured`,
  };
}

/** The URLs of a local status. */
export function localStatusUrls(origin: string, username: string, statusId: string) {
  return { uri: `${origin}/users/${username}/statuses/${statusId}`, url: `${origin}/@${username}/${statusId}` };
}
