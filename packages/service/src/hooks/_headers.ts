// Case-insensitive header lookup over a fetch `Headers` or Node's `IncomingHttpHeaders`.

/** Request headers as either a fetch `Headers` or a plain record (Node's `req.headers`). */
export type HeaderSource =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** The single value of header `name`, or undefined when absent or sent more than once. */
export function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (typeof headers.get === "function") {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    if (typeof value === "string") return value;
    return Array.isArray(value) && value.length === 1 ? (value[0] as string) : undefined;
  }
  return undefined;
}
