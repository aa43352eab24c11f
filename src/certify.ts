// certify bound to this package's emulator: what the CLI and the vitest entry run their cells against.
import type { StartCellEmulator } from './contracts/kit/certify/run.js'
import { startEmulator } from './emulator/index.js'

/** A fresh emulator for one cell: free ports, real time (the consumer's timers are real), silent. */
export const startCellEmulator: StartCellEmulator = (options) => startEmulator({ ports: 0, clock: 'real', log: false, ...options })
