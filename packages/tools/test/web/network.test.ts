// The SSRF guard: address classification, the env switch, refusals after DNS, pinned connections.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetch } from "undici";
import { addressRange, isPublicAddress } from "../../src/web/_address.js";
import { createNetworkGuard, networkPolicyFromEnv, pinnedAgent } from "../../src/web/network.js";
import { type Fixture, startFixture } from "./_server.js";
import { failure, fakeLookup } from "./_helpers.js";

const REFUSED =
  /^Refusing to connect to .+ \(.+\): private, loopback or link-local addresses need allowPrivateNetwork \/ SKILLFLOW_ALLOW_PRIVATE_NETWORK=1$/;

describe("addressRange", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "linkLocal"],
    ["fe80::1", "linkLocal"],
    ["fd00:ec2::254", "uniqueLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:169.254.169.254", "linkLocal"],
    ["::127.0.0.1", "loopback"],
    ["::7f00:1", "reserved"],
    ["64:ff9b::a00:1", "rfc6052"],
    ["not-an-ip", "invalid"],
  ])("%s is %s", (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"])(
    "%s is public unicast",
    (address) => expect(isPublicAddress(address)).toBe(true),
  );
});

describe("networkPolicyFromEnv", () => {
  it.each([
    [{}, false],
    [{ SKILLFLOW_ALLOW_PRIVATE_NETWORK: "1" }, true],
    [{ SKILLFLOW_ALLOW_PRIVATE_NETWORK: "true" }, true],
    [{ SKILLFLOW_ALLOW_PRIVATE_NETWORK: " TRUE " }, true],
    [{ SKILLFLOW_ALLOW_PRIVATE_NETWORK: "0" }, false],
    [{ SKILLFLOW_ALLOW_PRIVATE_NETWORK: "yes" }, false],
  ])("%j → %s", (env, allowed) => {
    expect(networkPolicyFromEnv(env)).toEqual({ allowPrivateNetwork: allowed });
  });
});

describe("createNetworkGuard", () => {
  const strict = createNetworkGuard({
    policy: { allowPrivateNetwork: false },
    lookup: fakeLookup({
      "public.test": ["93.184.216.34"],
      "sneaky.test": ["10.0.0.7"],
      "mixed.test": ["93.184.216.34", "127.0.0.1"],
      "mapped.test": ["::ffff:192.168.0.1"],
    }),
  });

  it.each([
    ["http://127.0.0.1/", "127.0.0.1"],
    ["http://[::1]:8080/", "::1"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254"],
    ["https://10.0.0.1/", "10.0.0.1"],
    ["http://2130706433/", "127.0.0.1"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"],
    ["http://sneaky.test/", "10.0.0.7"],
    ["http://mixed.test/", "127.0.0.1"],
    ["http://mapped.test/", "::ffff:192.168.0.1"],
  ])("refuses %s by default", async (url, address) => {
    const error = await failure(strict(new URL(url)));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(REFUSED);
    expect(error.message).toContain(`(${address})`);
  });

  it("refuses localhost after a real DNS lookup", async () => {
    const guard = createNetworkGuard({ policy: { allowPrivateNetwork: false } });
    const error = await failure(guard(new URL("http://localhost:1/")));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toMatch(/^Refusing to connect to localhost \((127\.0\.0\.1|::1)\)/);
  });

  it("passes public addresses and returns what it checked", async () => {
    const target = await strict(new URL("https://public.test/page"));
    expect(target.hostname).toBe("public.test");
    expect(target.addresses).toEqual([{ address: "93.184.216.34", family: 4 }]);
  });

  it("allows private addresses when the policy says so", async () => {
    const open = createNetworkGuard({
      policy: { allowPrivateNetwork: true },
      lookup: fakeLookup({ "sneaky.test": ["10.0.0.7"] }),
    });
    await expect(open(new URL("http://sneaky.test/"))).resolves.toMatchObject({
      hostname: "sneaky.test",
    });
    await expect(open(new URL("http://[::1]/"))).resolves.toMatchObject({ hostname: "::1" });
  });

  it("refuses other schemes", async () => {
    for (const url of ["file:///etc/passwd", "ftp://public.test/", "data:text/plain,hi"]) {
      expect((await failure(strict(new URL(url)))).code).toBe("INVALID_ARGUMENTS");
    }
  });

  it("reports unknown hosts as NETWORK, not retryable for NXDOMAIN", async () => {
    const error = await failure(strict(new URL("http://nowhere.test/")));
    expect([error.code, error.retryable]).toEqual(["NETWORK", false]);
  });

  it("stops waiting for DNS when the signal aborts", async () => {
    const guard = createNetworkGuard({
      policy: { allowPrivateNetwork: false },
      lookup: () => new Promise(() => undefined),
    });
    const controller = new AbortController();
    const pending = guard(new URL("http://hang.test/"), controller.signal);
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
  });
});

describe("pinnedAgent", () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await startFixture();
  });
  afterAll(() => fixture.close());

  it("connects to the checked address, never asking DNS again (no rebinding window)", async () => {
    const calls: string[] = [];
    const guard = createNetworkGuard({
      policy: { allowPrivateNetwork: true },
      lookup: fakeLookup({ "rebind.test": ["127.0.0.1"] }, calls),
    });
    const target = await guard(new URL(`http://rebind.test:${fixture.port}/plain`));
    const agent = pinnedAgent(target);
    try {
      // `rebind.test` does not exist in real DNS: the connection can only use the pinned address.
      const response = await fetch(target.url, { dispatcher: agent });
      expect(await response.text()).toBe("plain text");
      expect(calls).toEqual(["rebind.test"]);
    } finally {
      await agent.destroy();
    }
  });
});
