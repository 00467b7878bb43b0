// The views' small helpers: relative times, "not served" answers, a skill's state and a problem's place.
import { describe, expect, it } from "vitest";
import { ApiFailure } from "../app/api";
import { notServed } from "../app/available";
import { markdownHtml } from "../app/markdown";
import { problemPlace, skillState, type SkillInfo } from "../app/skills-types";
import { formatRelative } from "../app/when";

const now = Date.parse("2026-12-06T12:00:00.000Z");

describe("formatRelative", () => {
  it("says how far a time is, in the largest whole unit, ahead or behind", () => {
    expect(formatRelative("2026-12-06T12:00:00.400Z", now)).toBe("now");
    expect(formatRelative("2026-12-06T12:00:42.000Z", now)).toBe("in 42 s");
    expect(formatRelative("2026-12-06T12:05:30.000Z", now)).toBe("in 5 min");
    expect(formatRelative("2026-12-06T09:00:00.000Z", now)).toBe("3 h ago");
    expect(formatRelative("2026-12-09T12:00:00.000Z", now)).toBe("in 3 d");
    expect(formatRelative("soon", now)).toBe("soon");
  });
});

describe("notServed", () => {
  it("is true for a 404 naming a missing provider or an unknown route", () => {
    expect(notServed(new ApiFailure(404, "SKILLS_NOT_SERVED", "x"))).toBe(true);
    expect(notServed(new ApiFailure(404, "EVALS_NOT_SERVED", "x"))).toBe(true);
    expect(notServed(new ApiFailure(404, "NOT_FOUND", "x"))).toBe(true);
    expect(notServed(new ApiFailure(404, "HTTP_404", "x"))).toBe(true);
  });

  it("is false for a missing item, another status or something else", () => {
    expect(notServed(new ApiFailure(404, "UNKNOWN_SKILL", "x"))).toBe(false);
    expect(notServed(new ApiFailure(404, "UNKNOWN_EVAL_REPORT", "x"))).toBe(false);
    expect(notServed(new ApiFailure(503, "SKILLS_NOT_SERVED", "x"))).toBe(false);
    expect(notServed(new Error("x"))).toBe(false);
    expect(notServed(undefined)).toBe(false);
  });
});

describe("skills", () => {
  const skill: SkillInfo = {
    name: "digest",
    id: "project:digest",
    scope: "project",
    description: "",
    enabled: true,
    shadowed: false,
    runnable: true,
    trusted: false,
    problems: [],
  };

  it("names a skill's state", () => {
    expect(skillState(skill)).toEqual(["enabled", "runnable"]);
    expect(
      skillState({ ...skill, enabled: false, shadowed: true, runnable: false, trusted: true }),
    ).toEqual(["disabled", "shadowed", "trusted"]);
  });

  it("places a problem by line and column when it has them", () => {
    expect(problemPlace({ code: "X", message: "m", line: 3, column: 5 })).toBe("line 3, column 5");
    expect(problemPlace({ code: "X", message: "m", line: 3 })).toBe("line 3");
    expect(problemPlace({ code: "X", message: "m" })).toBe("");
  });
});

describe("markdownHtml", () => {
  it("moves headings two levels down so a skill body sits under the page's h1 and h2", () => {
    const html = markdownHtml("# Title\n\n## Part\n\n##### Deep\n\ntext");
    expect(html).toContain("<h3>Title</h3>");
    expect(html).toContain("<h4>Part</h4>");
    expect(html).toContain("<h6>Deep</h6>");
    expect(html).not.toContain("<h1>");
  });
});
