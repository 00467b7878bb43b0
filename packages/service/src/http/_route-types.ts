// The types of the route table: a route's declaration, what its handler gets, and the app's context.
import type { Context } from "hono";
import type { Service } from "../service/types.js";
import type { JsonSchema } from "./_schema.js";
import type { SseContext } from "./_sse.js";
import type { CatalogProvider, EvalsProvider } from "./providers.js";
import type { SessionStore } from "./sessions.js";

/** The prefix of every API route but the webhook alias. */
export const API_PREFIX = "/api/v1";

/** What a route handler is given by the app. */
export interface ApiContext {
  service: Service;
  version: string;
  sse: SseContext;
  /** The OpenAPI document (built once from this table). */
  openapi: object;
  /** The dashboard's logins; absent when the app serves no dashboard. */
  sessions?: SessionStore;
  /** The skill catalog (`/skills` routes); absent, they answer 404 SKILLS_NOT_SERVED. */
  catalog?: CatalogProvider;
  /** The evaluation reports (`/evals` routes); absent, they answer 404 EVALS_NOT_SERVED. */
  evals?: EvalsProvider;
}

/** A request, checked against its route's declaration. */
export interface RouteInput {
  params: Record<string, string>;
  query: Record<string, unknown>;
  /** The parsed JSON body (`{}` when the body is optional and empty). */
  body: unknown;
  /** The raw body bytes (`body: "raw"` routes only). */
  raw: Uint8Array;
  c: Context;
  /** How the request was authenticated (undefined on open and webhook routes). */
  via?: "token" | "cookie";
}

/** One route: how it is matched, documented, checked and answered. */
export interface RouteDef {
  method: "GET" | "POST";
  /** Hono path (`/api/v1/runs/:id`). */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /**
   * `bearer`: the API token, or a dashboard session cookie (then changes must pass the same-origin
   * check); `token`: the API token only, never a cookie; `none`: open; `signature`: the webhook's
   * own HMAC signature.
   */
  auth: "bearer" | "token" | "none" | "signature";
  /** Path parameters: name → description. */
  params?: Readonly<Record<string, string>>;
  /** Query parameters: name → schema (all optional). */
  query?: Readonly<Record<string, JsonSchema>>;
  /** A JSON body (checked against `schema`) or the raw bytes. */
  body?: { schema: JsonSchema; required: boolean } | "raw";
  response: { status: 200 | 202; description: string; schema?: JsonSchema; contentType?: string };
  /** Error statuses it can answer with (401, 404 and 500 are added where they apply). */
  errors: readonly number[];
  handle(api: ApiContext, input: RouteInput): Promise<unknown>;
}
