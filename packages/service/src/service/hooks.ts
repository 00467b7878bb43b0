// Accepts one webhook delivery for a declared hook: verified, replay-guarded, its body mapped to inputs.
import { ServiceError } from "../errors.js";
import { mapBodyToInputs } from "../hooks/mapping.js";
import type { ReplayGuard } from "../hooks/replay.js";
import { verifyWebhook } from "../hooks/verify.js";
import type { HookDeclaration, HookRequest } from "./types.js";

/** What `acceptHook` needs besides the request: the time and the replay memory. */
export interface AcceptHookDeps {
  /** The current time (epoch ms), from the injected clock. */
  now: number;
  replay: ReplayGuard;
}

/** An accepted delivery: the run to start. */
export interface AcceptedHook {
  hook: HookDeclaration;
  workflow: string;
  /** The hook's `defaults` with the mapped inputs over them. */
  inputs: Record<string, unknown>;
  /** The replay id of the delivery (a delivery header or the signature). */
  deliveryId: string;
  /** The verified signature (`s:<hex>`): the same for every resend of this delivery. */
  signatureId: string;
}

/** The declaration named `name`, compared as a string (never an object key: `__proto__` is unknown). */
function findHook(hooks: readonly HookDeclaration[], name: string): HookDeclaration {
  const hook = hooks.find((h) => h.name === name);
  if (hook !== undefined) return hook;
  throw new ServiceError(
    "UNKNOWN_HOOK",
    `No webhook named "${name}" is declared: add it under \`hooks\` in skillflow.config, or check the URL (POST /hooks/<name>)`,
    { details: { hook: name } },
  );
}

/**
 * Verifies `request` for hook `name` (`verifyWebhook`: size, signature, timestamp, JSON body,
 * replay) and maps its body to the workflow's inputs. Throws a `ServiceError`: `UNKNOWN_HOOK`;
 * `WEBHOOK_REFUSED` with `details: { reason, httpStatus }` (the `WebhookRefusalCode` and the status
 * to answer with); `INVALID_INPUTS` with `details: { problems }` (the `MappingProblem`s) when the
 * body lacks a mapped value. A delivery refused for its inputs still counts as received (replayed
 * later, it is refused as `REPLAYED`), since its signature was valid.
 */
export async function acceptHook(
  hooks: readonly HookDeclaration[],
  name: string,
  request: HookRequest,
  deps: AcceptHookDeps,
): Promise<AcceptedHook> {
  const hook = findHook(hooks, name);
  const verdict = await verifyWebhook({
    secret: hook.secret,
    headers: request.headers,
    rawBody: request.rawBody,
    now: deps.now,
    seen: deps.replay,
    ...(hook.toleranceMs === undefined ? {} : { toleranceMs: hook.toleranceMs }),
    ...(hook.github === true ? { acceptGithub: true } : {}),
  });
  if (!verdict.ok) {
    throw new ServiceError("WEBHOOK_REFUSED", `Webhook "${name}" refused: ${verdict.message}`, {
      details: { reason: verdict.code, httpStatus: verdict.httpStatus },
    });
  }
  const mapped = mapBodyToInputs(verdict.body, hook.inputs);
  if (!mapped.ok) {
    const first = mapped.problems[0]?.message ?? "";
    throw new ServiceError(
      "INVALID_INPUTS",
      `Webhook "${name}" could not be mapped to inputs of ${hook.workflow}: ${first}`,
      { details: { hook: name, problems: mapped.problems } },
    );
  }
  // Defined entry by entry, so an input named `__proto__` stays an own key, never the prototype.
  const inputs = Object.fromEntries([
    ...Object.entries(hook.defaults ?? {}),
    ...Object.entries(mapped.inputs),
  ]);
  return {
    hook,
    workflow: hook.workflow,
    inputs,
    deliveryId: verdict.deliveryId,
    signatureId: verdict.signatureId,
  };
}
