// The routes the dashboard needs beside the run API: its session, login links, skills, evaluations.
import { schemaRef } from "./_components.js";
import { isHttps, LOGIN_PATH, sessionCookie, sessionOf } from "./_login.js";
import { API_PREFIX, type ApiContext, type RouteDef, type RouteInput } from "./_route-types.js";
import type { JsonSchema } from "./_schema.js";
import { ApiError } from "./errors.js";
import { endSessionStreams } from "./_sse.js";
import type { CatalogProvider, EvalsProvider } from "./providers.js";

const arrayOf = (name: string): JsonSchema => ({ type: "array", items: schemaRef(name) });
const p = (input: RouteInput, name: string): string => input.params[name] as string;

function catalogOf(api: ApiContext): CatalogProvider {
  if (api.catalog !== undefined) return api.catalog;
  throw new ApiError(
    404,
    "SKILLS_NOT_SERVED",
    "This server was started without a skill catalog; `skillflow serve` provides one.",
  );
}

function evalsOf(api: ApiContext): EvalsProvider {
  if (api.evals !== undefined) return api.evals;
  throw new ApiError(
    404,
    "EVALS_NOT_SERVED",
    "This server was started without evaluation reports; `skillflow serve` provides them.",
  );
}

function loginLink(api: ApiContext, input: RouteInput): { url: string; expiresAt: string } {
  if (api.sessions === undefined)
    throw new ApiError(
      404,
      "DASHBOARD_NOT_SERVED",
      "This server serves no dashboard, so there is nothing to log in to; install and build " +
        "@skillflow/dashboard and restart `skillflow serve`.",
    );
  const request = input.c.req.raw;
  const host = request.headers.get("host") ?? new URL(request.url).host;
  const { code, expiresAt } = api.sessions.issueCode();
  const origin = `${isHttps(request) ? "https" : "http"}://${host}`;
  return { url: `${origin}${LOGIN_PATH}?code=${code}`, expiresAt };
}

function logout(api: ApiContext, input: RouteInput): Response {
  const request = input.c.req.raw;
  const session = input.via === "cookie" ? sessionOf(request) : undefined;
  if (session !== undefined) {
    api.sessions?.end(session);
    // An open event stream of this session must not keep sending after the logout.
    endSessionStreams(api.sse, session);
  }
  const headers: Record<string, string> =
    session === undefined ? {} : { "Set-Cookie": sessionCookie("", isHttps(request)) };
  return Response.json({ loggedOut: session !== undefined }, { status: 200, headers });
}

async function found<T>(
  value: Promise<T | undefined>,
  code: "UNKNOWN_SKILL" | "UNKNOWN_EVAL_REPORT",
  what: string,
): Promise<T> {
  const result = await value;
  if (result !== undefined) return result;
  const hint =
    code === "UNKNOWN_SKILL"
      ? "GET /api/v1/skills lists them"
      : "GET /api/v1/evals/reports lists them";
  throw new ApiError(404, code, `No ${what}; ${hint}.`);
}

/** The dashboard's routes (part of `ROUTES`). */
export const DASHBOARD_ROUTES: readonly RouteDef[] = [
  {
    method: "GET",
    path: `${API_PREFIX}/session`,
    operationId: "getSession",
    summary:
      "Whether the request is authenticated, and how (a dashboard session cookie or the token).",
    tag: "dashboard",
    auth: "bearer",
    response: { status: 200, description: "It is.", schema: schemaRef("Session") },
    errors: [],
    handle: (_api, input) => Promise.resolve({ authenticated: true, via: input.via }),
  },
  {
    method: "POST",
    path: `${API_PREFIX}/logout`,
    operationId: "logout",
    summary: "Ends the dashboard session of the request's cookie (and removes the cookie).",
    tag: "dashboard",
    auth: "bearer",
    response: { status: 200, description: "Done.", schema: schemaRef("LoggedOut") },
    errors: [],
    handle: (api, input) => Promise.resolve(logout(api, input)),
  },
  {
    method: "POST",
    path: `${API_PREFIX}/login-links`,
    operationId: "createLoginLink",
    summary:
      "A new one-time dashboard login link (valid 10 minutes); the API token only, never a cookie " +
      "(`skillflow dashboard` asks for one).",
    tag: "dashboard",
    auth: "token",
    response: { status: 200, description: "The link.", schema: schemaRef("LoginLink") },
    errors: [404],
    handle: (api, input) => Promise.resolve(loginLink(api, input)),
  },
  {
    method: "GET",
    path: `${API_PREFIX}/skills`,
    operationId: "listSkills",
    summary: "The skill catalog: every skill found, with scope, state and validation problems.",
    tag: "skills",
    auth: "bearer",
    response: { status: 200, description: "The skills.", schema: arrayOf("SkillInfo") },
    errors: [404],
    handle: (api) => catalogOf(api).skills(),
  },
  {
    method: "GET",
    path: `${API_PREFIX}/skills/:name`,
    operationId: "getSkill",
    summary: "One skill: its body (raw Markdown), declared inputs and files.",
    tag: "skills",
    auth: "bearer",
    params: { name: "The skill name, or its `scope:name` id (URL-encoded)." },
    response: { status: 200, description: "The skill.", schema: schemaRef("SkillDetail") },
    errors: [],
    handle: (api, input) =>
      found(catalogOf(api).skill(p(input, "name")), "UNKNOWN_SKILL", `skill "${p(input, "name")}"`),
  },
  {
    method: "GET",
    path: `${API_PREFIX}/evals/reports`,
    operationId: "listEvalReports",
    summary: "The evaluation reports of this project (`skillflow eval` runs), newest first.",
    tag: "evals",
    auth: "bearer",
    response: { status: 200, description: "The reports.", schema: arrayOf("EvalReportSummary") },
    errors: [404],
    handle: (api) => evalsOf(api).reports(),
  },
  {
    method: "GET",
    path: `${API_PREFIX}/evals/reports/:id`,
    operationId: "getEvalReport",
    summary: "One evaluation report in full.",
    tag: "evals",
    auth: "bearer",
    params: { id: "The report id (from the list)." },
    response: { status: 200, description: "The report.", schema: schemaRef("EvalReport") },
    errors: [500],
    handle: (api, input) =>
      found(
        evalsOf(api).report(p(input, "id")),
        "UNKNOWN_EVAL_REPORT",
        `evaluation report "${p(input, "id")}"`,
      ),
  },
  {
    method: "GET",
    path: `${API_PREFIX}/evals/history/:skill`,
    operationId: "getEvalHistory",
    summary: "The evaluation history of a skill across models and versions, oldest first.",
    tag: "evals",
    auth: "bearer",
    params: { skill: "The skill name." },
    response: { status: 200, description: "The records.", schema: arrayOf("EvalHistoryRecord") },
    errors: [],
    handle: (api, input) => evalsOf(api).history(p(input, "skill")),
  },
];
