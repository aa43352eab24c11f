// Zero-change interception: host routing, absolute-form and CONNECT (a forward proxy for the gateways'
// hosts only), and TLS with leaves of the local CA, told apart from plain HTTP by a connection's first byte.
import type { IncomingMessage, RequestListener, Server as HttpServer, ServerResponse } from 'node:http'
import type { Server as HttpsServer } from 'node:https'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import type { CertificateAuthority } from './authority.js'
import { type HostTable, isHostName, normalizeHost } from './hosts.js'

export interface InterceptOptions {
  readonly hosts: HostTable
  /** The listener that answers each API name (`mimsms`, `dinisoft`...). */
  readonly apis: ReadonlyMap<string, RequestListener>
  /** The local CA, asked for only when the first TLS connection arrives. */
  authority(): Promise<CertificateAuthority>
  /** What the certificate for clients that name no server (SNI), such as `https://127.0.0.1:7790`, covers. */
  readonly defaultNames: readonly string[]
}

const TLS_HANDSHAKE = 0x16
const SLASH = 0x2f
// A connection that says nothing for this long is dropped before anyone parses it.
const FIRST_BYTE_TIMEOUT = 30_000

function refusal(target: string, hosts: HostTable): string {
  return `Refused: "${target}" is not a gateway host this emulator stands in for (${hosts.hosts().join(', ')}); it is not an open proxy. Add a white-label name with --host-alias HOST=API.\n`
}

/** The host of a CONNECT target (`host:port`, `[v6]:port`), or undefined when it is not one. */
function connectHost(target: string | undefined): string | undefined {
  if (target === undefined) return undefined
  try {
    const { hostname } = new URL(`http://${target}`)
    return hostname === '' ? undefined : hostname
  } catch {
    return undefined
  }
}

/** Puts the gateways' hosts in front of the emulator's ports: see the header. */
export class Interceptor {
  readonly #options: InterceptOptions
  readonly #twins = new WeakMap<HttpServer, Promise<HttpsServer>>()
  /** Sockets handed around by hand, which no server's close() knows of. */
  readonly #sockets = new Set<Duplex>()

  constructor(options: InterceptOptions) {
    this.#options = options
  }

  /**
   * A port's listener behind host routing: a request naming a known host, in its target
   * (`GET http://esms.mimsms.com/smsapi`) or its `Host` header, goes to that host's API whichever port got
   * it; an absolute-form target naming another host is refused; anything else goes to `own`.
   */
  route(own: RequestListener): RequestListener {
    const { hosts, apis } = this.#options
    return (req, res) => {
      const url = req.url ?? '/'
      if (url.charCodeAt(0) !== SLASH && url !== '*') return this.#proxy(req, res, url, own)
      const api = hosts.apiOfHostHeader(req.headers.host)
      const listener = api === undefined ? own : (apis.get(api) ?? own)
      listener(req, res)
    }
  }

  #proxy(req: IncomingMessage, res: ServerResponse, url: string, own: RequestListener): void {
    let target: URL | undefined
    try {
      target = new URL(url)
    } catch {
      target = undefined
    }
    const web = target?.protocol === 'http:' || target?.protocol === 'https:'
    const api = web && target !== undefined ? this.#options.hosts.apiOf(target.hostname) : undefined
    if (target === undefined || api === undefined) {
      const body = refusal(target?.host ?? url, this.#options.hosts)
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), Connection: 'close' })
      res.end(body)
      return
    }
    // RFC 9112 3.2.2: an absolute-form target overrides Host.
    req.url = `${target.pathname}${target.search}`
    req.headers.host = target.host
    ;(this.#options.apis.get(api) ?? own)(req, res)
  }

  /** Answers CONNECT on `server` for the known hosts (then TLS or plain HTTP in the tunnel), and refuses the rest. */
  serveTunnels(server: HttpServer): void {
    server.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const host = connectHost(req.url)
      if (host === undefined || this.#options.hosts.apiOf(host) === undefined) {
        const body = refusal(host ?? req.url ?? '', this.#options.hosts)
        socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
        return
      }
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      this.#sniff(socket, server, head)
    })
  }

  /** A connection listener for a port that speaks both TLS and plain HTTP to `server`'s listeners. */
  dualProtocol(server: HttpServer): (socket: Socket) => void {
    return (socket) => this.#sniff(socket, server)
  }

  /** Ends the connections this interceptor handed to servers by hand. */
  close(): void {
    for (const socket of this.#sockets) socket.destroy()
    this.#sockets.clear()
  }

  #sniff(socket: Duplex, server: HttpServer, head?: Buffer): void {
    this.#sockets.add(socket)
    socket.once('close', () => this.#sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    const decide = (chunk: Buffer) => {
      socket.unshift(chunk)
      if (chunk[0] === TLS_HANDSHAKE) void this.#handToTls(socket, server)
      else this.#hand(socket, server)
    }
    if (head !== undefined && head.length > 0) return decide(head)
    const idle = socket as Partial<Socket>
    idle.setTimeout?.(FIRST_BYTE_TIMEOUT, () => socket.destroy())
    socket.once('data', (chunk: Buffer) => {
      idle.setTimeout?.(0)
      socket.pause()
      decide(chunk)
    })
    socket.resume()
  }

  #hand(socket: Duplex, server: HttpServer | HttpsServer): void {
    server.emit('connection', socket)
    socket.resume()
  }

  async #handToTls(socket: Duplex, server: HttpServer): Promise<void> {
    socket.pause()
    try {
      this.#hand(socket, await this.#twin(server))
    } catch {
      socket.destroy()
    }
  }

  /** An HTTPS server that passes what it decrypts to `server`'s listeners; made on first use. */
  #twin(server: HttpServer): Promise<HttpsServer> {
    let twin = this.#twins.get(server)
    if (twin === undefined) {
      twin = this.#createTwin(server)
      this.#twins.set(server, twin)
      twin.catch(() => this.#twins.delete(server))
    }
    return twin
  }

  async #createTwin(server: HttpServer): Promise<HttpsServer> {
    const authority = await this.#options.authority()
    const fallback = await authority.leaf(this.#options.defaultNames)
    // node:https (and TLS) loads with the first TLS connection, not at every start.
    const { createServer: createHttpsServer } = await import('node:https')
    const twin = createHttpsServer({
      // Any name a client asks for gets its own leaf: the server is the emulator itself, never a proxy.
      SNICallback: (servername, done) => {
        const name = normalizeHost(servername)
        if (!isHostName(name)) return done(null, fallback.context)
        authority.leaf([name]).then(
          (leaf) => done(null, leaf.context),
          (error: Error) => done(error),
        )
      },
      cert: fallback.chain,
      key: fallback.key,
    })
    twin.on('request', (req: IncomingMessage, res: ServerResponse) => server.emit('request', req, res))
    twin.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => server.emit('connect', req, socket, head))
    twin.on('clientError', (error: Error, socket: Duplex) => server.emit('clientError', error, socket))
    // A client that does not trust the CA hangs up mid-handshake: nothing to answer.
    twin.on('tlsClientError', (_error: Error, socket: Duplex) => socket.destroy())
    return twin
  }
}
