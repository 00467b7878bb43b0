// Sources and private networks: a lockfile's URLs, redirects and git remotes never reach a private
// address unless allowed; what the user typed may; connections go to the checked addresses only.
import { writeFileSync } from "node:fs";
import { createServer as createTcpServer, type AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  SourceError,
  addSkills,
  checkSkills,
  createHostGuard,
  installFromLock,
  packFolder,
  sha256,
  updateSkills,
  type CheckLine,
  type HostGuard,
  type InstallOptions,
  type InstallResult,
} from "../../src/index.js";
import { addressRange } from "../../src/share/_address.js";
import { parseRemote } from "../../src/share/_git.js";
import {
  bareForHttp,
  repo,
  serve,
  skill,
  temp,
  type Served,
  type TestServer,
  project as freshProject,
} from "./_repo.js";

const HINT = "ALLOW-HINT";

const project = (extra: Partial<InstallOptions> = {}): InstallOptions =>
  freshProject({ yes: true, ...extra });

/** A project whose committed lockfile (someone else's) names `source`. */
const lockedProject = (source: string, extra: Partial<InstallOptions> = {}): InstallOptions => {
  const options = project(extra);
  writeFileSync(
    path.join(options.cwd, "skills-lock.json"),
    JSON.stringify({
      version: 1,
      skills: { "net-skill": { source, sourceType: "url", computedHash: "x" } },
    }),
  );
  return options;
};

/**
 * The refusal of a source: the SourceError `add` rejects with, or the one SOURCE_FAILED refusal (or
 * `failed` check line) a lockfile operation reports for its entry (its other entries go on).
 */
async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  const outcome = await work.then(
    (value) => value,
    (e: unknown) => e,
  );
  if (outcome instanceof SourceError) return outcome;
  const failures = Array.isArray(outcome)
    ? (outcome as CheckLine[]).filter((l) => l.status === "failed")
    : (outcome as InstallResult).refused.filter((r) => r.code === "SOURCE_FAILED");
  expect(failures).toHaveLength(1);
  return { code: failures[0]!.cause ?? "", message: failures[0]!.reason ?? "" };
}

/** As if `public.test` were a public host: it resolves to 127.0.0.1; every other host is checked. */
const publicTest = (strict = createHostGuard({ allowHint: HINT })): HostGuard => {
  return (check) =>
    check.host === "public.test"
      ? Promise.resolve([{ address: "127.0.0.1", family: 4 }])
      : strict(check);
};

let server: TestServer;
let ssh: { port: number; connections: () => number; close(): Promise<void> };
const files = new Map<string, Served>();
let zip: Buffer;

beforeAll(async () => {
  const dir = skill(temp("src-"), "net-skill");
  zip = await packFolder(dir);
  const root = bareForHttp(repo(["net-skill"]));
  server = await serve(files, root);
  files.set("/pkg.zip", zip);
  files.set(
    "/.well-known/agent-skills/index.json",
    JSON.stringify({
      skills: [
        {
          name: "net-skill",
          type: "archive",
          url: "net-skill.zip",
          digest: `sha256:${sha256(zip)}`,
        },
      ],
    }),
  );
  files.set("/.well-known/agent-skills/net-skill.zip", zip);
  let connections = 0;
  const tcp = createTcpServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", resolve));
  ssh = {
    port: (tcp.address() as AddressInfo).port,
    connections: () => connections,
    close: () => new Promise((resolve) => tcp.close(() => resolve())),
  };
});
afterAll(async () => {
  await server.close();
  await ssh.close();
});

