import { useEffect } from "preact/hooks";

export interface ShortcutHandlers {
  next(): void;
  previous(): void;
  compose(): void;
  help(): void;
  goHome(): void;
  goNotifications(): void;
}

/** True when the key press belongs to a field, so shortcuts must not steal it. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * Single-key shortcuts (j, k, n, ?) and two-key ones (g then h, g then n). They never fire
 * while typing or with a modifier, so they don't fight screen readers' own keys.
 */
export function useShortcuts(handlers: ShortcutHandlers): void {
  useEffect(() => {
    let pendingG = false;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector("dialog[open]") && event.key !== "?") return;
      const key = event.key;
      if (pendingG) {
        pendingG = false;
        if (key === "h") handlers.goHome();
        else if (key === "n") handlers.goNotifications();
        else return;
        event.preventDefault();
        return;
      }
      const action = { j: handlers.next, k: handlers.previous, n: handlers.compose, "?": handlers.help }[key];
      if (key === "g") pendingG = true;
      else if (action) action();
      else return;
      event.preventDefault();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [handlers]);
}

/** Moves focus to the next or previous post of the page (articles marked data-post). */
export function focusPost(step: 1 | -1): void {
  const posts = [...document.querySelectorAll<HTMLElement>("article[data-post]")];
  if (posts.length === 0) return;
  const current = posts.findIndex((post) => post === document.activeElement || post.contains(document.activeElement));
  const target = posts[current < 0 ? (step > 0 ? 0 : posts.length - 1) : Math.min(posts.length - 1, Math.max(0, current + step))];
  target?.focus();
  target?.scrollIntoView({ block: "nearest", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
}
