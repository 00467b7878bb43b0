// A skill someone else wrote, shown on its dashboard page in Chromium: its Markdown and raw HTML
// (script, handlers, javascript:/data: links, SVG, iframe, style, form, meta refresh) run nothing.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { killAll, project, startServe } from "../serve/_serve.js";
import { CHROMIUM, launch } from "./_browser.js";

const HOSTILE = `---
name: hostile
description: A skill whose body tries to run script in the dashboard.
---

# Hostile

[js link](javascript:window.pwned=1) [encoded](JaVaScRiPt&#58;window.pwned=2)
[data link](data:text/html,<script>window.pwned=3</script>) [fine link](https://example.com/)

<img src=x onerror="window.pwned=4"> <svg><script>window.pwned=5</script></svg>
<svg onload="window.pwned=6"></svg> <iframe src="javascript:parent.pwned=7"></iframe>
<a href="#" onclick="window.pwned=8" style="position:fixed">click</a>
<style>body{display:none}</style> <form action="https://evil.example/"><button>go</button></form>
<meta http-equiv="refresh" content="0;url=https://evil.example/"> <base href="https://evil.example/">
<math><mi xlink:href="javascript:window.pwned=9">m</mi></math> <script>window.pwned=10</script>
`;

let browser: Browser | undefined;

describe.skipIf(CHROMIUM === undefined)(
  "a skill's Markdown in Chromium",
  { timeout: 60_000 },
  () => {
    afterAll(async () => {
      await browser?.close();
      await killAll();
    });

    it("is shown sanitized: no script, handler, javascript:/data: link, SVG, frame, style or form", async () => {
      const p = await project({}, "{}\n");
      const folder = path.join(p.root, ".agents/skills/hostile");
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, "SKILL.md"), HOSTILE);
      const serve = await startServe(p);
      browser = await launch();
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on("dialog", (d) => void d.dismiss().then(() => dialogs.push(d.message())));
      await page.goto(String(serve.line.dashboard));
      await page.goto(`${serve.url}/skills/hostile`);
      await page.getByText("js link").waitFor();
      const found = await page.evaluate(`(() => {
      const body = document.querySelector(".markdown");
      const all = [...body.querySelectorAll("*")];
      return {
        pwned: window.pwned ?? null,
        handlers: all.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
        styled: all.filter((e) => e.hasAttribute("style")).length,
        tags: [...new Set(all.map((e) => e.localName))].sort(),
        hrefs: [...body.querySelectorAll("[href]")].map((e) => e.getAttribute("href")),
        rel: [...body.querySelectorAll("a[href]")].map((e) => e.getAttribute("rel")),
        origin: location.origin,
      };
    })()`);
      expect(found).toMatchObject({ pwned: null, handlers: 0, styled: 0, origin: serve.url });
      const { tags, hrefs, rel } = found as { tags: string[]; hrefs: string[]; rel: string[] };
      for (const tag of [
        "script",
        "svg",
        "iframe",
        "style",
        "form",
        "button",
        "meta",
        "base",
        "math",
      ])
        expect(tags).not.toContain(tag);
      expect(hrefs.filter((h) => /^\s*(javascript|data|vbscript):/i.test(h))).toEqual([]);
      expect(hrefs).toContain("https://example.com/");
      expect(rel.every((r) => r === "noopener noreferrer")).toBe(true);
      expect(dialogs).toEqual([]);
    });
  },
);
