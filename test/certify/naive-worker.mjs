// The naive consumer's certification in a worker thread of its own (consumers.test.ts): its dozen cells
// poll every 100 ms, and beside the reference consumer's cells in one thread they would starve those
// cells' timers on a loaded machine. A worker runs plain JavaScript, so it certifies with the build
// (dist/, rebuilt from src/ before the suite by test/global-setup.ts).
import { parentPort, workerData } from 'node:worker_threads'
import { startCellEmulator } from '../../dist/certify.js'
import { functionConsumer, runProviders } from '../../dist/contracts/kit/certify/index.js'
import { main } from '../../fixtures/consumers/naive.mjs'

const { providers, ...options } = workerData
const consumer = functionConsumer(({ env, signal, log }) => main(env, { signal, log }))
parentPort?.postMessage(await runProviders(providers, { ...options, consumer, startEmulator: startCellEmulator }))
