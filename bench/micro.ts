// A micro-harness for the request hot path: the port listeners called in-process with stand-in req/res
// objects (no sockets, no HTTP parsing), so the emulator's own CPU and allocation per request show without
// the kernel's share. Run: node --import tsx bench/micro.ts [endpoint] [requests]
// With `--trace-gc` (and a fixed `--min-semi-space-size`/`--max-semi-space-size`) the scavenges per 10k
// requests give the bytes allocated per request.
import { EventEmitter } from 'node:events'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type * as StateModule from '../src/emulator/core/state.js'
import type * as ServerModule from '../src/emulator/server.js'

// MICRO_DIST=1 runs the built code (dist/), whose CPU profiles carry real line numbers.
const root = process.env.MICRO_DIST === '1' ? '../dist' : '../src'
const { createState, silentLogger } = (await import(`${root}/emulator/core/state.js`)) as typeof StateModule
const { composeApis, portGroups, providers } = (await import(`${root}/emulator/server.js`)) as typeof ServerModule

const which = process.argv[2] ?? 'all'
const requests = Number(process.argv[3] ?? 200_000)

const state = createState({ providers, log: silentLogger })
for (const provider of ['dinisoft', 'mimsms']) for (const account of [state.accounts.byKey(provider, provider === 'dinisoft' ? 'demo-apikey' : 'demo-api-key')]) if (account) account.balance = 1e15
const listeners = new Map(portGroups(providers).map((group) => [group.realm, composeApis(group, state)]))

const socket = Object.assign(new EventEmitter(), { remoteAddress: '127.0.0.1', destroyed: false })
let written = 0
let lastBody = ''

function call(port: string, url: string, body?: Buffer): void {
  const rawHeaders = ['Host', '127.0.0.1:7788', 'Connection', 'keep-alive']
  const headers: Record<string, string> = { host: '127.0.0.1:7788', connection: 'keep-alive' }
  if (body) {
    rawHeaders.push('Content-Type', 'application/json', 'Content-Length', String(body.byteLength))
    Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(body.byteLength) })
  }
  // A GET is read without listening to it: a plain object will do.
  const fields = { method: body ? 'POST' : 'GET', url, headers, rawHeaders, socket }
  const req = (body ? Object.assign(new EventEmitter(), fields) : fields) as unknown as IncomingMessage
  const res: { headersSent: boolean; destroyed: boolean; writeHead(status: number, headers: unknown): unknown; end(body?: string): void } = {
    headersSent: false,
    destroyed: false,
    writeHead(_status: number, _headers: unknown) {
      res.headersSent = true
      return res
    },
    end(body?: string) {
      written++
      lastBody = body ?? ''
    },
  }
  ;(listeners.get(port) as (req: IncomingMessage, res: ServerResponse) => void)(req, res as unknown as ServerResponse)
  if (body) {
    ;(req as unknown as EventEmitter).emit('data', body)
    ;(req as unknown as EventEmitter).emit('end')
  }
}

/** /smsapimany with 100 messages, numbered from `n * 100`. */
function many(n: number): Buffer {
  const messages = Array.from({ length: 100 }, (_, i) => `{"to":"88017${String(10_000_000 + ((n * 100 + i) % 89_999_999)).padStart(8, '0')}","message":"Order ${n}-${i} shipped"}`)
  return Buffer.from(`{"api_key":"demo-api-key","senderid":"DEMO","messages":[${messages.join(',')}]}`)
}

const cases: Record<string, (n: number) => [string, string]> = {
  sendtext: (n) => ['dinisoft', `/sendtext?apikey=demo-apikey&secretkey=demo-secretkey&callerID=DEMO&toUser=8801${710_000_000 + (n % 89_000_000)}&messageContent=Your%20code%20is%20${n}`],
  getstatus: (n) => ['dinisoft', `/getstatus?apikey=demo-apikey&secretkey=demo-secretkey&messageid=${firstId - (n % 90_000)}`],
  smsapi: (n) => ['mimsms', `/smsapi?api_key=demo-api-key&type=text&contacts=8801${810_000_000 + (n % 89_000_000)}&senderid=DEMO&msg=Order%20${n}%20shipped`],
}

let firstId = 0
/** With MICRO_HEAP=FILE, the timed run is also heap-sampled (garbage included) into FILE. */
const heapFile = process.env.MICRO_HEAP
const session = heapFile ? new (await import('node:inspector')).Session() : undefined
session?.connect()
const post = (method: string, params?: object) =>
  new Promise<unknown>((resolve, reject) => session?.post(method, params, (error, result) => (error ? reject(error) : resolve(result))))

async function run(name: string, count: number, sampled = false): Promise<number> {
  if (name === 'smsapimany') {
    const bodies = Array.from({ length: 64 }, (_, i) => many(i))
    const started = process.cpuUsage()
    for (let i = 0; i < count; i++) call('mimsms', '/smsapimany', bodies[i % 64])
    const used = process.cpuUsage(started)
    return (used.user + used.system) / count
  }
  const make = cases[name] as (n: number) => [string, string]
  if (sampled) await post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true })
  const started = process.cpuUsage()
  for (let i = 0; i < count; i++) {
    const [port, url] = make(i)
    call(port, url)
  }
  const used = process.cpuUsage(started)
  if (sampled) {
    const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: unknown }
    ;(await import('node:fs')).writeFileSync(heapFile as string, JSON.stringify({ ...(profile as object), requests: count }))
  }
  return (used.user + used.system) / count
}

if (which === 'memory') {
  // RSS and heap per retained message: no cap, a journal of one entry (as bench/run.ts measures it).
  const memoryState = createState({ providers, log: silentLogger, maxMessages: 0, journalCapacity: 1 })
  ;(memoryState.accounts.byKey('mimsms', 'demo-api-key') as { balance: number }).balance = 1e15
  const port = composeApis(portGroups(providers).find((group) => group.realm === 'mimsms') as ServerModule.PortGroup, memoryState)
  const gc = (globalThis as { gc?: () => void }).gc as () => void
  gc()
  const before = process.memoryUsage()
  for (let i = 0; i < requests / 100; i++) {
    const body = many(i)
    const req = Object.assign(new EventEmitter(), {
      method: 'POST',
      url: '/smsapimany',
      headers: { 'content-type': 'application/json', 'content-length': String(body.byteLength) },
      rawHeaders: ['Content-Type', 'application/json'],
      socket,
    }) as unknown as IncomingMessage
    port(req, { headersSent: false, destroyed: false, writeHead() {}, end() {} } as unknown as ServerResponse)
    req.emit('data', body)
    req.emit('end')
  }
  gc()
  const after = process.memoryUsage()
  const n = memoryState.store.size
  console.log(`memory: ${n} messages; RSS ${Math.round((after.rss - before.rss) / n)} B, heap ${Math.round((after.heapUsed - before.heapUsed) / n)} B per message`)
  process.exit(0)
}
for (const name of which === 'all' ? Object.keys(cases) : which.split(',')) {
  if (name === 'getstatus') {
    // Ids for getstatus: the latest sendtext's answer and the 90k before it.
    call('dinisoft', (cases.sendtext as (n: number) => [string, string])(0)[1])
    firstId = Number(JSON.parse(lastBody).Message_ID)
  }
  await run(name, Math.min(requests, 50_000))
  const micros = await run(name, requests, heapFile !== undefined)
  console.log(`${name}: ${micros.toFixed(2)} µs CPU per request (${requests} requests; last answer ${lastBody.slice(0, 80)})`)
}
console.log(`answers written: ${written}; store ${state.store.size}; journal ${state.journal.size}`)
