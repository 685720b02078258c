// Password hashes with node:crypto scrypt: "scrypt$N$r$p$salt$hash" (base64), so the cost can rise
// later and older hashes still check (a login with one re-hashes it at today's cost).
//
// N = 2^17, r = 8 (128 MB, about a second here): the cost OWASP's password storage guidance gives
// for scrypt. Hashing runs on libuv's thread pool, so a LAN server keeps answering while it works.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 2 ** 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
/** scrypt needs 128·N·r bytes; Node refuses more than 32 MB unless told. */
const MAX_MEMORY = 256 * 1024 * 1024;

function derive(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, length, { ...options, maxmem: MAX_MEMORY }, (e, key) => (e ? reject(e) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, KEY_LENGTH, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

interface Stored {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function parse(stored: string): Stored | null {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return null;
  const cost = { n: Number(n), r: Number(r), p: Number(p) };
  if (![cost.n, cost.r, cost.p].every((x) => Number.isSafeInteger(x) && x > 0)) return null;
  return { ...cost, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
}

export async function checkPassword(password: string, stored: string): Promise<boolean> {
  const s = parse(stored);
  if (!s) return false;
  const key = await derive(password, s.salt, s.hash.length, { N: s.n, r: s.r, p: s.p });
  return timingSafeEqual(key, s.hash);
}

/** A hash made at an older, lower cost: re-hash it at the next successful login. */
export function needsRehash(stored: string): boolean {
  const s = parse(stored);
  return s === null || s.n < N || s.r < R;
}

let dummy: Promise<string> | null = null;

/**
 * A hash at today's cost that no password matches: checked against for an unknown login, so
 * the answer takes as long as for a known one and accounts cannot be found by timing.
 */
export function unknownLoginHash(): Promise<string> {
  return (dummy ??= hashPassword(randomBytes(24).toString('base64')));
}
