// `npm run bench`: the emulator side by side with a bare node:http server answering the same bytes, in one
// interleaved run (a warm-up, then rounds; medians), the load from a separate process. Also start-up time,
// memory per retained message, an indexed query at 1M messages and (`--soak`) 10M messages through the cap.
// Writes bench/results.json. Compare ratios within one run: the machine is shared and its load varies.
import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { createServer } from 'node:net'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { LoadResult, LoadSpec } from './load.js'
import type { Canned, TargetReply, TargetSpec } from './target.js'

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    soak: { type: 'boolean', default: false },
    'soak-messages': { type: 'string', default: '10000000' },
    'memory-messages': { type: 'string', default: '1000000' },
    only: { type: 'string' },
  },
})
const ROUNDS = Number(values.rounds)
const SECONDS = Number(values.seconds)
const CONNECTIONS = Number(values.connections)
const sections = new Set((values.only ?? 'startup,throughput,db,memory').split(','))

const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim()
const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}
const round2 = (n: number) => Math.round(n * 100) / 100

// --- processes --------------------------------------------------------------------------------------

interface Target {
  readonly child: ChildProcess
  readonly ports: Readonly<Record<string, number>>
  ask(type: 'memory' | 'cpu'): Promise<{ rss: number; heapUsed: number; messages?: number; cpuMicros: number }>
  stop(): void
}

function startTarget(spec: TargetSpec): Promise<Target> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./target.ts', import.meta.url).pathname, [JSON.stringify(spec)], {
      execArgv: ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    child.once('error', reject)
    child.once('message', (reply: TargetReply) => {
      if (!('ports' in reply)) return reject(new Error('the target did not say its ports'))
      resolve({
        child,
        ports: reply.ports,
        ask: (type) =>
          new Promise((done) => {
            child.once('message', (answer: TargetReply) => done(answer as { rss: number; heapUsed: number; messages?: number; cpuMicros: number }))
            child.send({ type })
          }),
        stop: () => child.kill('SIGKILL'),
      })
    })
  })
}

function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./load.ts', import.meta.url).pathname, JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load generator exited ${code}`))))
  })
}

function fetchText(port: number, path: string, init: { method?: string; body?: string; contentType?: string } = {}): Promise<Canned & { ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const req = httpRequest({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.body === undefined ? {} : { 'content-type': init.contentType ?? 'application/json' } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => {
        const contentType = res.headers['content-type']
        resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - started, ...(contentType === undefined ? {} : { contentType }) })
      })
    })
    req.once('error', reject)
    req.end(init.body)
  })
}

// --- the endpoints of the table ---------------------------------------------------------------

const manyBody = `{"api_key":"demo-api-key","senderid":"DEMO","messages":[${Array.from({ length: 100 }, (_, i) => `{"to":"88017{n}${String(i).padStart(2, '0')}","message":"Order {n}-${i} shipped"}`).join(',')}]}`

interface Endpoint {
  readonly name: string
  readonly port: 'dinisoft' | 'mimsms'
  readonly load: Omit<LoadSpec, 'port' | 'connections' | 'seconds' | 'requests'>
  /** Messages (or reports) per request. */
  readonly perRequest: number
  readonly unit: 'messages' | 'reports' | 'requests'
}

const endpoints: Endpoint[] = [
  {
    name: 'DiniSoft sendtext (GET)',
    port: 'dinisoft',
    load: { method: 'GET', path: '/sendtext?apikey=demo-apikey&secretkey=demo-secretkey&callerID=DEMO&toUser=8801{n}&messageContent=Your%20code%20is%20{n}', offset: 710_000_000, modulo: 89_000_000 },
    perRequest: 1,
    unit: 'messages',
  },
  { name: 'DiniSoft getstatus', port: 'dinisoft', load: { method: 'GET', path: '/getstatus?apikey=demo-apikey&secretkey=demo-secretkey&messageid={n}' }, perRequest: 1, unit: 'requests' },
  {
    name: 'MiM smsapi (GET)',
    port: 'mimsms',
    load: { method: 'GET', path: '/smsapi?api_key=demo-api-key&type=text&contacts=8801{n}&senderid=DEMO&msg=Order%20{n}%20shipped', offset: 810_000_000, modulo: 89_000_000 },
    perRequest: 1,
    unit: 'messages',
  },
  {
    name: 'MiM smsapimany (100/request)',
    port: 'mimsms',
    load: { method: 'POST', path: '/smsapimany', body: manyBody, contentType: 'application/json', offset: 100_000, modulo: 900_000 },
    perRequest: 100,
    unit: 'messages',
  },
  { name: 'MiM getDLR/getAll (100/call)', port: 'mimsms', load: { method: 'GET', path: '/miscapi/demo-api-key/getDLR/getAll' }, perRequest: 100, unit: 'reports' },
]

interface Row {
  readonly name: string
  readonly unit: Endpoint['unit']
  bare: Measured[]
  emulator: Measured[]
}

