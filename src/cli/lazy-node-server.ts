import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

type Fetch = (request: Request, ...rest: any[]) => Response | Promise<Response>
type Listener = (incoming: IncomingMessage, outgoing: ServerResponse) => unknown

/**
 * What @hono/node-server's `serve` creates (a node:http server answering with `fetch`), not yet listening, with the
 * adapter itself loaded by the first request: when imported it extends Node's `Request` and `Response`, which
 * loads Node's fetch implementation (undici), ~10 MB of RSS in a server nobody has used yet.
 */
export function lazyNodeServer(fetch: Fetch, hostname: string): Server {
  let listener: Promise<Listener> | undefined
  return createServer((incoming, outgoing) => {
    listener ??= import('@hono/node-server').then(({ getRequestListener }) => getRequestListener(fetch, { hostname }))
    listener.then(
      (listen) => listen(incoming, outgoing),
      (error: unknown) => {
        listener = undefined
        outgoing.destroy(error instanceof Error ? error : new Error(String(error)))
      },
    )
  })
}
