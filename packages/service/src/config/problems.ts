// Problems found in the service's part of the config: a closed set of codes, located by path, as data.
import type { ScheduleProblemCode } from "../schedule/problems.js";

/** Codes of problems in `hooks`, `notifications`, a schedule's `notify` and `service`. */
export type ServiceSectionProblemCode =
  | "HOOKS_NOT_A_LIST"
  | "HOOK_NOT_AN_OBJECT"
  | "HOOK_UNKNOWN_KEY"
  | "HOOK_FIELD_MISSING"
  | "HOOK_FIELD_TYPE"
  | "HOOK_NAME_INVALID"
  | "HOOK_NAME_DUPLICATE"
  | "HOOK_WORKFLOW_EMPTY"
  | "HOOK_INPUT_PATH_INVALID"
  | "HOOK_TOLERANCE_INVALID"
  | "NOTIFY_NOT_AN_OBJECT"
  | "NOTIFY_UNKNOWN_KEY"
  | "NOTIFY_FIELD_MISSING"
  | "NOTIFY_FIELD_TYPE"
  | "NOTIFY_EVENT_INVALID"
  | "NOTIFY_FORMAT_INVALID"
  | "NOTIFY_URL_INVALID"
  | "SERVICE_NOT_AN_OBJECT"
  | "SERVICE_UNKNOWN_KEY"
  | "SERVICE_FIELD_TYPE"
  | "SERVICE_HOST_INVALID"
  | "SERVICE_PORT_INVALID"
  | "SERVICE_LIMIT_INVALID"
  | "SERVICE_GRACE_INVALID"
  | "SERVICE_LEASE_INVALID"
  | "SERVICE_BASE_URL_INVALID"
  /** A secret written in the config (`secret:` of a hook, `url:` of a target): use the `*Env` key. */
  | "SECRET_IN_CONFIG"
  /** A `secretEnv`/`urlEnv` that is not an environment variable's name. */
  | "ENV_NAME_INVALID"
  /** The environment variable a `secretEnv`/`urlEnv` names is unset or empty. */
  | "ENV_MISSING"
  /** A warning, not an error: the service listens beyond this machine. */
  | "SERVICE_HOST_PUBLIC";

/** Every code a problem (or warning) of the service's config can carry, schedules' included. */
export type ServiceConfigProblemCode = ScheduleProblemCode | ServiceSectionProblemCode;

/** One problem: `path` is like `hooks[1].secretEnv`; `message` says what is wrong and how to fix it. */
export interface ServiceConfigProblem {
  code: ServiceConfigProblemCode;
  path: string;
  message: string;
}

/** Collects a problem at a path. */
export type Report = (code: ServiceSectionProblemCode, path: string, message: string) => void;
