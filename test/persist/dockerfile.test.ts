// No Docker engine runs here: the image's recipe is read instead, for what --db needs from it.
import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'

const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8')
const [build = '', runtime = ''] = dockerfile.split(/^FROM /m).slice(1)

test('the build stage can build the native SQLite module and the runtime stage takes it as built', () => {
  expect(build).toMatch(/apt-get install[^\n]*python3[^\n]*make[^\n]*g\+\+/)
  expect(build).toMatch(/npm rebuild better-sqlite3/)
  expect(build).toMatch(/npm prune --omit=dev/)
  expect(runtime).toMatch(/COPY --from=build \/app\/node_modules \.\/node_modules/)
  expect(runtime).not.toMatch(/npm (ci|install)/)
})

test('a volume on /data is writable by the user the emulator runs as, and signals reach the emulator', () => {
  expect(runtime).toMatch(/chown node:node \/data/)
  expect(runtime).toMatch(/^USER node$/m)
  expect(runtime).toMatch(/^ENTRYPOINT \["sms-emulator"\]$/m)
})
