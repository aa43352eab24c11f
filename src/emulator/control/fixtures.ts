// Control API: the scenario files shipped in fixtures/scenarios, to list and load (the page switches with them).
import { access, readdir, readFile } from 'node:fs/promises'
import type { Context } from 'hono'
import { notFound } from './problem.js'

let fixturesFolder: Promise<URL> | undefined

/**
 * The package's fixtures/scenarios: the nearest one above this module, which sits at different depths
 * below the package root in src/, dist/ and the command's bundle (dist/chunks/).
 */
function fixtures(): Promise<URL> {
  fixturesFolder ??= (async () => {
    for (let folder = new URL('./', import.meta.url); ; folder = new URL('../', folder)) {
      const candidate = new URL('fixtures/scenarios/', folder)
      const found = await access(candidate).then(() => true, () => false)
      if (found || folder.pathname === '/') return candidate
    }
  })()
  return fixturesFolder
}
const NAME = /^[a-z0-9][a-z0-9-]*$/

export interface FixtureSummary {
  readonly name: string
  readonly description: string
}

export async function fixtureNames(): Promise<FixtureSummary[]> {
  let files: string[]
  try {
    files = await readdir(await fixtures())
  } catch {
    return []
  }
  const names = files.filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -5)).filter((name) => NAME.test(name)).sort()
  return Promise.all(
    names.map(async (name) => {
      const scenario = JSON.parse(await readFile(new URL(`${name}.json`, await fixtures()), 'utf8')) as { description?: unknown }
      return { name, description: typeof scenario.description === 'string' ? scenario.description : '' }
    }),
  )
}

export async function listFixtures(c: Context): Promise<Response> {
  return c.json({ scenarios: await fixtureNames() })
}

/** One fixture as it is on disk: PUT it to /api/scenario to run it. */
export async function getFixture(c: Context): Promise<Response> {
  const name = c.req.param('name') ?? ''
  const known = NAME.test(name) ? (await fixtureNames()).some((fixture) => fixture.name === name) : false
  if (!known) throw notFound(`No scenario file "${name}" in fixtures/scenarios; list them with GET /api/scenarios.`)
  return c.body(await readFile(new URL(`${name}.json`, await fixtures()), 'utf8'), 200, { 'content-type': 'application/json' })
}
