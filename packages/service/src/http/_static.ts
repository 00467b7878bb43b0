// The built dashboard as static files: content types, cache rules, strict page headers, the
// single-page fallback to index.html, and no way out of the folder (`..`, encoded, symlinks).
import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { errorBody } from "./errors.js";

/** The Content-Security-Policy of the dashboard's pages: everything from this origin only. */
export const DASHBOARD_CSP =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; " +
  "script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Headers every dashboard response carries. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": DASHBOARD_CSP,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
  ".webmanifest": "application/manifest+json",
};

/** Where hashed (content-addressed) files live: cached for a year. */
const ASSETS = "/assets/";
const IMMUTABLE = "public, max-age=31536000, immutable";

/** Paths the dashboard never answers (the API's, the webhooks', MCP's and the login page's). */
export const NOT_DASHBOARD = /^\/(?:api|hooks|mcp|login)(?:\/|$)/;

function notFound(pathname: string): Response {
  return Response.json(
    errorBody(
      "NOT_FOUND",
      `No dashboard file ${pathname}; reload the dashboard (its files may have changed).`,
    ),
    { status: 404, headers: PAGE_HEADERS },
  );
}

/** The decoded path below the root, or undefined when it names anything but a plain file path. */
function relativePath(pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (/[\0\\]/.test(decoded)) return undefined;
  const segments = decoded.split("/").filter((s) => s !== "");
  // `..` anywhere, and hidden files (`.env`, `.git`), are never served.
  if (segments.some((s) => s.startsWith("."))) return undefined;
  return segments.join("/");
}

/** Where a path leads: a file in the folder, out of it (a symlink), or nowhere. */
type Found = { file: string } | "outside" | undefined;

/** The file `relative` names in `root`; `outside` when it exists but leads out (a symlink). */
async function fileInside(root: string, relative: string): Promise<Found> {
  let file: string;
  try {
    file = await realpath(path.join(root, relative));
  } catch {
    return undefined;
  }
  const within = path.relative(root, file);
  if (within.startsWith("..") || path.isAbsolute(within)) return "outside";
  return (await stat(file)).isFile() ? { file } : undefined;
}

async function fileResponse(file: string, cache: string): Promise<Response> {
  const type = TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
  const bytes = await readFile(file);
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: { ...PAGE_HEADERS, "Content-Type": type, "Cache-Control": cache },
  });
}

/**
 * A handler of GET/HEAD requests for the built app in `dir`: a file when one is named, index.html for
 * any other path (the app's own routes, `/runs/<id>`), 404 for a missing asset or a refused path.
 */
export function dashboardFiles(dir: string): (request: Request) => Promise<Response> {
  let root: Promise<string> | undefined;
  return async (request) => {
    root ??= realpath(dir);
    const base = await root;
    const pathname = new URL(request.url).pathname;
    const relative = relativePath(pathname);
    if (relative === undefined) return notFound(pathname);
    if (relative !== "") {
      const file = await fileInside(base, relative);
      if (file === "outside") return notFound(pathname);
      if (file !== undefined) {
        const named = path.basename(file.file) === "index.html";
        return fileResponse(
          file.file,
          pathname.startsWith(ASSETS) && !named ? IMMUTABLE : "no-cache",
        );
      }
      // A missing hashed file is an old page asking for a gone build: not the app's HTML.
      if (pathname.startsWith(ASSETS)) return notFound(pathname);
    }
    const index = await fileInside(base, "index.html");
    if (index === undefined || index === "outside") return notFound(pathname);
    return fileResponse(index.file, "no-cache");
  };
}
