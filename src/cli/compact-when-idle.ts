import { getHeapStatistics } from 'node:v8'

type Fetch = (request: Request, ...rest: any[]) => Response | Promise<Response>

export interface CompactWhenIdleOptions {
  /** How long no request may be in flight before the heap a burst of requests grew is compacted. */
  readonly quietMs?: number
  /** How long after start-up (with no request in flight) the heap that start-up left is compacted. */
  readonly startQuietMs?: number
  /** How much the heap must have grown since the last compaction (bytes) for another to be worth it. */
  readonly growthBytes?: number
  /** The memory-reducing collection itself; tests count its calls. */
  readonly compact?: () => Promise<void>
}

const defaultQuietMs = 30_000
const defaultStartQuietMs = 500
const defaultGrowthBytes = 4 * 1024 * 1024

/**
 * Wraps the server's `fetch` so that once the process goes quiet (no request in flight for `quietMs`) after the
 * heap has grown, V8 is asked for a memory-reducing full collection. V8 grows the young generation to 16 MB
 * twice over under load (and to 4 MB while the code loads at start) and keeps it when the load stops: an
 * admin is idle most of the time, and ~25 MB of empty heap stays resident until the next burst. The collection
 * takes ~20 ms and runs only while no request waits; a request arriving during it waits that long.
 * The first runs once start-up is done (`startQuietMs`), whether or not a request came. After a burst the wait
 * is long (30 s): the young generation then starts small again and regrows, which cost a fifth more CPU per
 * request in a burst that began 0.5 s after the last one (measured side by side); someone working through pages
 * keeps the grown heap, an admin left alone gives it back.
 */
export function compactWhenIdle(fetch: Fetch, options: CompactWhenIdleOptions = {}): Fetch {
  const quietMs = options.quietMs ?? defaultQuietMs
  const startQuietMs = options.startQuietMs ?? defaultStartQuietMs
  const growthBytes = options.growthBytes ?? defaultGrowthBytes
  const compact = options.compact ?? reduceMemory
  let inFlight = 0
  let timer: NodeJS.Timeout | undefined
  // The heap that start-up left is compacted once, whatever its size.
  let compactedAt = Number.NEGATIVE_INFINITY
  const arm = () => {
    clearTimeout(timer)
    timer = setTimeout(
      () => {
        timer = undefined
        if (inFlight > 0 || getHeapStatistics().total_heap_size < compactedAt + growthBytes) return
        compact().then(
          () => (compactedAt = getHeapStatistics().total_heap_size),
          () => (compactedAt = Number.POSITIVE_INFINITY), // no inspector in this Node: never try again
        )
      },
      compactedAt === Number.NEGATIVE_INFINITY ? startQuietMs : quietMs,
    )
    // Never what keeps the process alive.
    timer.unref()
  }
  arm()
  return async function compactingFetch(request, ...rest) {
    inFlight++
    clearTimeout(timer)
    try {
      return await fetch(request, ...rest)
    } finally {
      if (--inFlight === 0) arm()
    }
  }
}

/**
 * What the inspector's "collect garbage" does (V8's low-memory notification: a full collection that also shrinks
 * the young generation and returns freed pages to the system), through an in-process session: no port is opened.
 */
export async function reduceMemory(): Promise<void> {
  const { Session } = await import('node:inspector')
  const session = new Session()
  session.connect()
  try {
    await new Promise<void>((done, fail) =>
      session.post('HeapProfiler.collectGarbage', (error) => (error ? fail(error) : done())),
    )
  } finally {
    // Not from inside the callback above, where disconnecting leaves the process unable to exit.
    await new Promise((next) => setImmediate(next))
    session.disconnect()
  }
}
