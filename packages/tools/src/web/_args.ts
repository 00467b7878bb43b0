// Argument checks and schema parts shared by the web tools (the ToolSet validates schemas first).
import type { JsonSchema } from "@skillflow/workflow";
import { ToolError } from "../tool.js";

/** Methods the web tools send. */
export const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** An upper-case method from a case-insensitive argument (default GET). */
export function normalizeMethod(value: string | undefined): string {
  const method = (value ?? "GET").toUpperCase();
  if (!(METHODS as readonly string[]).includes(method)) {
    throw new ToolError(
      "INVALID_ARGUMENTS",
      `Unsupported HTTP method "${value}": use one of ${METHODS.join(", ")}`,
    );
  }
  return method;
}

/** Schema of a `url` argument. */
export const urlSchema: JsonSchema = {
  type: "string",
  minLength: 1,
  description: "An absolute http: or https: URL",
};

/** Schema of a `method` argument (case-insensitive, hence no enum). */
export const methodSchema: JsonSchema = {
  type: "string",
  description: `HTTP method, case-insensitive: ${METHODS.join(", ")} (default GET)`,
};

/** Schema of the `acceptErrorStatus` argument every web tool takes. */
export const acceptErrorStatusSchema: JsonSchema = {
  type: "boolean",
  description:
    "Return an HTTP error status (400 and above) as output, with its status and body, instead of " +
    "failing (default false: the call fails with the status, URL and start of the body)",
};

/** Schema of a `headers` argument. */
export const headersSchema: JsonSchema = {
  type: "object",
  additionalProperties: { type: "string" },
  description:
    "Request headers; Authorization, Cookie and API-key values are kept out of errors and logs",
};
