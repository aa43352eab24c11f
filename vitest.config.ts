// Tuned for the 2-core machine the suite must pass on in under a minute (CONTRIBUTING.md, "Tests").
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Worker threads start faster than forked processes, and without isolation a worker loads the
    // emulator's modules once for all the files it runs instead of once per file (most of the suite's
    // time was that loading). Tests therefore keep no state in shared modules: helpers register what
    // they open with test/helpers/cleanup.ts, and every emulator is its own instance.
    pool: 'threads',
    isolate: false,
    testTimeout: 15_000,
  },
})
