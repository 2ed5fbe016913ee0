// Hands a server-rendered public page over to the web app: always on the landing (logging in
// needs the app), elsewhere only for someone logged in here. Without JavaScript the page stays.
const [entry, ...sheets] = (document.querySelector('meta[name="stoa-app"]')?.getAttribute("content") ?? "").split(" ").filter(Boolean);

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
  const loaded = sheets.map((href) => new Promise((resolve) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.onload = link.onerror = resolve;
    document.head.append(link);
  }));
  await Promise.all(loaded);
  // The page's own style would fight the app's: the app's sheets take over from here.
  document.querySelector("head > style")?.remove();
  const root = document.createElement("div");
  root.id = "app";
  document.body.replaceChildren(root);
  document.body.removeAttribute("data-enhance");
  await import(entry);
}
