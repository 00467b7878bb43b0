// HTML to its readable article (Readability on linkedom), as Markdown (turndown) or plain text.
import { Readability } from "@mozilla/readability";
import { load } from "cheerio";
import { parseHTML } from "linkedom";
import TurndownService from "turndown";
import { type TextNode, blockText } from "./_text.js";

/** How `web_fetch` renders a page. */
export type ExtractMode = "markdown" | "text";

/** The readable part of a page. */
export interface Article {
  content: string;
  title?: string;
}

const turndown = new TurndownService({
  headingStyle: "atx",
  codeBlockStyle: "fenced",
  bulletListMarker: "-",
}).remove(["script", "style", "noscript", "template"]);

type HtmlDocument = ReturnType<typeof parseHTML>["document"];

function parseDocument(html: string, pageUrl: string): HtmlDocument {
  // linkedom does not infer <html>/<head>/<body> the way browsers do; parse5 (via cheerio) does.
  const complete = /<html[\s>]/i.test(html) && /<body[\s>]/i.test(html);
  const { document } = parseHTML(complete ? html : load(html).html());
  // Readability resolves relative links against the document's base URL: make it the page's.
  const base = document.querySelector("base[href]");
  let href = pageUrl;
  try {
    href = new URL(base?.getAttribute("href") ?? "", pageUrl).href;
  } catch {
    // An unparsable <base href> is ignored, as browsers do.
  }
  if (base !== null) {
    base.setAttribute("href", href);
  } else {
    const created = document.createElement("base");
    created.setAttribute("href", href);
    document.head?.prepend(created);
  }
  return document;
}

function render(root: TextNode & { innerHTML: string }, mode: ExtractMode): string {
  return mode === "text" ? blockText(root) : turndown.turndown(root.innerHTML).trim();
}

function withTitle(content: string, title: string | null | undefined): Article {
  const trimmed = title?.trim() ?? "";
  return trimmed === "" ? { content } : { content, title: trimmed };
}

function readable(document: HtmlDocument) {
  try {
    return new Readability(document, { serializer: (node) => node }).parse();
  } catch {
    return null; // Readability gives up on some malformed documents: use the body instead.
  }
}

/**
 * The article of an HTML page: Readability's main content, or the whole `<body>` (without
 * scripts and styles) when Readability finds no article.
 */
export function extractArticle(html: string, pageUrl: string, mode: ExtractMode): Article {
  const document = parseDocument(html, pageUrl);
  const pageTitle = document.title;
  const article = readable(document);
  const root = article?.content;
  if (root && (article?.textContent ?? "").trim() !== "") {
    return withTitle(render(root, mode), article?.title || pageTitle);
  }
  // Readability changed the document; start again from the source for the fallback.
  const { body } = parseDocument(html, pageUrl);
  return withTitle(body ? render(body, mode) : "", pageTitle);
}
