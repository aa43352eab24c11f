// certify bound to this package's emulator: what the CLI and the vitest entry run their cells against.
import type { StartCellEmulator } from './contracts/kit/certify/run.js'
import { realmOf } from './emulator/core/provider.js'
import { startEmulator } from './emulator/index.js'
import { providers } from './emulator/server.js'

/** A fresh emulator for one cell: free ports, real time (the consumer's timers are real), silent. */
export const startCellEmulator: StartCellEmulator = async ({ provider, name, account, rules, dlr, journalCapacity, dataDir }) => {
  const definition = providers.find((candidate) => candidate.name === provider)
  if (!definition) throw new Error(`Failed to certify: the emulator has no provider "${provider}"`)
  // An API that shares another's accounts and messages (MiM's JSON API and its panel) keeps them there.
  const realm = realmOf(definition)
  const emu = await startEmulator({ ports: 0, clock: 'real', log: false, journalCapacity, dataDir, scenario: { version: 1, name, dlr, accounts: { [realm]: [account] }, rules } })
  return {
    urls: emu.urls,
    journal: (filter) => emu.journal(filter),
    messages: (filter) => emu.messages({ ...filter, provider: realm }),
    caCertificate: () => emu.caCertificate(),
    // The consumer has ended: what it left in flight (a hung request, a ghost accept's late answer) is
    // cut at once, not given the graceful close's 5 s (those requests still land in the journal).
    close: () => emu.close({ graceMs: 0 }),
  }
}
