import { html, raw } from "hono/html";

/** Fields carried through the login/consent form unchanged. */
export interface AuthorizeFields {
  client_id: string;
  redirect_uri: string;
  scope: string;
  state: string;
  code_challenge: string;
  code_challenge_method: string;
  response_type: string;
}

const styles = `
  :root { color-scheme: light dark; --ink:#1b1d24; --paper:#f7f4ee; --accent:#8a3b12; --line:#d9d2c3 }
  @media (prefers-color-scheme: dark) { :root { --ink:#ece7dc; --paper:#17181c; --accent:#f0a070; --line:#3a3b40 } }
  body { margin:0; font:16px/1.5 system-ui, sans-serif; background:var(--paper); color:var(--ink); display:grid; place-items:center; min-height:100vh }
  main { width:min(26rem, 92vw); padding:2rem; border:1px solid var(--line); border-radius:12px }
  h1 { font-family: Georgia, serif; font-weight:600; margin:0 0 1rem }
  label { display:block; margin:.75rem 0 .25rem; font-weight:600 }
  input[type=text], input[type=password] { width:100%; box-sizing:border-box; padding:.6rem; border:1px solid var(--line); border-radius:8px; background:transparent; color:inherit; font:inherit }
  button { margin-top:1rem; padding:.6rem 1.2rem; border-radius:8px; border:1px solid var(--accent); font:inherit; cursor:pointer }
  .primary { background:var(--accent); color:var(--paper) } .secondary { background:transparent; color:inherit }
  .error { color:#b3261e; font-weight:600 } ul { padding-left:1.2rem } code { word-break:break-all }
  :focus-visible { outline:3px solid var(--accent); outline-offset:2px }`;

function page(title: string, body: unknown) {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · Stoa</title><meta name="referrer" content="no-referrer"><style>${raw(styles)}</style></head>
<body><main>${body}</main></body></html>`;
}

function hidden(fields: AuthorizeFields) {
  return Object.entries(fields).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`);
}

/** The login form, shown when the browser has no session. */
export function loginPage(appName: string, fields: AuthorizeFields, error?: string) {
  return page("Log in", html`<h1>Log in to continue</h1>
<p><strong>${appName}</strong> wants to use your Stoa account.</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ""}
<form method="post" action="/oauth/authorize">${hidden(fields)}
<label for="login">Email or username</label><input id="login" type="text" name="login" autocomplete="username" required autofocus>
<label for="password">Password</label><input id="password" type="password" name="password" autocomplete="current-password" required>
<button class="primary" type="submit" name="decision" value="login">Log in</button></form>`);
}

/** The consent form, shown to a logged-in user. */
export function consentPage(appName: string, username: string, scopes: string[], fields: AuthorizeFields, csrf: string) {
  return page("Authorize", html`<h1>Authorize ${appName}?</h1>
<p>Logged in as <strong>@${username}</strong>. This app asks to:</p>
<ul>${scopes.map((s) => html`<li><code>${s}</code></li>`)}</ul>
<form method="post" action="/oauth/authorize">${hidden(fields)}<input type="hidden" name="csrf" value="${csrf}">
<button class="primary" type="submit" name="decision" value="approve">Authorize</button>
<button class="secondary" type="submit" name="decision" value="deny">Deny</button></form>`);
}

/** Shown for the out-of-band redirect: the user copies the code into the app. */
export function codePage(code: string) {
  return page("Authorization code", html`<h1>Authorization code</h1><p>Copy this code into the app:</p><p><code>${code}</code></p>`);
}

/** Shown when the request itself is invalid: never redirect to an unverified URI. */
export function errorPage(message: string) {
  return page("Error", html`<h1>Cannot authorize</h1><p class="error" role="alert">${message}</p>`);
}
