// The bench's load generator, run as its own process: keep-alive connections over raw sockets (no HTTP
// client library in the way), each sending its next request as soon as the previous answer is complete.
// Input: one JSON argument (LoadSpec); output: one JSON line (LoadResult) on stdout.
import { connect, type Socket } from 'node:net'

export interface LoadSpec {
  readonly port: number
  readonly method: 'GET' | 'POST'
  /** The request target; `{n}` becomes a running number (distinct recipients, distinct texts). */
  readonly path: string
  readonly body?: string
  readonly contentType?: string
  readonly connections: number
  /** Run this long... */
  readonly seconds?: number
  /** ...or until this many requests were answered. */
  readonly requests?: number
  /** `{n}` runs from `offset`... */
  readonly offset?: number
  /** ...through `offset + modulo - 1`, then again. */
  readonly modulo?: number
}

export interface LoadResult {
  readonly requests: number
  readonly seconds: number
  readonly perSecond: number
  readonly p50: number
  readonly p99: number
  /** Answers whose status was not 200. */
  readonly errors: number
  /** Connections closed or failed. */
  readonly failures: number
}

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec
let counter = 0

function request(): Buffer {
  const n = String((spec.offset ?? 0) + (spec.modulo === undefined ? counter : counter % spec.modulo))
  counter++
  const path = spec.path.replaceAll('{n}', n)
  const body = spec.body?.replaceAll('{n}', n)
  const head = `${spec.method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${spec.port}\r\nConnection: keep-alive\r\n`
  if (body === undefined) return Buffer.from(`${head}\r\n`)
  const bytes = Buffer.from(body)
  return Buffer.concat([Buffer.from(`${head}Content-Type: ${spec.contentType ?? 'application/x-www-form-urlencoded'}\r\nContent-Length: ${bytes.byteLength}\r\n\r\n`), bytes])
}

/** Length of a complete response at the start of `data`, or -1 while incomplete. */
function completeLength(data: Buffer): { length: number; status: number } | undefined {
  const end = data.indexOf('\r\n\r\n')
  if (end === -1) return undefined
  const head = data.subarray(0, end).toString('latin1')
  const status = Number(head.slice(9, 12))
  const match = /\r\ncontent-length:\s*(\d+)/i.exec(head)
  const bodyLength = match ? Number(match[1]) : 0
  const length = end + 4 + bodyLength
  return data.byteLength >= length ? { length, status } : undefined
}

const latencies: number[] = []
let answered = 0
let errors = 0
let failures = 0
const started = performance.now()
const deadline = spec.seconds === undefined ? Number.POSITIVE_INFINITY : started + spec.seconds * 1000
const limit = spec.requests ?? Number.POSITIVE_INFINITY
let sent = 0

function runConnection(): Promise<void> {
  return new Promise((resolve) => {
    const socket: Socket = connect(spec.port, '127.0.0.1')
    socket.setNoDelay(true)
    let buffered: Buffer = Buffer.alloc(0)
    let sentAt = 0
    const next = () => {
      if (performance.now() >= deadline || sent >= limit) {
        socket.end()
        return resolve()
      }
      sent++
      sentAt = performance.now()
      socket.write(request())
    }
    socket.on('connect', next)
    socket.on('data', (chunk: Buffer) => {
      buffered = buffered.byteLength === 0 ? chunk : Buffer.concat([buffered, chunk])
      const done = completeLength(buffered)
      if (!done) return
      latencies.push(performance.now() - sentAt)
      answered++
      if (done.status !== 200) errors++
      buffered = buffered.subarray(done.length)
      next()
    })
    socket.on('error', () => {
      failures++
      resolve()
    })
    socket.on('close', () => resolve())
  })
}

await Promise.all(Array.from({ length: spec.connections }, runConnection))
const seconds = (performance.now() - started) / 1000
latencies.sort((a, b) => a - b)
const at = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0) * 100) / 100
const result: LoadResult = { requests: answered, seconds: Math.round(seconds * 1000) / 1000, perSecond: Math.round(answered / seconds), p50: at(0.5), p99: at(0.99), errors, failures }
process.stdout.write(`${JSON.stringify(result)}\n`)
