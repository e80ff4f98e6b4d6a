/**
 * A counting semaphore without an unbounded queue: a caller either gets a permit now (`tryTake`),
 * or waits at most a given time for one (`take`). Bounded waits are the point: under overload a
 * request is refused quickly instead of queueing behind work that may take minutes.
 */
export class Permits {
  #free: number
  readonly #waiting: (() => void)[] = []

  constructor(readonly size: number) {
    this.#free = size
  }

  get inUse(): number {
    return this.size - this.#free
  }

  tryTake(): boolean {
    if (this.#free === 0) return false
    this.#free--
    return true
  }

  /** Resolves true with a permit, or false when none came free within `timeoutMs`. */
  take(timeoutMs: number): Promise<boolean> {
    if (this.tryTake()) return Promise.resolve(true)
    return new Promise((resolve) => {
      const grant = () => {
        clearTimeout(timer)
        resolve(true)
      }
      const timer = setTimeout(() => {
        this.#waiting.splice(this.#waiting.indexOf(grant), 1)
        resolve(false)
      }, timeoutMs)
      this.#waiting.push(grant)
    })
  }

  give(): void {
    const next = this.#waiting.shift()
    if (next) next()
    else this.#free = Math.min(this.size, this.#free + 1)
  }
}
