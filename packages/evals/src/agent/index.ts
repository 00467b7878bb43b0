// The agent harness: runAgent and its transcript.
export { resolveAgentModel, runAgent, type AgentOptions } from "./run.js";
export { agentSecrets } from "./redact.js";
export type {
  Transcript,
  TranscriptMessage,
  TranscriptToolCall,
  TranscriptUsage,
} from "./transcript.js";
