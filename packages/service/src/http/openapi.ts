// The OpenAPI 3.1 document of the HTTP API, generated from the route table (never written by hand).
import { COMPONENT_SCHEMAS, schemaRef } from "./_components.js";
import { ROUTES, type RouteDef } from "./routes.js";

/** The path of a Hono route in OpenAPI form (`/runs/:id` → `/runs/{id}`). */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: "The request is invalid (INVALID_JSON, INVALID_BODY, INVALID_QUERY, INVALID_INPUTS, ...).",
  401: "The token (or the webhook signature) is missing or wrong.",
  403:
    "The Host header is not one this server answers to (HOST_NOT_ALLOWED), or a change " +
    "authenticated by the session cookie did not come from this server's pages (CSRF_REFUSED).",
  404:
    "No such run, workflow, schedule, approval, hook, skill or report, or the server serves no " +
    "dashboard, skills or evaluations (DASHBOARD_NOT_SERVED, SKILLS_NOT_SERVED, EVALS_NOT_SERVED).",
  409: "Not in a state that allows it.",
  413: "The body is too large (BODY_TOO_LARGE).",
  429: "Too many runs of this workflow are waiting in the queue (QUEUE_FULL); retry later.",
  500:
    "An unexpected failure (INTERNAL); the service's log has the details. A saved evaluation " +
    "report that cannot be read is EVAL_REPORT_DAMAGED (its message names the file).",
  503: "The service is stopping (SERVICE_STOPPED), or too many event streams are open (TOO_MANY_STREAMS).",
};

function errorResponse(status: number): object {
  return {
    description: STATUS_TEXT[status] ?? "An error.",
    content: { "application/json": { schema: schemaRef("Error") } },
  };
}

function operation(route: RouteDef): object {
  const parameters = [
    ...Object.entries(route.params ?? {}).map(([name, description]) => ({
      name,
      in: "path",
      required: true,
      description,
      schema: { type: "string" },
    })),
    ...Object.entries(route.query ?? {}).map(([name, schema]) => ({
      name,
      in: "query",
      required: false,
      schema,
    })),
  ];
  const statuses = new Set([...route.errors, 403, 500]);
  if (route.auth !== "none") statuses.add(401);
  if (route.params !== undefined) statuses.add(404);
  if (route.body !== undefined) statuses.add(400).add(413);
  const responses: Record<string, object> = {
    [String(route.response.status)]: {
      description: route.response.description,
      content: {
        [route.response.contentType ?? "application/json"]: { schema: route.response.schema ?? {} },
      },
    },
  };
  for (const status of [...statuses].sort((a, b) => a - b))
    responses[String(status)] = errorResponse(status);
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    security: securityOf(route),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body === undefined ? {} : { requestBody: requestBody(route.body) }),
    responses,
  };
}

function securityOf(route: RouteDef): object[] {
  if (route.auth === "bearer") return [{ bearerAuth: [] }, { sessionCookie: [] }];
  return route.auth === "token" ? [{ bearerAuth: [] }] : [];
}

function requestBody(body: NonNullable<RouteDef["body"]>): object {
  if (body === "raw") {
    return {
      required: true,
      description: "JSON, signed: the signature covers the exact bytes (see docs/service.md).",
      content: { "application/json": { schema: { type: "object" } } },
    };
  }
  return { required: body.required, content: { "application/json": { schema: body.schema } } };
}

/** The OpenAPI 3.1 document of `routes` (default: every route of the API). */
export function openApiDocument(version: string, routes: readonly RouteDef[] = ROUTES): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "skillflow service API",
      version,
      description:
        "The HTTP API of `skillflow serve`. Every route but health, this document and webhooks needs " +
        "`Authorization: Bearer <token>` (`skillflow serve --print-token`) or the dashboard's " +
        "session cookie (then a change must come from this origin). Errors are " +
        "`{ error: { code, message, details? } }`.",
    },
    paths,
    components: {
      schemas: COMPONENT_SCHEMAS,
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer" },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "skillflow_session",
          description:
            "The dashboard's session (from a one-time `/login?code=` link). A request that is not " +
            "GET must come from this server's own pages (Origin), else 403 CSRF_REFUSED.",
        },
      },
    },
  };
}