describe("a lockfile's sources reach no private address", () => {
  const sources = (): [string, string][] => [
    ["archive URL", `${server.url}/pkg.zip`],
    ["well-known index", `${server.url}/.well-known/agent-skills/index.json`],
    ["well-known site", server.url],
    ["git over http", `${server.url}/repo.git`],
    ["git over https", `https://127.0.0.1:${server.port}/repo.git`],
    ["git over ssh", `ssh://git@127.0.0.1:${ssh.port}/repo.git`],
    ["git protocol", `git://127.0.0.1:${ssh.port}/repo.git`],
    ["a name for loopback", `http://localhost:${server.port}/pkg.zip`],
    ["IPv6 loopback", `http://[::1]:${server.port}/pkg.zip`],
    ["IPv4-mapped IPv6", `http://[::ffff:127.0.0.1]:${server.port}/pkg.zip`],
    ["a decimal address", `http://2130706433:${server.port}/pkg.zip`],
    ["the metadata service", "http://169.254.169.254/latest/pkg.zip"],
    ["a private network", "http://10.0.0.1/pkg.zip"],
    ["scp-like ssh", "git@127.0.0.1:org/repo.git"],
  ];

  it.each([
    ["install", (o: InstallOptions) => installFromLock(o)],
    ["install --frozen", (o: InstallOptions) => installFromLock({ ...o, frozen: true })],
    ["check", (o: InstallOptions) => checkSkills(o)],
    ["update", (o: InstallOptions) => updateSkills([], o)],
  ])("%s refuses each source kind before connecting", async (_label, operation) => {
    const before = [server.connections(), ssh.connections()];
    for (const [label, source] of sources()) {
      const error = await refusal(
        operation(lockedProject(source, { network: { allowHint: HINT } })),
      );
      expect([label, error.code]).toEqual([label, "PRIVATE_NETWORK"]);
      expect(error.message).toContain(HINT);
    }
    expect([server.connections(), ssh.connections()]).toEqual(before);
  });

  it("names the URL and the address in the refusal", async () => {
    const error = await refusal(installFromLock(lockedProject(`${server.url}/pkg.zip`)));
    expect(error.message).toContain(`${server.url}/pkg.zip`);
    expect(error.message).toContain("(127.0.0.1,");
    expect(error.message).toContain("allowPrivateNetwork");
  });
});

describe("redirects and index entries are checked again", () => {
  it("refuses a public URL that redirects to a private address, at the redirect", async () => {
    for (const target of [
      `${server.url}/pkg.zip`,
      `http://localhost:${server.port}/pkg.zip`,
      "http://169.254.169.254/latest/pkg.zip",
    ]) {
      files.set("/hop.zip", { redirect: target });
      const seen = server.hits.length;
      const options = lockedProject(`http://public.test:${server.port}/hop.zip`, {
        network: { guard: publicTest() },
      });
      const error = await refusal(installFromLock(options));
      expect([target, error.code]).toEqual([target, "PRIVATE_NETWORK"]);
      expect(error.message).toContain(target);
      // Typed by the user, the public URL is their say-so; where it redirects is not.
      const typed = await refusal(
        addSkills(`http://public.test:${server.port}/hop.zip`, {
          ...project(),
          network: { guard: publicTest() },
        }),
      );
      expect([target, typed.code]).toEqual([target, "PRIVATE_NETWORK"]);
      expect(server.hits.slice(seen)).toEqual(["/hop.zip", "/hop.zip"]);
    }
  });

  it("fetches only http and https, whatever a redirect or an index says", async () => {
    files.set("/hop.zip", { redirect: "file:///etc/passwd" });
    files.set(
      "/file/index.json",
      JSON.stringify({
        skills: [{ name: "net-skill", type: "skill-md", url: "file:///etc/passwd" }],
      }),
    );
    for (const at of ["/hop.zip", "/file/index.json"]) {
      const options = lockedProject(`${server.url}${at}`, {
        network: { allowPrivateNetwork: true },
      });
      expect([at, (await refusal(installFromLock(options))).code]).toEqual([at, "FETCH_FAILED"]);
    }
  });

  it("lets a typed private host be fetched, but not a redirect from it to another private host", async () => {
    const ok = await addSkills(`${server.url}/pkg.zip`, project());
    expect(ok.installed.map((s) => s.name)).toEqual(["net-skill"]);
    files.set("/hop.zip", { redirect: `http://localhost:${server.port}/pkg.zip` });
    const seen = server.hits.length;
    const error = await refusal(addSkills(`${server.url}/hop.zip`, project()));
    expect(error.code).toBe("PRIVATE_NETWORK");
    expect(server.hits.slice(seen)).toEqual(["/hop.zip"]);
  });

  it("refuses a well-known index entry on a private host other than the index's", async () => {
    files.set(
      "/other/index.json",
      JSON.stringify({
        skills: [
          { name: "net-skill", type: "archive", url: `http://localhost:${server.port}/pkg.zip` },
        ],
      }),
    );
    const seen = server.hits.length;
    const typed = await refusal(addSkills(`${server.url}/other/index.json`, project()));
    expect(typed.code).toBe("PRIVATE_NETWORK");
    const locked = lockedProject(`http://public.test:${server.port}/other/index.json`, {
      network: { guard: publicTest() },
    });
    expect((await refusal(installFromLock(locked))).code).toBe("PRIVATE_NETWORK");
    expect(server.hits.slice(seen)).toEqual(["/other/index.json", "/other/index.json"]);
  });

  it("follows no redirect in a git clone over http", async () => {
    const elsewhere = await serve(new Map(), bareForHttp(repo(["net-skill"])));
    try {
      files.set("/moved.git/info/refs", { redirect: `${elsewhere.url}/repo.git/info/refs` });
      const options = lockedProject(`http://public.test:${server.port}/moved.git`, {
        network: { guard: publicTest(createHostGuard({ allowPrivateNetwork: true })) },
      });
      expect((await refusal(installFromLock(options))).code).toBe("FETCH_FAILED");
      expect(elsewhere.connections()).toBe(0);
    } finally {
      await elsewhere.close();
    }
  });
});

