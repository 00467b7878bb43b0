// [EXT §13.4, §13.9.2] Checks a decision against its approval's declared response fields (§12 D1 rules).
import type { Decision, PendingApproval } from "../model/durable.js";
import { isMapping } from "../model/objects.js";
import type { ValidationError } from "../model/run-log.js";
import type { FieldSchema } from "../model/schema.js";
import { describeType, matchesType } from "../model/value-types.js";

/**
 * The first problem of a decision, or undefined when it is acceptable: `approved` must be a boolean,
 * `response` a mapping of declared fields only, each passing its type test; an approval must give
 * every non-nullable field, a rejection needs none.
 */
export function checkDecision(
  key: string,
  declared: Record<string, FieldSchema>,
  decision: unknown,
): ValidationError | undefined {
  const at = `decisions.${key}`;
  if (!isMapping(decision) || typeof decision["approved"] !== "boolean") {
    return {
      path: `${at}.approved`,
      message: `Decision for "${key}" must have "approved": true or false`,
    };
  }
  const by = decision["by"];
  if (by !== undefined && typeof by !== "string") {
    return {
      path: `${at}.by`,
      message: `Decision for "${key}": "by" must be a string naming who decided`,
    };
  }
  const response = decision["response"];
  if (response !== undefined && !isMapping(response)) {
    return {
      path: `${at}.response`,
      message: `Decision for "${key}": "response" must be a mapping of the declared fields`,
    };
  }
  const given = response ?? {};
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(declared, name)) {
      const known = Object.keys(declared);
      return {
        path: `${at}.response.${name}`,
        message: `Decision for "${key}": unknown response field "${name}" (declared: ${known.length > 0 ? known.join(", ") : "none"})`,
      };
    }
  }
  for (const [name, decl] of Object.entries(declared)) {
    const value = Object.hasOwn(given, name) ? given[name] : undefined;
    if (value === undefined && decision["approved"] === false) continue;
    if (!matchesType(decl, value)) {
      return {
        path: `${at}.response.${name}`,
        message: `Decision for "${key}": response field "${name}" must be ${decl.type}${decl.nullable === true ? " or null" : ""}, got ${describeType(value)}`,
        code: "TYPE_MISMATCH",
      };
    }
  }
  return undefined;
}

/**
 * Why a resume's decisions are refused (§13.9.2), or undefined when every decision is for a pending
 * approval and passes `checkDecision`.
 */
export function refusedDecisions(
  pending: readonly PendingApproval[],
  decisions: Record<string, Decision> | undefined,
): ValidationError | undefined {
  if (decisions === undefined) return undefined;
  if (!isMapping(decisions)) {
    return { path: "decisions", message: '"decisions" must be a mapping of approval keys' };
  }
  for (const key of Object.keys(decisions)) {
    const approval = pending.find((p) => p.key === key);
    if (approval === undefined) {
      const keys = pending.map((p) => p.key);
      return {
        path: `decisions.${key}`,
        message: `No approval "${key}" is pending (pending: ${keys.length > 0 ? keys.join(", ") : "none"})`,
      };
    }
    const problem = checkDecision(key, approval.response, decisions[key]);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
