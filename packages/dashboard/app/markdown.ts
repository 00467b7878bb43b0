// Markdown from the service (a skill's body) as safe HTML: rendered by `marked`, then sanitized by
// DOMPurify (scripts, handlers and inline styles removed); links open without handing over the page.
import DOMPurify from "dompurify";
import { Marked } from "marked";

/**
 * Marked with headings moved two levels down (`#` becomes `<h3>`), so a body's headings sit under
 * the page's own `<h1>` and section `<h2>` and the outline stays in order.
 */
const parser = new Marked({
  gfm: true,
  walkTokens(token) {
    if (token.type === "heading") token.depth = Math.min(6, token.depth + 2);
  },
});

/** `text` as HTML, headings shifted, not sanitized yet (pure: runs without a DOM). */
export function markdownHtml(text: string): string {
  return parser.parse(text, { async: false });
}

let hooked = false;

function hook(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook("afterSanitizeAttributes", (node) => {
    if (node.tagName === "A" && node.hasAttribute("href"))
      node.setAttribute("rel", "noopener noreferrer");
    // An image the author gave no text is treated as decorative rather than read out as a file name.
    if (node.tagName === "IMG" && !node.hasAttribute("alt")) node.setAttribute("alt", "");
  });
}

/** `markdown` rendered to sanitized HTML (browser only: DOMPurify needs the DOM). */
export function renderMarkdown(markdown: string): string {
  hook();
  return DOMPurify.sanitize(markdownHtml(markdown), {
    USE_PROFILES: { html: true },
    // The page's CSP refuses inline styles anyway; forms in a skill body would only confuse.
    FORBID_ATTR: ["style"],
    FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select"],
  });
}
