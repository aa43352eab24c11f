// What a test opened and must close after it: emulators, running commands. test/setup.ts closes them
// after each test. Helpers register here instead of calling afterEach themselves: test files share
// helper modules (vitest runs without isolation, see vitest.config.ts), and a hook registered at a
// module's import would attach to the first file that imported it only.
const pending = new Set<() => Promise<unknown>>()

export function closeAfterTest(close: () => Promise<unknown>): void {
  pending.add(close)
}

export async function closeAll(): Promise<void> {
  const closing = [...pending]
  pending.clear()
  await Promise.all(closing.map((close) => close()))
}