/** A load run and the server's CPU time per request (steadier than rates on a shared machine). */
interface Measured extends LoadResult {
  readonly cpuMicrosPerRequest: number
}

/** Every endpoint against bare; with `db`, the emulator keeps its state in that SQLite file and only the sends run. */
async function throughput(db?: string): Promise<Record<string, unknown>[]> {
  const emulator = await startTarget(db === undefined ? { kind: 'emulator' } : { kind: 'emulator', db })
  const port = (name: 'dinisoft' | 'mimsms' | 'control') => emulator.ports[name] as number
  // One answer of each endpoint, for the bare server to answer with the same bytes.
  const sample = async (endpoint: Endpoint): Promise<Canned> => {
    const path = endpoint.load.path.replaceAll('{n}', String(endpoint.load.offset ?? 0))
    const init = endpoint.load.body === undefined ? {} : { method: 'POST', body: endpoint.load.body.replaceAll('{n}', String(endpoint.load.offset ?? 0)), contentType: endpoint.load.contentType }
    const { ms: _ms, ...canned } = await fetchText(port(endpoint.port), path, init)
    return canned
  }
  const answers: Record<string, Canned> = {}
  const [sendtext, getstatus, smsapi, many, getAll] = endpoints as [Endpoint, Endpoint, Endpoint, Endpoint, Endpoint]
  answers['/sendtext'] = await sample(sendtext)
  const firstId = Number(JSON.parse(answers['/sendtext'].body).Message_ID)
  answers['/smsapi'] = await sample(smsapi)
  answers['/smsapimany'] = await sample(many)
  await fetchText(port('control'), '/api/clock/advance', { method: 'POST', body: '{"by":"10s"}' })
  answers['/miscapi/demo-api-key/getDLR/getAll'] = await sample(getAll)
  const bare = await startTarget({ kind: 'bare', answers })
  const barePort = bare.ports.bare as number

  const measured = db === undefined ? endpoints : [sendtext, smsapi]
  const rows: Row[] = measured.map((endpoint) => ({ name: db === undefined ? endpoint.name : `${endpoint.name} --db`, unit: endpoint.unit, bare: [], emulator: [] }))
  let sentDinisoft = 1
  for (let round = 0; round <= ROUNDS; round++) {
    const warmUp = round === 0
    const seconds = warmUp ? 1 : SECONDS
    for (const [index, endpoint] of measured.entries()) {
      const row = rows[index] as Row
      let load: LoadSpec = { ...endpoint.load, port: port(endpoint.port), connections: CONNECTIONS, seconds }
      if (endpoint === getstatus) load = { ...load, offset: firstId, modulo: Math.min(sentDinisoft, 90_000) }
      if (endpoint === getAll) {
        // Every report of the sends so far becomes final; each call takes the next 100.
        await fetchText(port('control'), '/api/clock/advance', { method: 'POST', body: '{"by":"10s"}' })
        const { seconds: _s, ...rest } = load
        load = { ...rest, requests: warmUp ? 100 : 900 }
      }
      const order = round % 2 === 0 ? (['bare', 'emulator'] as const) : (['emulator', 'bare'] as const)
      for (const who of order) {
        const server = who === 'bare' ? bare : emulator
        const before = (await server.ask('cpu')).cpuMicros
        const loaded = await runLoad(who === 'bare' ? { ...load, port: barePort } : load)
        const result: Measured = { ...loaded, cpuMicrosPerRequest: Math.round(((await server.ask('cpu')).cpuMicros - before) / Math.max(1, loaded.requests)) }
        if (who === 'emulator' && endpoint === sendtext) sentDinisoft += result.requests
        if (!warmUp) row[who].push(result)
      }
    }
  }
  bare.stop()
  emulator.stop()
  return rows.map((row, i) => {
    const endpoint = measured[i] as Endpoint
    const bareRate = median(row.bare.map((r) => r.perSecond))
    const emuRate = median(row.emulator.map((r) => r.perSecond))
    return {
      endpoint: row.name,
      bareRequestsPerSecond: bareRate,
      requestsPerSecond: emuRate,
      ratio: round2(emuRate / bareRate),
      ...(endpoint.unit === 'requests' ? {} : { [`${endpoint.unit}PerSecond`]: emuRate * endpoint.perRequest }),
      p50: median(row.emulator.map((r) => r.p50)),
      p99: median(row.emulator.map((r) => r.p99)),
      bareP99: median(row.bare.map((r) => r.p99)),
      cpuMicrosPerRequest: median(row.emulator.map((r) => r.cpuMicrosPerRequest)),
      bareCpuMicrosPerRequest: median(row.bare.map((r) => r.cpuMicrosPerRequest)),
      cpuRatio: round2(median(row.bare.map((r) => r.cpuMicrosPerRequest)) / median(row.emulator.map((r) => r.cpuMicrosPerRequest))),
      errors: row.emulator.reduce((sum, r) => sum + r.errors + r.failures, 0),
    }
  })
}

