// Plain text from a DOM subtree that keeps paragraph and line structure (textContent loses it).

/** The part of a DOM node that text extraction reads (linkedom and browser nodes both fit). */
export interface TextNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<TextNode>;
}

const SKIPPED = new Set(["script", "style", "noscript", "template", "svg", "head"]);
const LINE = new Set(["li", "tr", "dt", "dd", "figcaption", "caption"]);
const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "div",
  "dl",
  "fieldset",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "ul",
]);

// Tokens: text, or a break of 1 (line) or 2 (paragraph) newlines; adjacent breaks merge.
type Token = string | 1 | 2;

function collect(node: TextNode, out: Token[]): void {
  if (node.nodeType === 3) {
    out.push((node.textContent ?? "").replace(/\s+/g, " "));
    return;
  }
  if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
  const tag = node.nodeName.toLowerCase();
  if (SKIPPED.has(tag)) return;
  if (tag === "br") {
    out.push(1);
    return;
  }
  if (tag === "td" || tag === "th") out.push("\t");
  const gap = BLOCK.has(tag) ? 2 : LINE.has(tag) ? 1 : undefined;
  if (gap !== undefined) out.push(gap);
  for (let i = 0; i < node.childNodes.length; i++) {
    const child = node.childNodes[i];
    if (child !== undefined) collect(child, out);
  }
  if (gap !== undefined) out.push(gap);
}

function join(tokens: readonly Token[]): string {
  let text = "";
  let pending = 0;
  for (const token of tokens) {
    if (typeof token === "number") pending = Math.max(pending, token);
    else if (pending > 0 && token.trim() === "") continue;
    else {
      text += pending > 0 ? "\n".repeat(pending) + token : token;
      pending = 0;
    }
  }
  return text;
}

/** The text of `root`: blocks separated by blank lines, list items and rows by line breaks. */
export function blockText(root: TextNode): string {
  const tokens: Token[] = [];
  collect(root, tokens);
  return join(tokens)
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, (run) => (run.includes("\t") ? "\t" : " ")).trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
