// The composition root: which providers exist, their ports, the control API, listening and shutdown.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { type AddressInfo, createServer as createSocketServer, type Socket } from 'node:net'
import { pathOf } from './core/journal.js'
import type { RequestListener } from './core/http.js'
import { type ProviderDefinition, realmOf } from './core/provider.js'
import type { EmulatorState } from './core/state.js'
import type { Interceptor } from './net/index.js'
import { dinisoft } from './providers/dinisoft/index.js'
import { mimsms } from './providers/mimsms/index.js'
import { mimsmsJson } from './providers/mimsms-json/index.js'

/** Every provider API the emulator serves, in banner order. */
export const providers: readonly ProviderDefinition[] = [dinisoft, mimsms, mimsmsJson]

/** The APIs served on one port: a provider and the APIs that belong to it (MiM legacy and JSON on 7799). */
export interface PortGroup {
  /** The provider whose port it is (its name keys `ports` and the default port). */
  readonly realm: string
  readonly defaultPort: number
  readonly apis: readonly ProviderDefinition[]
}

export function portGroups(list: readonly ProviderDefinition[] = providers): PortGroup[] {
  const groups = new Map<string, ProviderDefinition[]>()
  for (const provider of list) groups.set(realmOf(provider), [...(groups.get(realmOf(provider)) ?? []), provider])
  return [...groups].map(([realm, apis]) => ({ realm, defaultPort: (apis.find((api) => api.name === realm) ?? apis[0])?.defaultPort ?? 0, apis }))
}

/**
 * One listener for a port: a request goes to the first API that `owns` its path, else to the API that
 * owns no path (the provider's own, which also answers unknown paths).
 */
export function composeApis(group: PortGroup, state: EmulatorState): RequestListener {
  const apps = group.apis.map((api) => ({ owns: api.owns?.bind(api), listener: api.createApp(state).listener }))
  const fallback = apps.find((entry) => entry.owns === undefined) ?? apps[0]
  if (!fallback) throw new Error(`No API serves the ${group.realm} port`)
  if (apps.length === 1) return fallback.listener
  return (req, res) => {
    const path = pathOf(req.url ?? '/')
    const owner = apps.find((entry) => entry.owns?.(path)) ?? fallback
    owner.listener(req, res)
  }
}

export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_CONTROL_PORT = 7780

/** Ports that speak TLS (with the local CA's certificates) and plain HTTP alike, and the API each serves. */
export const tlsPorts = [
  {
    service: 'dinisoft-tls',
    api: 'dinisoft',
    title: 'DiniSoft BD',
    defaultPort: 7790,
    // Clients that send no server name (`https://127.0.0.1:7790`) get this certificate.
    names: ['sms.dinisoftbd.com', 'localhost', '127.0.0.1', '::1'],
  },
] as const

/** How long a graceful close lets requests in flight finish before it cuts them (hang faults, long latencies). */
export const SHUTDOWN_GRACE_MS = 5000

export interface Listener {
  readonly url: string
  readonly port: number
  /**
   * Stops accepting connections and resolves once the requests in flight are answered, or at
   * `deadline` (epoch ms, `SHUTDOWN_GRACE_MS` from now by default), when whatever is left is cut.
   */
  close(deadline?: number): Promise<void>
}

const BAD_REQUEST_LINE =
  'Bad request line: the URL holds characters that must be percent-encoded (raw non-ASCII text such as Bangla, spaces, quotes).\n' +
  "URL-encode every parameter value (encodeURIComponent, URLSearchParams, or your HTTP client's query builder). Some real\n" +
  "gateways' web servers accept raw UTF-8 here; Node's HTTP parser, and so this emulator, does not.\n"

const URI_TOO_LARGE = '<html>\r\n<head><title>414 Request-URI Too Large</title></head>\r\n<body>\r\n<center><h1>414 Request-URI Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

/**
 * Node refuses a malformed request before any handler runs and closes the socket without a word; say
 * why instead, since the usual cause is a client that did not URL-encode its text.
 */
function explainClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    // Node's parser stops at 16 KiB of request line and headers: a target that long gets what nginx in
    // front of the gateways answers (large_client_header_buffers) instead of Node's bare 431.
    socket.end(`HTTP/1.1 414 Request-URI Too Large\r\nServer: nginx\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(URI_TOO_LARGE)}\r\nConnection: close\r\n\r\n${URI_TOO_LARGE}`)
    return
  }
  const invalidUrl = error.code === 'HPE_INVALID_URL'
  const body = invalidUrl ? BAD_REQUEST_LINE : `Bad request: ${error.message}\n`
  socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
}

