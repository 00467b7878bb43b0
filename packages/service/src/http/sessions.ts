// Dashboard logins: one-time login codes and the browser sessions they open, kept in memory (a restart
// logs everyone out), with an injectable clock so expiry is tested without waiting.
import { createHash, randomBytes } from "node:crypto";

/** Options of `createSessionStore`. */
export interface SessionStoreOptions {
  /** Milliseconds since the epoch (default `Date.now`). */
  now?: () => number;
  /** How long a login code stays valid (default 10 minutes). */
  codeTtlMs?: number;
  /** How long a session lives without being used (default 12 hours). */
  sessionIdleMs?: number;
  /** Most codes (and sessions) kept at once; the oldest go first (default 100 codes, 1,000 sessions). */
  maxCodes?: number;
  maxSessions?: number;
}

/** A login code and when it stops working. */
export interface LoginCode {
  code: string;
  /** ISO 8601. */
  expiresAt: string;
}

/** Login codes and sessions of one API app. */
export interface SessionStore {
  /** A new one-time login code. */
  issueCode(): LoginCode;
  /** Uses `code` up: a new session id when it was valid, unused and unexpired, else undefined. */
  redeem(code: string): string | undefined;
  /** True when `session` is a live session (its idle time starts again). */
  touch(session: string): boolean;
  /** True when `session` is a live session; its idle time goes on (an open event stream asks). */
  isLive(session: string): boolean;
  /** Ends `session`. */
  end(session: string): void;
}

/** Default lifetime of a login code. */
export const LOGIN_CODE_TTL_MS = 10 * 60_000;
/** Default idle lifetime of a session. */
export const SESSION_IDLE_MS = 12 * 60 * 60_000;

const random = (): string => randomBytes(32).toString("base64url");
// Kept by digest: a lookup's timing says nothing about a stored secret.
const key = (secret: string): string => createHash("sha256").update(secret, "utf8").digest("hex");

function keepAtMost(map: Map<string, number>, max: number): void {
  for (const oldest of map.keys()) {
    if (map.size <= max) break;
    map.delete(oldest);
  }
}

/** An in-memory `SessionStore`. */
export function createSessionStore(options: SessionStoreOptions = {}): SessionStore {
  const now = options.now ?? Date.now;
  const codeTtl = options.codeTtlMs ?? LOGIN_CODE_TTL_MS;
  const idle = options.sessionIdleMs ?? SESSION_IDLE_MS;
  const codes = new Map<string, number>(); // digest → expires at
  const sessions = new Map<string, number>(); // digest → last used at
  const prune = (): void => {
    const at = now();
    for (const [k, expires] of codes) if (expires <= at) codes.delete(k);
    for (const [k, used] of sessions) if (used + idle <= at) sessions.delete(k);
  };
  return {
    issueCode() {
      prune();
      const code = random();
      const expires = now() + codeTtl;
      codes.set(key(code), expires);
      keepAtMost(codes, options.maxCodes ?? 100);
      return { code, expiresAt: new Date(expires).toISOString() };
    },
    redeem(code) {
      const k = key(code);
      const expires = codes.get(k);
      codes.delete(k);
      if (expires === undefined || expires <= now()) return undefined;
      prune();
      const session = random();
      sessions.set(key(session), now());
      keepAtMost(sessions, options.maxSessions ?? 1000);
      return session;
    },
    touch(session) {
      const k = key(session);
      const used = sessions.get(k);
      if (used === undefined) return false;
      if (used + idle <= now()) {
        sessions.delete(k);
        return false;
      }
      // Re-inserted so the map's order stays least-recently-used first.
      sessions.delete(k);
      sessions.set(k, now());
      return true;
    },
    isLive(session) {
      const used = sessions.get(key(session));
      return used !== undefined && used + idle > now();
    },
    end(session) {
      sessions.delete(key(session));
    },
  };
}
