/** Reading whole numbers from form text exactly, through BigInt rather than a float. */

const integerPattern = /^[+-]?\d+$/

/** The canonical decimal text of a whole number (`+007` → `7`), or undefined when `input` is not one. */
export function canonicalInteger(input: string): string | undefined {
  const text = input.trim()
  if (!integerPattern.test(text)) return undefined
  return BigInt(text).toString()
}

export function inRange(text: string, min: bigint, max: bigint): boolean {
  const n = BigInt(text)
  return n >= min && n <= max
}

export const int64Min = -(2n ** 63n)
export const int64Max = 2n ** 63n - 1n

/** A number when JS holds it exactly, else the exact decimal text — the same shape the drivers return. */
export function integerValue(text: string): number | string {
  const n = BigInt(text)
  return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(n) : text
}
