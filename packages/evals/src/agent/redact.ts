// Keeps secrets out of agent transcripts with the runtime's one redaction (what run logs get).
import type { LlmEnv } from "@skillflow/tools";
import { maskSecretArguments, redactDeep, secretValuesOf } from "@skillflow/workflow";
import type { Transcript } from "./transcript.js";

/**
 * What an agent run keeps out of its transcript: `secrets` and the secret values of `env`
 * (`*_API_KEY`, `*_TOKEN`, `*_PASSWORD`, …), the same list run logs redact.
 */
export function agentSecrets(options: {
  env?: LlmEnv | undefined;
  secrets?: readonly string[] | undefined;
}): string[] {
  return [...(options.secrets ?? []), ...secretValuesOf(options.env ?? {})];
}

/**
 * The transcript as any output may show it, redacted the way run logs are: secret-named tool
 * arguments masked (`maskSecretArguments`), then every secret value replaced (`redactDeep`).
 */
export function redacted(
  transcript: Transcript,
  options: { env?: LlmEnv | undefined; secrets?: readonly string[] | undefined },
): Transcript {
  for (const call of transcript.toolCalls) {
    const input = call.input;
    if (input !== null && typeof input === "object" && !Array.isArray(input))
      call.input = maskSecretArguments(input as Record<string, unknown>);
  }
  return redactDeep(transcript, agentSecrets(options));
}
