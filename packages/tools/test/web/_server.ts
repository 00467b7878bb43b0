// Local HTTP fixture for the web tool tests: pages, JSON, redirects, slow and huge bodies, errors.
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the fixture received. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A running fixture server. */
export interface Fixture {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  seen: SeenRequest[];
  close(): Promise<void>;
}

const PARAGRAPH =
  "Skillflow runs deterministic workflows whose steps call tools. A tool receives arguments, " +
  "does one thing well and returns structured output that later steps can read. ";

/** The article page: navigation and footer around a long article. */
export const ARTICLE_HTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Tools in Skillflow</title></head>
<body>
  <nav><a href="/">Home</a> | <a href="/about">About</a></nav>
  <article>
    <h1>Tools in Skillflow</h1>
    <p>${PARAGRAPH.repeat(3)}</p>
    <p>Read the <a href="/docs/tools">tool reference</a> for details. ${PARAGRAPH.repeat(2)}</p>
    <h2>Safety</h2>
    <ul><li>Private addresses are refused</li><li>Secrets are redacted</li></ul>
    <p>${PARAGRAPH.repeat(2)}</p>
  </article>
  <footer>Copyright footer text</footer>
  <script>window.tracking = "SCRIPT-CONTENT";</script>
</body></html>`;

const LIST_HTML = `<!DOCTYPE html><html><head><title>Products</title></head><body>
  <ul id="products">
    <li class="product"><span class="name">Widget</span> <span class="price">$3</span></li>
    <li class="product"><span class="name">  Gadget  </span> <span class="price">$5</span></li>
    <li class="product"><span class="name"></span> <span class="price">$0</span></li>
  </ul>
  <table id="stock"><tr><th>Item</th><th>Qty</th></tr>
    <tr><td>Widget</td><td>7</td></tr><tr><td>Gadget</td><td>0</td></tr></table>
</body></html>`;

const NO_ARTICLE_HTML = `<html><head><title>Tiny</title></head><body>
  <div><span>Just a short line.</span></div><script>var hidden = "SCRIPT";</script></body></html>`;

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, body: string) => void;

function json(res: ServerResponse, status: number, value: unknown, headers = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(value));
}

const routes: Record<string, Handler> = {
  "/article": (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(ARTICLE_HTML),
  "/no-article": (_req, res) =>
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(NO_ARTICLE_HTML),
  "/fragment": (_req, res) =>
    res
      .writeHead(200, { "content-type": "text/html" })
      .end("<title>Frag</title><p>Only a <b>fragment</b>.</p>"),
  "/untyped-html": (_req, res) =>
    res.end("<!doctype html><html><body><p>Sniffed.</p></body></html>"),
  "/list": (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(LIST_HTML),
  "/plain": (_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("plain text"),
  "/latin1": (_req, res) =>
    res
      .writeHead(200, { "content-type": "text/plain; charset=iso-8859-1" })
      .end(Buffer.from([0x63, 0x61, 0x66, 0xe9])),
  "/binary": (_req, res) =>
    res
      .writeHead(200, { "content-type": "application/octet-stream" })
      .end(Buffer.from([0, 1, 2, 255])),
  "/json": (_req, res) => json(res, 200, { ok: true, items: [1, 2] }, { "x-request-id": "r-1" }),
  "/bad-json": (_req, res) =>
    res.writeHead(200, { "content-type": "application/json" }).end("{nope"),
  "/empty": (_req, res) => res.writeHead(204).end(),
  "/cookie": (_req, res) =>
    json(res, 200, {}, { "set-cookie": ["session=abc123secret; HttpOnly", "b=2"] }),
  "/echo": (req, res, url, body) =>
    json(res, 200, {
      method: req.method,
      headers: req.headers,
      query: Object.fromEntries(url.searchParams),
      body,
    }),
  "/status": (_req, res, url) => {
    const code = Number(url.searchParams.get("code") ?? "500");
    const retryAfter = url.searchParams.get("retry_after") ?? (code === 429 ? "7" : null);
    const headers = retryAfter === null ? {} : { "retry-after": retryAfter };
    json(res, code, { error: `failure ${code}`, detail: "x".repeat(500) }, headers);
  },
  // A 400 whose body quotes the request line, then bytes that are not text: a NUL, invalid UTF-8,
  // an escape sequence and a C1 control (U+009B, a one-character CSI).
  "/quote-error": (req, res) => {
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
    res.end(
      Buffer.concat([
        Buffer.from(`you asked for ${req.url} `),
        Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0xc2, 0x9b, 0x33, 0x31, 0x6d]),
        Buffer.from(" end"),
      ]),
    );
  },
  "/redirect": (_req, res, url) => {
    const n = Number(url.searchParams.get("n") ?? "1");
    const to = url.searchParams.get("to");
    const rest = to === null ? "" : `&to=${encodeURIComponent(to)}`;
    const next = n <= 1 ? (to ?? "/json") : `/redirect?n=${n - 1}${rest}`;
    res.writeHead(302, { location: next }).end();
  },
  "/redirect-to": (_req, res, url) => {
    const status = Number(url.searchParams.get("status") ?? "302");
    res.writeHead(status, { location: url.searchParams.get("url") ?? "/json" }).end("moving");
  },
  "/slow": (_req, res) => {
    const timer = setTimeout(() => res.end("late"), 10_000);
    res.on("close", () => clearTimeout(timer));
  },
  "/huge": (_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = (): void => {
      while (sent < 64 * 1024 * 1024 && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end();
    };
    pump();
  },
  "/huge-declared": (_req, res) => {
    res.writeHead(200, {
      "content-type": "text/plain",
      "content-length": String(50 * 1024 * 1024),
    });
    res.write("a");
  },
};

/** Starts the fixture on 127.0.0.1 with an ephemeral port. */
export async function startFixture(): Promise<Fixture> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fixture.local");
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({
        method: req.method ?? "",
        path: url.pathname + url.search,
        headers: req.headers,
        body,
      });
      const route = routes[url.pathname];
      if (route === undefined) json(res, 404, { error: "not found" });
      else route(req, res, url, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
