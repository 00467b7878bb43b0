// `createApiApp`: the Hono app of the HTTP API, a thin adapter from the route table to a `Service`.
import { Hono, type Context } from "hono";
import { ServiceError } from "../errors.js";
import type { Service } from "../service/types.js";
import { bearerMatches, unauthorized } from "./_auth.js";
import { parseJsonBody, readBodyLimited } from "./_body.js";
import { EventHub } from "./_events.js";
import { isSameOrigin, login, LOGIN_PATH, sessionOf } from "./_login.js";
import { checkSchema, type JsonSchema } from "./_schema.js";
import { dashboardFiles, NOT_DASHBOARD } from "./_static.js";
import { ApiError, errorBody, INTERNAL_BODY, toResponseError, type ApiProblem } from "./errors.js";
import { openApiDocument } from "./openapi.js";
import type { CatalogProvider, EvalsProvider } from "./providers.js";
import { ROUTES, type ApiContext, type RouteDef } from "./routes.js";
import { createSessionStore, type SessionStore } from "./sessions.js";

/** Options of `createApiApp`. */
export interface ApiOptions {
  /** The bearer token every route but health, the OpenAPI document and webhooks needs. */
  token: string;
  /** The version `/health` and the OpenAPI document report. */
  version: string;
  /** Told about unexpected exceptions (answered as 500 INTERNAL without their text). */
  onProblem?: (problem: ApiProblem) => void;
  /** Largest request body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Period of the `/events` heartbeat comments (default 15 s). */
  heartbeatMs?: number;
  /** How many recent events are kept for Last-Event-ID (default 1,000). */
  keptEvents?: number;
  /** How many `/events` streams may be open at once (default 32); one more answers 503. */
  maxStreams?: number;
  /**
   * A fetch-style handler mounted at `/mcp` behind the bearer token (the MCP server's streamable
   * HTTP endpoint, which `skillflow serve` passes); absent, `/mcp` is not found.
   */
  mcp?: (request: Request) => Promise<Response>;
  /**
   * The built dashboard: its files in `dir` are served at `/` (any other GET outside /api, /hooks,
   * /mcp and /login answers index.html), and `/login?code=` opens browser sessions from the codes of
   * `sessions` (default: a store of this app). Absent, `/` is not found and no cookie is accepted.
   */
  dashboard?: { dir: string; sessions?: SessionStore };
  /** The skill catalog behind `/api/v1/skills` (absent: 404 SKILLS_NOT_SERVED). */
  catalog?: CatalogProvider;
  /** The evaluation reports behind `/api/v1/evals/...` (absent: 404 EVALS_NOT_SERVED). */
  evals?: EvalsProvider;
}

/** Where `options.mcp` is mounted. */
export const API_MCP_PATH = "/mcp";

/** Default largest request body. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Default number of event streams open at once. */
export const DEFAULT_MAX_STREAMS = 32;
/** Default period of the event stream's heartbeat. */
export const DEFAULT_HEARTBEAT_MS = 15_000;

const openStreams = new WeakMap<Hono, Set<() => void>>();

/** Ends the open `/events` streams of an app made by `createApiApp` (for a prompt shutdown). */
export function closeEventStreams(app: Hono): void {
  for (const stop of openStreams.get(app) ?? []) stop();
}

function queryOf(route: RouteDef, c: Context): Record<string, unknown> {
  // Entries, not assignments: a parameter named `__proto__` stays an own key (and is refused).
  const entries: [string, unknown][] = [];
  const declared: Record<string, JsonSchema> = { ...route.query };
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (values.length !== 1) {
      throw new ApiError(
        400,
        "INVALID_QUERY",
        `Query parameter "${name}" is given more than once; give it once.`,
      );
    }
    const value = values[0] as string;
    const numeric =
      Object.hasOwn(declared, name) && declared[name]?.type === "integer" && /^-?\d+$/.test(value);
    entries.push([name, numeric ? Number(value) : value]);
  }
  const query: Record<string, unknown> = Object.fromEntries(entries);
  const schema: JsonSchema = { type: "object", additionalProperties: false, properties: declared };
  const mismatches = checkSchema(query, schema);
  if (mismatches.length > 0) {
    const text = mismatches.map((m) => `${m.path.replace(/^\$\.?/, "") || "query"}: ${m.message}`);
    throw new ApiError(400, "INVALID_QUERY", `The query is invalid: ${text.join("; ")}.`, {
      problems: mismatches,
    });
  }
  return query;
}

function checkedBody(route: RouteDef, value: unknown): unknown {
  if (route.body === undefined || route.body === "raw") return undefined;
  if (value === undefined) {
    if (!route.body.required) return {};
    throw new ApiError(400, "INVALID_BODY", `${route.method} ${route.path} needs a JSON body.`);
  }
  const mismatches = checkSchema(value, route.body.schema);
  if (mismatches.length > 0) {
    const text = mismatches.map((m) => `${m.path}: ${m.message}`).join("; ");
    throw new ApiError(400, "INVALID_BODY", `The request body is invalid: ${text}.`, {
      problems: mismatches,
    });
  }
  return value;
}

function answerError(options: ApiOptions, c: Context, error: unknown): Response {
  const known = toResponseError(error);
  if (known !== undefined) return c.json(known.body, known.status as 400);
  reportProblem(options, c, error);
  return c.json(INTERNAL_BODY, 500);
}

