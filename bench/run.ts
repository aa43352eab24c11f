// `npm run bench`: throughput and latency under parallel load, memory per stored message, start-up time.
// Numbers vary by machine; compare runs on the same machine. Results also go to reports/bench.json.
import { mkdir, writeFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { startEmulator } from '../src/index.js'

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '64' },
    messages: { type: 'string', default: '50000' },
  },
})
const REQUESTS = Number(values.requests)
const CONCURRENCY = Number(values.concurrency)
const MESSAGES = Number(values.messages)

interface Result {
  readonly name: string
  readonly requests: number
  readonly perSecond: number
  readonly p50: number
  readonly p95: number
  readonly p99: number
  readonly failures: number
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

/** Runs `total` requests from `concurrency` parallel workers and measures each. */
async function load(name: string, total: number, request: (i: number) => Promise<Response>, ok: (body: string) => boolean): Promise<Result> {
  const latencies: number[] = []
  let next = 0
  let failures = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t = performance.now()
        const res = await request(i)
        const body = await res.text()
        latencies.push(performance.now() - t)
        if (!ok(body)) failures++
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const round = (n: number) => Math.round(n * 100) / 100
  return { name, requests: total, perSecond: Math.round(total / seconds), p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)), failures }
}

const number = (i: number) => `88017${String(10_000_000 + (i % 90_000_000)).padStart(8, '0')}`
const rich = { scenario: { accounts: { dinisoft: [{ key: 'demo-apikey', secret: 'demo-secretkey', name: 'demo', balance: 1e12 }], mimsms: [{ key: 'demo-api-key', secret: 'demo-password', name: 'demo', balance: 1e12 }] } } }

async function throughput(): Promise<Result[]> {
  const emu = await startEmulator({ ports: 0, log: false, ...rich })
  const dinisoft = emu.urls.dinisoft
  const mim = emu.urls.mimsms
  const results: Result[] = []
  results.push(
    await load(
      'DiniSoft sendtext (GET)',
      REQUESTS,
      (i) => fetch(`${dinisoft}/sendtext?apikey=demo-apikey&secretkey=demo-secretkey&callerID=DEMO&toUser=${number(i)}&messageContent=Your%20code%20is%20${i}`),
      (body) => body.includes('"Status":"0"'),
    ),
  )
  const ids = emu.messages({ provider: 'dinisoft' }).map((m) => m.submissionId)
  results.push(
    await load(
      'DiniSoft getstatus',
      REQUESTS,
      (i) => fetch(`${dinisoft}/getstatus?apikey=demo-apikey&secretkey=demo-secretkey&messageid=${ids[i % ids.length]}`),
      (body) => body.includes('"Status"'),
    ),
  )
  results.push(
    await load(
      'MiM smsapi (form POST)',
      REQUESTS,
      (i) =>
        fetch(`${mim}/smsapi`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `api_key=demo-api-key&type=text&contacts=${number(i)}&senderid=DEMO&msg=Order%20${i}%20shipped`,
        }),
      (body) => body.startsWith('SMS SUBMITTED'),
    ),
  )
  emu.clock.advance('10s')
  results.push(await load('MiM getDLR/getAll', Math.ceil(REQUESTS / 10), () => fetch(`${mim}/miscapi/demo-api-key/getDLR/getAll`), (body) => body.startsWith('<?xml')))
  await emu.close()
  return results
}

async function memory(): Promise<{ messages: number; bytesPerMessage: number; heapMB: number }> {
  const emu = await startEmulator({ ports: 0, log: false, journalCapacity: 1, ...rich })
  global.gc?.()
  const before = process.memoryUsage().heapUsed
  await load(
    'memory fill',
    MESSAGES,
    (i) => fetch(`${emu.urls.dinisoft}/sendtext?apikey=demo-apikey&secretkey=demo-secretkey&callerID=DEMO&toUser=${number(i)}&messageContent=Message%20number%20${i}`),
    () => true,
  )
  global.gc?.()
  const after = process.memoryUsage().heapUsed
  const stored = emu.state.store.size
  await emu.close()
  return { messages: stored, bytesPerMessage: Math.round((after - before) / stored), heapMB: Math.round(after / 1_048_576) }
}

async function startup(): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < 5; i++) {
    const t = performance.now()
    const emu = await startEmulator({ ports: 0, log: false })
    times.push(performance.now() - t)
    await emu.close()
  }
  return Math.round(Math.min(...times) * 10) / 10
}

// Memory first, on a fresh heap, so garbage of the load runs does not blur it.
const mem = await memory()
console.log(`memory: ${mem.messages} messages stored, ~${mem.bytesPerMessage} bytes each (heap ${mem.heapMB} MB)${global.gc ? '' : ' (run with --expose-gc for steadier numbers)'}`)
const results = await throughput()
console.table(results)
const startMs = await startup()
console.log(`start-up: ${startMs} ms to listen on three ports (best of 5)`)
await mkdir('reports', { recursive: true })
await writeFile('reports/bench.json', `${JSON.stringify({ date: new Date().toISOString(), node: process.version, concurrency: CONCURRENCY, results, memory: mem, startupMs: startMs }, null, 2)}\n`)
