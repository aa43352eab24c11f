// Tuned for the 2-core machine the suite must pass on in under a minute (CONTRIBUTING.md, "Tests").
import { relative } from 'node:path'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

// Files that spend most of their time waiting (child processes, a browser, real-time certify cells)
// start first, longest first, so the rest of the suite runs beside them instead of after them.
// Without this a clean clone (no vitest cache) starts the largest files first and ends on a browser.
const START_FIRST = [
  'test/browser/inbox.browser.test.ts',
  'test/certify/consumers.test.ts',
  'test/security/package-runtime.test.ts',
  'test/certify/cli.test.ts',
  'test/persist/crash.test.ts',
  'test/persist/shutdown.test.ts',
  'test/certify/rules.test.ts',
  'test/docs/certify-docs.test.ts',
  'test/examples/certify.test.ts',
  'test/scenarios/examples.test.ts',
  'test/docs/interception-docs.test.ts',
  'test/cli/smoke.test.ts',
]

class WaitingFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = START_FIRST.indexOf(relative(file.project.config.root, file.moduleId))
      return index === -1 ? START_FIRST.length : index
    }
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b))
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Once before everything: what the tests need from the machine that npm ci cannot install (chromium).
    globalSetup: ['test/global-setup.ts'],
    // Worker threads start faster than forked processes, and without isolation a worker loads the
    // emulator's modules once for all the files it runs instead of once per file (most of the suite's
    // time was that loading). Tests therefore keep no state in shared modules: helpers register what
    // they open with test/helpers/cleanup.ts, and every emulator is its own instance.
    pool: 'threads',
    isolate: false,
    // Vitest's default is one worker per core but one (here: 1). Two, one a core: a third one kept the
    // cores busier while the browser and real-process files waited, but it loads every module once more,
    // forks child processes from a bigger process and adds contention: 13 s more CPU for the whole run
    // (docs/decisions.md, "Suite time"). As many kept as started: tinypool ends a worker above the
    // minimum as soon as it idles, and its loaded modules with it.
    maxWorkers: 2,
    minWorkers: 2,
    sequence: { sequencer: WaitingFilesFirst },
    // A hang still fails, but a property test of a few hundred requests must not on a machine loaded
    // several times over (the landing queue runs beside other sessions' work).
    testTimeout: 60_000,
  },
})
