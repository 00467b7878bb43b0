// Keeps the last few kilobytes a stdio server wrote to stderr, for error messages; never inherits it.
import { StringDecoder } from "node:string_decoder";
import type { Stream } from "node:stream";

/** How much of the tail goes into an error message. */
const MESSAGE_CHARS = 1000;

/** A bounded tail of a child's stderr. Reading the stream keeps the child from blocking on a full pipe. */
export class StderrTail {
  readonly #limit: number;
  readonly #decoder = new StringDecoder("utf8");
  #text = "";
  #ended: Promise<void> = Promise.resolve();

  constructor(limit = 8192) {
    this.#limit = limit;
  }

  /** Starts reading `stream` (the transport's stderr PassThrough); call before the child starts. */
  attach(stream: Stream): void {
    stream.on("data", (chunk: Buffer | string) => {
      this.#append(typeof chunk === "string" ? chunk : this.#decoder.write(chunk));
    });
    this.#ended = new Promise((resolve) => {
      stream.once("end", resolve);
      stream.once("close", resolve);
      stream.once("error", () => resolve());
    });
  }

  #append(text: string): void {
    this.#text += text;
    if (this.#text.length > this.#limit) this.#text = this.#text.slice(-this.#limit);
  }

  /** Waits (at most `ms`) for the stream to end, so output written just before an exit is read. */
  async drained(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    });
    await Promise.race([this.#ended, timeout]);
    clearTimeout(timer);
  }

  /** The last lines written, trimmed to fit a message; empty when nothing was written. */
  text(): string {
    const trimmed = this.#text.trim();
    if (trimmed.length <= MESSAGE_CHARS) return trimmed;
    return `…${trimmed.slice(-MESSAGE_CHARS)}`;
  }
}