function handler(route: RouteDef, api: ApiContext, options: ApiOptions & { maxBodyBytes: number }) {
  const answer = async (c: Context): Promise<Response> => {
    const via = authenticate(route, c.req.raw, options.token, api.sessions);
    if (via instanceof Response) return via;
    const query = queryOf(route, c);
    const raw =
      route.body === undefined
        ? new Uint8Array(0)
        : await readBodyLimited(c.req.raw, options.maxBodyBytes);
    const body = route.body === "raw" ? undefined : checkedBody(route, parseJsonBody(raw));
    const result = await route.handle(api, {
      params: c.req.param(),
      query,
      body,
      raw,
      c,
      ...(via === undefined ? {} : { via }),
    });
    return result instanceof Response ? result : c.json(result as object, route.response.status);
  };
  // Hono hands only `Error`s to `onError`; anything else thrown is answered here.
  return async (c: Context): Promise<Response> => {
    const response = await answer(c).catch((error: unknown) => answerError(options, c, error));
    // An authenticated answer (a run's outputs, a skill) is never kept by a browser or a proxy: not
    // shown again by Back after a logout, not read from a shared cache by someone else.
    if (route.auth !== "none" && !response.headers.has("cache-control"))
      response.headers.set("Cache-Control", "no-store");
    return response;
  };
}

const CHANGES_SAFE = new Set(["GET", "HEAD"]);

/**
 * How a request to `route` is authenticated: the bearer token, or (on `bearer` routes of an app with
 * a dashboard) a live session cookie, whose changes must come from this server's pages. A refusal is
 * the answer to send; undefined on routes that need nothing.
 */
function authenticate(
  route: RouteDef,
  request: Request,
  token: string,
  sessions: SessionStore | undefined,
): "token" | "cookie" | Response | undefined {
  if (route.auth !== "bearer" && route.auth !== "token") return undefined;
  const header = request.headers.get("authorization") ?? undefined;
  // A presented token is judged alone: a wrong one is refused even beside a good cookie.
  if (header !== undefined && header !== "")
    return bearerMatches(header, token) ? "token" : unauthorized(header);
  const session = sessions === undefined ? undefined : sessionOf(request);
  if (session === undefined || sessions?.touch(session) !== true) return unauthorized(header);
  if (route.auth === "token")
    return Response.json(
      errorBody(
        "UNAUTHORIZED",
        `${route.method} ${route.path} takes the API token only, never the dashboard's cookie; ` +
          "send `Authorization: Bearer <token>` (`skillflow serve --print-token`).",
      ),
      { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="skillflow"' } },
    );
  if (!CHANGES_SAFE.has(request.method) && !isSameOrigin(request))
    return Response.json(
      errorBody(
        "CSRF_REFUSED",
        `${route.method} ${route.path} with the dashboard's session cookie must come from this ` +
          "server's own pages (Origin or Sec-Fetch-Site: same-origin); a script elsewhere sends " +
          "`Authorization: Bearer <token>` instead.",
      ),
      { status: 403 },
    );
  return "cookie";
}

function reportProblem(options: ApiOptions, c: Context, error: unknown): void {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  try {
    options.onProblem?.({
      code: "HTTP_INTERNAL",
      message: `${c.req.method} ${c.req.path} failed unexpectedly (${what})`,
      error,
    });
  } catch {
    // A failing log sink must not turn one 500 into a crash.
  }
}

/** The HTTP API over `service` (routes in `ROUTES`, documented at `/api/v1/openapi.json`). */
export function createApiApp(service: Service, options: ApiOptions): Hono {
  if (options.token.length < 16) {
    throw new ServiceError(
      "API_TOKEN_TOO_SHORT",
      "The API token must have at least 16 characters; use loadOrCreateToken to make one.",
    );
  }
  const app = new Hono();
  const open = new Set<() => void>();
  openStreams.set(app, open);
  const sessions =
    options.dashboard === undefined
      ? undefined
      : (options.dashboard.sessions ?? createSessionStore());
  const api: ApiContext = {
    service,
    ...(sessions === undefined ? {} : { sessions }),
    ...(options.catalog === undefined ? {} : { catalog: options.catalog }),
    ...(options.evals === undefined ? {} : { evals: options.evals }),
    version: options.version,
    openapi: openApiDocument(options.version),
    sse: {
      hub: new EventHub(service, options.keptEvents ?? 1000),
      heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
      open,
      maxStreams: options.maxStreams ?? DEFAULT_MAX_STREAMS,
      bySession: new Map(),
      ...(sessions === undefined ? {} : { sessionLive: (s: string) => sessions.isLive(s) }),
    },
  };
  const limits = { ...options, maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES };
  for (const route of ROUTES) app.on(route.method, route.path, handler(route, api, limits));
  const mcp = options.mcp;
  if (mcp !== undefined)
    app.all(API_MCP_PATH, async (c) => {
      const header = c.req.header("authorization");
      if (!bearerMatches(header, options.token)) return unauthorized(header);
      try {
        return await mcp(c.req.raw);
      } catch (error) {
        return answerError(options, c, error);
      }
    });
  if (options.dashboard !== undefined && sessions !== undefined) {
    const files = dashboardFiles(options.dashboard.dir);
    app.get(LOGIN_PATH, (c) => login(c.req.raw, sessions));
    app.get("*", (c) => (NOT_DASHBOARD.test(c.req.path) ? c.notFound() : files(c.req.raw)));
  }
  app.notFound((c) =>
    c.json(
      errorBody(
        "NOT_FOUND",
        `No route ${c.req.method} ${c.req.path}; /api/v1/openapi.json lists them.`,
      ),
      404,
    ),
  );
  app.onError((error, c) => answerError(options, c, error));
  return app;
}