describe("connections go to the checked addresses", () => {
  // public.test has no DNS record: these succeed only because the connection is pinned to the
  // address the guard returned.
  it.each([
    ["archive URL", "/pkg.zip"],
    ["well-known index", "/.well-known/agent-skills/index.json"],
    ["git over http", "/repo.git"],
  ])("%s", async (_label, at) => {
    const options = lockedProject(`http://public.test:${server.port}${at}`, {
      network: { guard: publicTest() },
    });
    const result = await installFromLock(options);
    expect(result.installed.map((s) => s.name)).toEqual(["net-skill"]);
  });
});

describe("with private networks allowed", () => {
  it.each([
    ["archive URL", "/pkg.zip"],
    ["well-known index", "/.well-known/agent-skills/index.json"],
    ["git over http", "/repo.git"],
  ])("a lockfile's %s installs", async (_label, at) => {
    const options = lockedProject(`${server.url}${at}`, {
      network: { allowPrivateNetwork: true },
    });
    const result = await installFromLock(options);
    expect(result.installed.map((s) => s.name)).toEqual(["net-skill"]);
  });

  it("a redirect to a private address is followed", async () => {
    files.set("/hop.zip", { redirect: `http://localhost:${server.port}/pkg.zip` });
    const options = lockedProject(`${server.url}/hop.zip`, {
      network: { allowPrivateNetwork: true },
    });
    expect((await installFromLock(options)).installed.map((s) => s.name)).toEqual(["net-skill"]);
  });
});

describe("git remotes", () => {
  it.each([
    ["ftp://127.0.0.1/repo.git"],
    ["ext::sh -c touch% pwned"],
    ["fd::17"],
    ["foo://127.0.0.1/repo.git"],
    ["file://attacker.example/share/repo.git"],
    ["ssh://-oProxyCommand=touch%20pwned/repo.git"],
    ["git@-oProxyCommand=x:repo.git"],
    ["https://example.org/repo.git\n--upload-pack=x"],
  ])("refuses %j before running git", (location) => {
    expect(() => parseRemote(location)).toThrow(
      expect.objectContaining({ code: "INVALID_SOURCE" }),
    );
  });

  it("hands git the URL whose host was checked", () => {
    expect(parseRemote("http://evil.example\\@127.0.0.1/repo.git")).toMatchObject({
      host: "evil.example",
      url: "http://evil.example/@127.0.0.1/repo.git",
    });
    expect(parseRemote("http://2130706433:8/r.git")).toMatchObject({ host: "127.0.0.1" });
    expect(parseRemote("git@github.com:org/repo.git")).toMatchObject({
      transport: "ssh",
      host: "github.com",
    });
    expect(parseRemote("file:///srv/skills")).toMatchObject({ transport: "file" });
  });

  it("refuses a lockfile's git URL of another scheme without connecting", async () => {
    const before = server.connections();
    const error = await refusal(
      installFromLock(lockedProject(`ftp://127.0.0.1:${server.port}/repo.git`)),
    );
    expect(error.code).toBe("INVALID_SOURCE");
    expect(server.connections()).toBe(before);
  });
});

describe("address ranges (the same table as the web tools' guard)", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["::1", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "linkLocal"],
    ["fe80::1", "linkLocal"],
    ["fd00:ec2::254", "uniqueLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:169.254.169.254", "linkLocal"],
    ["::7f00:1", "reserved"],
    ["64:ff9b::a00:1", "rfc6052"],
    ["93.184.216.34", "unicast"],
    ["2606:4700::1111", "unicast"],
  ])("%s is %s", (address, range) => expect(addressRange(address)).toBe(range));

  it("refuses a name when any of its addresses is private", async () => {
    const guard = createHostGuard({
      lookup: async () => [
        { address: "93.184.216.34", family: 4 },
        { address: "10.0.0.1", family: 4 },
      ],
    });
    const error = await refusal(guard({ host: "mixed.test", url: "http://mixed.test/x.zip" }));
    expect(error.code).toBe("PRIVATE_NETWORK");
    await expect(
      createHostGuard({ lookup: async () => [{ address: "93.184.216.34", family: 4 }] })({
        host: "public.test",
        url: "http://public.test/x.zip",
      }),
    ).resolves.toEqual([{ address: "93.184.216.34", family: 4 }]);
  });
});
