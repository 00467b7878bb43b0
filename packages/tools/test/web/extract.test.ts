// Page extraction and body parsing without a network: articles, fallbacks, text layout, body types.
import { describe, expect, it } from "vitest";
import { Headers } from "undici";
import { extractArticle } from "../../src/web/_article.js";
import { decodeText } from "../../src/web/_body.js";
import { headerRecord, parseBody } from "../../src/web/_http-body.js";

const PAGE = "https://example.org/blog/post.html";

describe("extractArticle", () => {
  it("lays out text: tables as tab-separated rows, <br> as line breaks", () => {
    const html = `<html><head><title> T </title></head><body>
      <table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>
      <p>one<br>two</p></body></html>`;
    expect(extractArticle(html, PAGE, "text")).toEqual({
      content: "A\tB\n1\t2\n\none\ntwo",
      title: "T",
    });
  });

  it("resolves relative links against the page, or against its own <base>", () => {
    const link = (head: string) =>
      extractArticle(
        `<html><head>${head}</head><body><p><a href="x/y">y</a></p></body></html>`,
        PAGE,
        "markdown",
      ).content;
    expect(link("")).toBe("[y](https://example.org/blog/x/y)");
    expect(link('<base href="/docs/">')).toBe("[y](https://example.org/docs/x/y)");
  });

  it("omits an empty title and returns empty content for an empty page", () => {
    expect(extractArticle("<html><body></body></html>", PAGE, "markdown")).toEqual({ content: "" });
  });
});

describe("parseBody", () => {
  const bytes = (text: string) => Buffer.from(text);

  it.each([
    ["application/json; charset=utf-8", '{"a":1}', { a: 1 }, "json"],
    ["application/problem+json", '{"title":"x"}', { title: "x" }, "json"],
    ["application/json", "", null, "json"],
    ["text/csv", "a,b", "a,b", "text"],
    ["application/atom+xml", "<feed/>", "<feed/>", "text"],
    ["", "untyped text", "untyped text", "text"],
  ])("%j → %j", (type, body, value, encoding) => {
    expect(parseBody(bytes(body), type)).toEqual({ body: value, bodyEncoding: encoding });
  });

  it("base64-encodes binary and untyped non-UTF-8 bodies", () => {
    const binary = Uint8Array.from([0xff, 0xfe, 0x00]);
    expect(parseBody(binary, "image/png")).toEqual({ body: "//4A", bodyEncoding: "base64" });
    expect(parseBody(binary, "")).toEqual({ body: "//4A", bodyEncoding: "base64" });
  });

  it("decodes the declared charset, including an HTML <meta> one", () => {
    const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9]);
    expect(decodeText(latin1, "text/plain; charset=ISO-8859-1")).toBe("café");
    const html = Buffer.concat([Buffer.from('<meta charset="windows-1252">'), latin1]);
    expect(decodeText(html, "text/html")).toBe('<meta charset="windows-1252">café');
    expect(decodeText(bytes("ok"), "text/plain; charset=no-such-charset")).toBe("ok");
  });
});

describe("headerRecord", () => {
  it("hides secret response headers and keeps odd names as data", () => {
    const headers = new Headers([
      ["set-cookie", "a=1"],
      ["set-cookie", "b=2"],
      ["x-one", "1"],
      ["__proto__", "p"],
    ]);
    const record = headerRecord(headers);
    expect(record["set-cookie"]).toBe("[REDACTED]");
    expect(record["x-one"]).toBe("1");
    expect(Object.hasOwn(record, "__proto__")).toBe(true);
  });
});