export interface ListenOptions {
  /** Puts host routing, absolute-form and CONNECT in front of the port. */
  readonly interceptor?: Interceptor
  /** The port also speaks TLS, told apart by each connection's first byte (needs `interceptor`). */
  readonly tls?: boolean
}

/** Starts `listener` on `host:port` (0 picks a free port) and resolves once it accepts connections. */
export function listen(listener: RequestListener, host: string, port: number, options: ListenOptions = {}): Promise<Listener> {
  const { interceptor } = options
  const drain = new Drain()
  const server = createServer(drain.track(interceptor === undefined ? listener : interceptor.route(listener)))
  server.on('clientError', explainClientError)
  interceptor?.serveTunnels(server)
  const sockets = options.tls === true && interceptor !== undefined ? createSocketServer(interceptor.dualProtocol(server)) : server
  return new Promise((resolve, reject) => {
    const onError = (error: Error) =>
      reject(new Error(`Failed to listen on ${host}:${port}: ${error.message}. Is the port in use? Pick another with a flag, or 0 for any free port.`, { cause: error }))
    sockets.once('error', onError)
    sockets.listen(port, host, () => {
      sockets.off('error', onError)
      const info = sockets.address() as AddressInfo
      const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host
      const close = drain.closer(server)
      resolve({
        url: `${options.tls === true ? 'https' : 'http'}://${shownHost}:${info.port}`,
        port: info.port,
        // The socket server of a TLS port only stops accepting: its connections are the HTTP server's and the interceptor's.
        close: sockets === server ? close : (deadline) => (sockets.close(), close(deadline)),
      })
    })
  })
}

/** An event stream never ends by itself: a closing server ends it at once instead of waiting for it. */
function isEventStream(request: IncomingMessage): boolean {
  return request.headers.accept?.includes('text/event-stream') === true
}

const DRAIN_TURNS = 3

function afterLoopTurns(turns: number, fn: () => void): void {
  if (turns <= 0) return fn()
  setImmediate(() => afterLoopTurns(turns - 1, fn))
}

/** The latest request a connection carried, set on its socket (one property write per request, no listener). */
const LATEST = Symbol('latest response')

interface TrackedSocket extends Socket {
  [LATEST]?: ServerResponse
}

/**
 * Graceful close for one server: stop listening, answer what is in flight on connections that then
 * close, and cut the rest at the deadline. It tracks connections, and each one's latest answer, rather
 * than every request: nothing is listened to per request until the close begins.
 */
class Drain {
  readonly #connections = new Set<TrackedSocket>()
  #closing = false
  /** Answers that will close their connection (those that began after the close began, at once). */
  readonly #wound = new WeakSet<ServerResponse>()
  #server: Server | undefined

  /** The listener, noting each request on its connection. */
  track(listener: RequestListener): RequestListener {
    return (request, response) => {
      ;(request.socket as TrackedSocket)[LATEST] = response
      if (this.#closing) this.#winding(response)
      listener(request, response)
    }
  }

  /** An answer in flight while closing: its connection closes once it is out. */
  #winding(response: ServerResponse): void {
    this.#wound.add(response)
    if (!response.headersSent) response.shouldKeepAlive = false
    // The connection goes idle once its answer is out; idle connections keep a closing server open.
    response.once('close', () => setImmediate(() => this.#server?.closeIdleConnections()))
  }

  /** Starts tracking the server's connections; the close function for `Listener`. */
  closer(server: Server): Listener['close'] {
    this.#server = server
    server.on('connection', (socket: TrackedSocket) => {
      this.#connections.add(socket)
      socket.once('close', () => this.#connections.delete(socket))
    })
    let closed: Promise<void> | undefined
    return (deadline = Date.now() + SHUTDOWN_GRACE_MS) => {
      closed ??= new Promise<void>((done) => {
        this.#closing = true
        const cut = setTimeout(() => server.closeAllConnections(), Math.max(0, deadline - Date.now()))
        // Connections the kernel completed but the loop has not accepted yet, and requests they already
        // sent, count as in flight: a few turns of the loop take them in before the listening socket closes
        // (closing it resets them; a new connection looks idle until its request is read).
        afterLoopTurns(deadline > Date.now() ? DRAIN_TURNS : 0, () => {
          server.close(() => {
            clearTimeout(cut)
            done()
          })
          for (const socket of this.#connections) {
            const response = socket[LATEST]
            if (response === undefined || response.writableFinished || this.#wound.has(response)) continue
            if (isEventStream(response.req)) socket.destroy()
            else this.#winding(response)
          }
          server.closeIdleConnections()
        })
      })
      return closed
    }
  }
}
