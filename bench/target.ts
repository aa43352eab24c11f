// A server under test, in its own process: the emulator, or a bare node:http server answering canned bytes.
// Talks to bench/run.ts over IPC: it says where it listens, and on request collects garbage and reports memory.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startEmulator } from '../src/index.js'

export interface Canned {
  readonly status: number
  readonly contentType?: string
  readonly body: string
}

export type TargetSpec =
  | { readonly kind: 'bare'; readonly answers: Readonly<Record<string, Canned>> }
  | { readonly kind: 'emulator'; readonly maxMessages?: number; readonly journalCapacity?: number; readonly db?: string }

export type TargetReply =
  | { readonly ports: Readonly<Record<string, number>>; readonly control?: string }
  | { readonly rss: number; readonly heapUsed: number; readonly messages?: number; readonly cpuMicros: number }

const spec = JSON.parse(process.argv[2] ?? '{}') as TargetSpec
const send = (reply: TargetReply) => process.send?.(reply)

/** Generous balances, so no run is cut short by credits; reports are read by any number of polls. */
const accounts = {
  dinisoft: [{ key: 'demo-apikey', secret: 'demo-secretkey', name: 'demo', balance: 1e15 }],
  mimsms: [{ key: 'demo-api-key', secret: 'demo-password', name: 'demo', balance: 1e15 }],
}

let messages: () => number | undefined = () => undefined

if (spec.kind === 'bare') {
  // Answers the path (without query) with the bytes the emulator gave for it; the body is read, as a real server must.
  const server = createServer((req, res) => {
    const url = req.url ?? '/'
    const end = url.indexOf('?')
    const answer = spec.answers[end === -1 ? url : url.slice(0, end)] ?? { status: 404, body: 'Not Found' }
    const reply = () => {
      res.writeHead(answer.status, answer.contentType ? { 'content-type': answer.contentType, 'content-length': Buffer.byteLength(answer.body) } : { 'content-length': Buffer.byteLength(answer.body) })
      res.end(answer.body)
    }
    if (req.method === 'GET') return reply()
    req.on('data', () => {})
    req.on('end', reply)
  })
  server.listen(0, '127.0.0.1', () => send({ ports: { bare: (server.address() as AddressInfo).port } }))
} else {
  const emu = await startEmulator({
    ports: 0,
    log: false,
    scenario: { accounts, providers: { dinisoft: { oneShotStatus: 'off' } } },
    ...(spec.journalCapacity === undefined ? {} : { journalCapacity: spec.journalCapacity }),
    ...(spec.maxMessages === undefined ? {} : { maxMessages: spec.maxMessages }),
    ...(spec.db === undefined ? {} : { db: spec.db }),
  })
  messages = () => emu.state.store.size
  const port = (url: string) => Number(new URL(url).port)
  send({ ports: { dinisoft: port(emu.urls.dinisoft), mimsms: port(emu.urls.mimsms), control: port(emu.urls.control) } })
}

process.on('message', (message: { type: string }) => {
  if (message.type === 'memory') {
    global.gc?.()
    const usage = process.memoryUsage()
    const count = messages()
    const cpu = process.cpuUsage()
    send({ rss: usage.rss, heapUsed: usage.heapUsed, cpuMicros: cpu.user + cpu.system, ...(count === undefined ? {} : { messages: count }) })
  }
  if (message.type === 'cpu') {
    const cpu = process.cpuUsage()
    send({ rss: 0, heapUsed: 0, cpuMicros: cpu.user + cpu.system })
  }
  if (message.type === 'exit') process.exit(0)
})
