import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/** scrypt's cost as stored with each hash, so raising it later leaves old hashes readable (and marks them for a rehash). */
export interface ScryptParams {
  /** log2 of N, the CPU/memory cost: memory is 128 · 2^logN · r bytes (32 MiB at 15 and 8). */
  readonly logN: number
  readonly r: number
  readonly p: number
}

/** OWASP's first scrypt setting (N=2^17 is its strongest; 2^15 keeps a login near 100 ms on a small server). */
export const defaultScrypt: ScryptParams = { logN: 15, r: 8, p: 1 }

const keyLength = 32
const saltLength = 16
const encoded = /^scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.logN
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r }
  // Unicode passwords compare by what was typed, not by how a keyboard composed it (NIST SP 800-63B 5.1.1.2).
  const text = password.normalize('NFKC')
  return new Promise((resolve, reject) =>
    scrypt(text, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  )
}

/**
 * A new salted scrypt hash in a PHC-like string: `scrypt$ln=15,r=8,p=1$<salt>$<key>` (base64). Runs on
 * libuv's thread pool, so the event loop keeps serving while it works.
 * @example const stored = await hashPassword('correct horse battery staple')
 */
export async function hashPassword(password: string, params: ScryptParams = defaultScrypt): Promise<string> {
  const salt = randomBytes(saltLength)
  const key = await derive(password, salt, params)
  return `scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${salt.toString('base64')}$${key.toString('base64')}`.replace(
    /=+(?=\$|$)/g,
    '',
  )
}

function read(hash: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const match = encoded.exec(hash)
  if (!match) return undefined
  const params = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) }
  // A stored hash is data: refuse costs no login should pay (or that would exhaust memory).
  if (params.logN < 1 || params.logN > 20 || params.r < 1 || params.p < 1 || params.p > 16) return undefined
  return { params, salt: Buffer.from(match[4]!, 'base64'), key: Buffer.from(match[5]!, 'base64') }
}

/** Whether `password` matches `hash`; false for a malformed hash. Compares in constant time. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const stored = read(hash)
  if (!stored || stored.key.length !== keyLength) return false
  const key = await derive(password, stored.salt, stored.params)
  return timingSafeEqual(key, stored.key)
}

/** Whether a hash was made with weaker parameters than `params` (rehash it at the next successful login). */
export function needsRehash(hash: string, params: ScryptParams = defaultScrypt): boolean {
  const stored = read(hash)
  return !stored || stored.params.logN < params.logN || stored.params.r < params.r || stored.params.p < params.p
}

let dummy: Promise<string> | undefined

/**
 * Spends the time a real verification would, for a user name that does not exist, so the answer and
 * its timing do not tell which names have accounts.
 */
export async function verifyNobody(password: string): Promise<false> {
  dummy ??= hashPassword('steward: no such user')
  await verifyPassword(password, await dummy)
  return false
}
