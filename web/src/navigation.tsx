import { createContext, type AnchorHTMLAttributes, type ComponentChildren } from "preact";
import { useCallback, useContext, useEffect, useState } from "preact/hooks";
import { parseRoute, type Route } from "./router.ts";

export interface Navigation {
  route: Route;
  path: string;
  navigate(path: string, options?: { replace?: boolean }): void;
}

const NavigationContext = createContext<Navigation | null>(null);

/** Keeps the route in step with the address bar (pushState and the back button). */
export function useHistoryRouter(): Navigation {
  // The query matters too: search keeps its terms in the address, so they can be shared.
  const [{ path, search }, setLocation] = useState(() => ({ path: location.pathname, search: location.search }));
  useEffect(() => {
    const onPop = () => setLocation({ path: location.pathname, search: location.search });
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, []);
  const navigate = useCallback((to: string, options: { replace?: boolean } = {}) => {
    if (options.replace) history.replaceState(null, "", to);
    else history.pushState(null, "", to);
    setLocation({ path: location.pathname, search: location.search });
    scrollTo({ top: 0 });
  }, []);
  return { route: parseRoute(path, search), path, navigate };
}

export function NavigationProvider({ value, children }: { value: Navigation; children: ComponentChildren }) {
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error("useNavigation outside NavigationProvider");
  return navigation;
}

/** An in-app link: a real `<a href>` (so it opens in a new tab too) that navigates without reloading. */
export function Link({ href, children, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { navigate } = useNavigation();
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={onClick} {...rest}>{children}</a>;
}
