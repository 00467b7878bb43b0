// Keeps secrets out of outputs, errors and logs: known secret values are replaced before text leaves a tool.
import { REDACTED, SECRET_NAMES, redactDeep, redactText } from "@skillflow/workflow";

/** The replacement text for a redacted secret (the runtime's). */
export { REDACTED };

/** Replaces every occurrence of the given secret values (ignoring short ones) in text. */
export class SecretRedactor {
  private readonly secrets: string[];

  constructor(secrets: Iterable<string | undefined> = []) {
    // Values shorter than 4 characters would redact ordinary text; they are not treated as secrets.
    this.secrets = [
      ...new Set([...secrets].filter((s): s is string => typeof s === "string" && s.length >= 4)),
    ].sort((a, b) => b.length - a.length);
  }

  /** A redactor that also hides `more`. */
  with(more: Iterable<string | undefined>): SecretRedactor {
    return new SecretRedactor([...this.secrets, ...more]);
  }

  /** Text with every known secret replaced by `[REDACTED]` (the runtime's `redactText`). */
  redact(text: string): string {
    return redactText(text, this.secrets);
  }

  /** A JSON-like value with secrets redacted in every string, at any depth (the runtime's `redactDeep`). */
  redactValue<T>(value: T): T {
    return redactDeep(value, this.secrets);
  }
}

/** Header (and argument) names whose values are always secret: the runtime's one list. */
export const SECRET_HEADERS: ReadonlySet<string> = SECRET_NAMES;

/** Secret values found in a headers mapping (by header name). */
export function secretHeaderValues(headers: Record<string, string> | undefined): string[] {
  if (!headers) return [];
  const out: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADERS.has(name.toLowerCase())) continue;
    out.push(value);
    const bearer = /^(?:Bearer|Basic|Token)\s+(.+)$/i.exec(value);
    if (bearer?.[1]) out.push(bearer[1]);
  }
  return out;
}
