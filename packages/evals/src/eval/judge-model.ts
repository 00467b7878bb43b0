// An LLM judge: grades an answer against weighted criteria with a model of its own.
import { generateText, type LanguageModel } from "ai";
import { judgePrompt, parseJudgeAnswer, type Judge } from "../suite/judge.js";

/** A Judge that asks `model` (chosen apart from the models under test) for per-criterion scores. */
export function modelJudge(model: LanguageModel, options: { signal?: AbortSignal } = {}): Judge {
  return async (request) => {
    const { text } = await generateText({
      model,
      prompt: judgePrompt(request),
      temperature: 0,
      ...(options.signal ? { abortSignal: options.signal } : {}),
    });
    return parseJudgeAnswer(text, request.criteria.length);
  };
}
