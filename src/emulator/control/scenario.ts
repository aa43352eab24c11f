// Control API: the running scenario: read it, replace it, go back to the start, add rules in front.
import type { Context } from 'hono'
import { z } from 'zod'
import { loadOptionsSchemas } from '../core/provider-facts.js'
import { parseRules, parseScenario, ScenarioError } from '../core/scenario.js'
import type { EmulatorState } from '../core/state.js'
import { invalid, parseBody, readJson } from './problem.js'

/** The providers, with their options schemas loaded (an emulator loads them on first need). */
async function validatingProviders(state: EmulatorState) {
  const providers = [...state.providers.values()]
  await loadOptionsSchemas(providers)
  return providers
}

function scenarioJson(state: EmulatorState) {
  return { scenario: state.scenario.current, rules: state.scenario.describe() }
}

export function getScenario(c: Context, state: EmulatorState): Response {
  return c.json(scenarioJson(state))
}

/** Runs another scenario from now on; messages, journal, balances and counters start afresh. */
export async function replaceScenario(c: Context, state: EmulatorState): Promise<Response> {
  const body = await readJson(c)
  const providers = await validatingProviders(state)
  try {
    state.replaceScenario(parseScenario(body, providers, 'the scenario'))
  } catch (error) {
    if (error instanceof ScenarioError) throw invalid(error, 'body', 'scenario')
    throw error
  }
  return c.json(scenarioJson(state))
}

const resetBody = z.object({ to: z.enum(['initial', 'default']).default('initial') }).strict()

/** Back to the scenario the emulator started with (`initial`), or to the built-in one (`default`). */
export async function resetScenario(c: Context, state: EmulatorState): Promise<Response> {
  const { to } = await parseBody(c, resetBody)
  state.replaceScenario(to === 'initial' ? state.initialScenario : parseScenario({}, await validatingProviders(state), 'the default scenario'))
  return c.json(scenarioJson(state))
}

/** Puts rules in front of the scenario's (first match wins) until the next reset, like MSW's `use()`. */
export async function useRules(c: Context, state: EmulatorState): Promise<Response> {
  const body = await readJson(c)
  const providers = await validatingProviders(state)
  try {
    state.scenario.use(parseRules(Array.isArray(body) ? body : [body], providers))
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error
    // One rule sent alone: its problems are at its own fields, not at "[0]".
    const issues = Array.isArray(body) ? error.issues : error.issues.map((issue) => ({ ...issue, path: issue.path.replace(/^\$\[0\]/, '$') }))
    throw invalid(new ScenarioError(error.message, issues), 'body', 'rules')
  }
  return c.json(scenarioJson(state), 201)
}
