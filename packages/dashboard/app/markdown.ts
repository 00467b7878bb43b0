// Markdown from the service (a skill's body) as safe HTML: rendered by `marked`, then sanitized by
// DOMPurify (scripts, handlers and inline styles removed); links open without handing over the page.
import DOMPurify from "dompurify";
import { marked } from "marked";

let hooked = false;

function hook(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook("afterSanitizeAttributes", (node) => {
    if (node.tagName === "A" && node.hasAttribute("href"))
      node.setAttribute("rel", "noopener noreferrer");
  });
}

/** `markdown` rendered to sanitized HTML (browser only: DOMPurify needs the DOM). */
export function renderMarkdown(markdown: string): string {
  hook();
  const html = marked.parse(markdown, { async: false, gfm: true });
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    // The page's CSP refuses inline styles anyway; forms in a skill body would only confuse.
    FORBID_ATTR: ["style"],
    FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select"],
  });
}
