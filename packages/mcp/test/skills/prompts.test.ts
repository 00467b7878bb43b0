// Skills marked user-invocable as MCP prompts: their declared arguments, and the activated body as
// a user message (commands withheld for untrusted skills, as everywhere).
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rpcError, serve, tempDir, writeSkill } from "./_fixture.js";

function fixture() {
  const root = tempDir();
  const marker = path.join(root, "ran.marker");
  writeSkill(
    root,
    "release-notes",
    "name: release-notes\ndescription: Writes release notes.\nuser-invocable: true\narguments: [from, to]",
    `Notes from $from to $to.\n!\`touch '${marker}'\`\n`,
  );
  writeSkill(
    root,
    "standup",
    "name: standup\ndescription: Drafts a standup.\nuser-invocable: true\nargument-hint: '[team]'",
    "Standup for $ARGUMENTS.\n",
  );
  writeSkill(root, "plain", "name: plain\ndescription: Not a prompt.");
  writeSkill(root, "hidden", "name: hidden\ndescription: Not a prompt.\nuser-invocable: false");
  return { root, marker };
}

describe("skill prompts", () => {
  it("lists user-invocable skills as prompts with their declared arguments", async () => {
    const { client } = await serve(fixture().root);
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(["release-notes", "standup"]);
    const notes = prompts.find((p) => p.name === "release-notes");
    expect(notes?.description).toBe("Writes release notes.");
    expect(notes?.arguments?.map((a) => [a.name, a.required])).toEqual([
      ["from", false],
      ["to", false],
    ]);
    const standup = prompts.find((p) => p.name === "standup");
    expect(standup?.arguments?.map((a) => a.name)).toEqual(["arguments"]);
    expect(standup?.arguments?.[0]?.description).toContain("[team]");
  });

  it("getPrompt returns the activated body as a user message, each argument one value", async () => {
    const { root, marker } = fixture();
    const { client } = await serve(root);
    const notes = await client.getPrompt({
      name: "release-notes",
      arguments: { from: "v1.0", to: "v2.0 beta" },
    });
    expect(notes.messages).toHaveLength(1);
    expect(notes.messages[0]?.role).toBe("user");
    const text = (notes.messages[0]?.content as { text: string }).text;
    expect(text.startsWith("Notes from v1.0 to v2.0 beta.\n[not run: untrusted skill]\n")).toBe(
      true,
    );
    expect(existsSync(marker)).toBe(false);
    expect(notes.description).toContain("skills trust release-notes");
    const standup = await client.getPrompt({
      name: "standup",
      arguments: { arguments: "platform" },
    });
    expect((standup.messages[0]?.content as { text: string }).text).toBe("Standup for platform.\n");
  });

  it("runs a trusted skill's commands when the prompt is got", async () => {
    const { root, marker } = fixture();
    const { client } = await serve(root, { trusted: true });
    await client.getPrompt({ name: "release-notes", arguments: { from: "a", to: "b" } });
    expect(existsSync(marker)).toBe(true);
  });

  it("an unknown prompt is an invalid-params error", async () => {
    const { client } = await serve(fixture().root);
    expect(await rpcError(client.getPrompt({ name: "plain" }))).toMatchObject({ code: -32602 });
  });

  it("an argument a skill names like an Object member (constructor, toString) is empty when not given", async () => {
    const root = tempDir();
    writeSkill(
      root,
      "proto",
      "name: proto\ndescription: Names arguments like Object members.\nuser-invocable: true\narguments: [constructor, toString]",
      "A=$constructor B=$toString.\n",
    );
    const { client } = await serve(root);
    const got = await client.getPrompt({ name: "proto", arguments: { toString: "x" } });
    expect((got.messages[0]?.content as { text: string }).text.startsWith("A= B=x.\n")).toBe(true);
    const none = await client.getPrompt({ name: "proto", arguments: {} });
    expect((none.messages[0]?.content as { text: string }).text).toBe("A= B=.\n");
  });
});
