import http from 'node:http'

/** Latency figures of one load run, in milliseconds. */
export interface LoadResult {
  readonly requests: number
  readonly errors: number
  readonly seconds: number
  readonly rps: number
  readonly p50: number
  readonly p99: number
}

export function summarize(latencies: number[], errors: number, seconds: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
  return { requests: sorted.length, errors, seconds, rps: sorted.length / seconds, p50: at(0.5), p99: at(0.99) }
}

/**
 * Keeps `concurrency` requests in flight against loopback URLs (taken round-robin) for `seconds`,
 * over keep-alive connections. Bounded in time and count; only ever targets the given local server.
 */
export async function loadHttp(
  urls: readonly string[],
  concurrency: number,
  seconds: number,
  maxRequests = 200_000,
  headers: Readonly<Record<string, string>> = {},
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  const latencies: number[] = []
  let errors = 0
  let next = 0
  const deadline = performance.now() + seconds * 1000
  const started = performance.now()
  const one = (url: string) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now()
      const req = http.get(url, { agent, headers }, (res) => {
        res.resume()
        res.on('end', () => {
          if (res.statusCode === 200) latencies.push(performance.now() - t0)
          else errors++
          resolve()
        })
      })
      req.on('error', () => {
        errors++
        resolve()
      })
    })
  const worker = async () => {
    while (performance.now() < deadline && latencies.length + errors < maxRequests) {
      await one(urls[next++ % urls.length]!)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  agent.destroy()
  return summarize(latencies, errors, (performance.now() - started) / 1000)
}

/**
 * The same loop around an async function: the raw-driver baseline. `fn` is told the call's number overall and
 * which worker (0 … concurrency - 1) makes it.
 */
export async function loadFn(
  fn: (i: number, worker: number) => Promise<unknown>,
  concurrency: number,
  seconds: number,
  maxRequests = 2_000_000,
): Promise<LoadResult> {
  const latencies: number[] = []
  let errors = 0
  let next = 0
  const deadline = performance.now() + seconds * 1000
  const started = performance.now()
  const worker = async (_: unknown, index: number) => {
    while (performance.now() < deadline && latencies.length + errors < maxRequests) {
      const t0 = performance.now()
      try {
        await fn(next++, index)
        latencies.push(performance.now() - t0)
      } catch {
        errors++
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return summarize(latencies, errors, (performance.now() - started) / 1000)
}

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 64 })

/** A fetch-shaped client over node:http with keep-alive: the same cheap client `loadHttp` uses, for POST loops. */
export function httpFetch(url: string, init: RequestInit = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined || init.body === null ? undefined : String(init.body)
    const req = http.request(
      url,
      { method: init.method ?? 'GET', agent: keepAlive, headers: init.headers as Record<string, string> },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const headers = new Headers()
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
          }
          resolve(
            new Response(res.statusCode === 204 || res.statusCode === 304 ? null : Buffer.concat(chunks), {
              status: res.statusCode ?? 0,
              headers,
            }),
          )
        })
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}
