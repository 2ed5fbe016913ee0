// Hands a server-rendered public page over to the web app: always on the landing (logging in
// needs the app), elsewhere only for someone logged in here. Without JavaScript the page stays.
const entry = document.querySelector('meta[name="stoa-app"]')?.getAttribute("content");

function loggedIn() {
  try {
    const store = JSON.parse(localStorage.getItem("stoa.sessions.v1") ?? "null");
    return Boolean(store?.current && store.sessions?.[store.current]);
  } catch {
    return false;
  }
}

const mode = document.body.dataset.enhance;
if (entry && (mode === "always" || (mode === "session" && loggedIn()))) {
  const root = document.createElement("div");
  root.id = "app";
  document.body.replaceChildren(root);
  document.body.removeAttribute("data-enhance");
  await import(entry);
}