// --- start-up ----------------------------------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** Milliseconds from spawn to the first 200 on the DiniSoft port. */
async function timeToFirst200(command: string, args: readonly string[]): Promise<number> {
  const [dinisoft, mimsms, control] = [await freePort(), await freePort(), await freePort()]
  const started = performance.now()
  const child = spawn(command, [...args, '--dinisoft-port', String(dinisoft), '--mimsms-port', String(mimsms), '--control-port', String(control)], { stdio: 'ignore', detached: true })
  try {
    for (;;) {
      const answer = await fetchText(dinisoft, '/sendtext?apikey=demo-apikey&secretkey=demo-secretkey&callerID=DEMO&toUser=8801712345678&messageContent=Hi').catch(() => undefined)
      if (answer?.status === 200) return Math.round(performance.now() - started)
      if (performance.now() - started > 30_000) throw new Error(`${command} ${args.join(' ')} did not answer within 30 s`)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGKILL')
  }
}

async function startup(): Promise<Record<string, number | string>> {
  if (!existsSync('dist/cli.js')) return { note: 'dist/cli.js is missing: run npm run build' }
  const node: number[] = []
  const npm: number[] = []
  for (let i = 0; i < 5; i++) {
    node.push(await timeToFirst200(process.execPath, ['dist/cli.js', 'start']))
    npm.push(await timeToFirst200('npm', ['start', '--silent', '--']))
  }
  return { nodeDistMs: median(node), npmStartMs: median(npm) }
}

// --- memory and the indexed query ----------------------------------------------------------------------

/** Sends `count` messages through smsapimany (100 a request) as fast as the target takes them. */
async function fill(target: Target, count: number, offset: number): Promise<void> {
  const many = endpoints[3] as Endpoint
  await runLoad({ ...many.load, port: target.ports.mimsms as number, connections: 8, requests: Math.ceil(count / 100), offset, modulo: 899_999 - offset })
}

async function memory(): Promise<Record<string, unknown>> {
  const total = Number(values['memory-messages'])
  const target = await startTarget({ kind: 'emulator', maxMessages: 0, journalCapacity: 1 })
  const base = await target.ask('memory')
  await fill(target, 100_000, 100_000)
  const at100k = await target.ask('memory')
  await fill(target, total - 100_000, 200_000)
  const atTotal = await target.ask('memory')
  await fetchText(target.ports.control as number, '/api/clock/advance', { method: 'POST', body: '{"by":"10s"}' })
  const times: number[] = []
  for (let i = 0; i < 21; i++) times.push((await fetchText(target.ports.control as number, '/api/messages?status=delivered&limit=50')).ms)
  target.stop()
  const perMessage = (at: { rss: number; messages?: number }) => Math.round((at.rss - base.rss) / (at.messages ?? 1))
  return {
    note: 'RSS growth over an empty emulator (journal capacity 1), after a forced GC',
    rssPerMessageAt100k: perMessage(at100k),
    [`rssPerMessageAt${total / 1_000_000}M`]: perMessage(atTotal),
    messages: atTotal.messages,
    statusDeliveredLimit50Ms: round2(median(times.slice(1))),
  }
}

async function soak(): Promise<Record<string, unknown>> {
  const total = Number(values['soak-messages'])
  const target = await startTarget({ kind: 'emulator', journalCapacity: 1 })
  const samples: { messages: number; retained: number; rssMB: number; heapMB: number }[] = []
  const step = Math.max(100_000, Math.floor(total / 10))
  for (let sent = 0; sent < total; sent += step) {
    await fill(target, step, 100_000)
    const usage = await target.ask('memory')
    samples.push({ messages: sent + step, retained: usage.messages ?? 0, rssMB: Math.round(usage.rss / 1_048_576), heapMB: Math.round(usage.heapUsed / 1_048_576) })
    console.log(`soak: ${sent + step} sent, ${usage.messages} retained, RSS ${Math.round(usage.rss / 1_048_576)} MB, heap used ${Math.round(usage.heapUsed / 1_048_576)} MB`)
  }
  target.stop()
  return { samples }
}

// --- the run ---------------------------------------------------------------------------------------------

const loadBefore = uptime()
console.log(`load before: ${loadBefore}`)
const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, connections: CONNECTIONS, rounds: ROUNDS, secondsPerRun: SECONDS, uptimeBefore: loadBefore }
if (sections.has('throughput')) {
  const rows = await throughput()
  console.table(rows)
  results.throughput = rows
}
if (sections.has('startup')) {
  results.startup = await startup()
  console.log('start-up (spawn to first 200 on the DiniSoft port, median of 5):', results.startup)
}
if (sections.has('memory')) {
  results.memory = await memory()
  console.log('memory:', results.memory)
}
if (values.soak) results.soak = await soak()
if (sections.has('db')) {
  const folder = mkdtempSync(join(tmpdir(), 'sms-emulator-bench-'))
  try {
    const rows = await throughput(join(folder, 'bench.db'))
    console.table(rows)
    results.db = rows
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
results.uptimeAfter = uptime()
results.loadAverage = loadavg().map(round2)
console.log(`load after: ${results.uptimeAfter}`)
await writeFile(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`)
