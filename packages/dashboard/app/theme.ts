// Light and dark themes: the system's choice unless the person picked one (kept in localStorage).

/** The theme setting: follow the system, or a fixed choice. */
export type Theme = "system" | "light" | "dark";

const KEY = "skillflow.theme";

/** The saved setting. */
export function savedTheme(): Theme {
  const value = globalThis.localStorage?.getItem(KEY);
  return value === "light" || value === "dark" ? value : "system";
}

/** Applies and saves a setting (`data-theme` on <html>; the stylesheet reads it). */
export function applyTheme(theme: Theme): void {
  if (theme === "system") {
    document.documentElement.removeAttribute("data-theme");
    globalThis.localStorage?.removeItem(KEY);
  } else {
    document.documentElement.setAttribute("data-theme", theme);
    globalThis.localStorage?.setItem(KEY, theme);
  }
}

/** The next setting of the toggle: system → light → dark → system. */
export function nextTheme(theme: Theme): Theme {
  return theme === "system" ? "light" : theme === "light" ? "dark" : "system";
}
