// The controls: the clock, accounts and balances, the scenario, and a reset: all through the control API.
import type { Context } from 'hono'
import type { EmulatorState } from '../../core/state.js'
import { fixtureNames } from '../fixtures.js'
import { maskSecret } from '../../../contracts/secrets.js'
import { dhaka } from './format.js'
import { ClockSwitches, Layout } from './layout.js'

/** `2026-01-15T10:00` in Dhaka time, as a datetime-local field holds it. */
const dhakaLocal = (ms: number) => new Date(ms + 6 * 3_600_000).toISOString().slice(0, 16)

export async function controlsPage(c: Context, state: EmulatorState): Promise<Response> {
  const fixtures = await fixtureNames()
  const { now, mode } = state.clock.snapshot()
  const scenario = state.scenario.current
  const titles = new Map([...state.providers.values()].map((provider) => [provider.name, provider.title]))
  return c.html(
    <Layout state={state} title="Controls · SMS emulator" view="controls">
      <h1>Controls</h1>
      <section class="panel" aria-labelledby="clock-title">
        <h2 id="clock-title">Clock</h2>
        <p data-live="controls-clock">
          {dhaka(now)} Dhaka, {mode === 'real' ? 'running' : 'frozen: it moves only when moved'}.
        </p>
        <div class="actions">
          {['1s', '10s', '1m', '10m', '1h', '1d'].map((by) => (
            <button type="button" data-url="/api/clock/advance" data-body={JSON.stringify({ by })} data-done={`Clock moved ${by} on.`}>
              +{by}
            </button>
          ))}
          <ClockSwitches />
        </div>
        <form class="actions" data-url="/api/clock/set" data-done="Clock set.">
          <label for="clock-to">Jump to (Dhaka time, never back)</label>
          <input id="clock-to" name="to" type="datetime-local" step="1" required data-type="dhaka" value={dhakaLocal(now)} />
          <button type="submit">Set clock</button>
        </form>
      </section>
      <section class="panel" aria-labelledby="accounts-title">
        <h2 id="accounts-title">Accounts</h2>
        <div data-live="accounts">
          <table class="wide">
            <caption class="sr">Accounts and balances</caption>
            <thead>
              <tr>
                <th scope="col">Provider</th>
                <th scope="col">Name</th>
                <th scope="col">API key</th>
                <th scope="col">Balance</th>
                <th scope="col">Top up</th>
              </tr>
            </thead>
            <tbody>
              {state.accounts.list().map((account, i) => (
                <tr>
                  <td>{titles.get(account.provider) ?? account.provider}</td>
                  <td>{account.name}</td>
                  <td>
                    <code>{maskSecret(account.key)}</code>
                  </td>
                  <td>{account.balance}</td>
                  <td>
                    <form
                      class="actions"
                      data-url={`/api/accounts/${encodeURIComponent(account.provider)}/${encodeURIComponent(account.name)}/top-up`}
                      data-done={`Topped up ${account.name}.`}
                    >
                      <label class="sr" for={`credits-${i}`}>
                        Credits to add to {account.name} ({account.provider})
                      </label>
                      <input id={`credits-${i}`} name="credits" type="number" min="1" step="any" value="100" required data-type="number" size={6} />
                      <button type="submit">Top up</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="panel" aria-labelledby="scenario-title">
        <h2 id="scenario-title">Scenario</h2>
        <p data-live="scenario">
          Running: <b>{scenario.name ?? 'the default scenario'}</b>. Switching resets messages, journal and balances.
        </p>
        <form class="actions" data-url="/api/scenario" data-method="PUT" data-kind="fixture" data-done="Scenario switched.">
          <label for="fixture">Scenario from fixtures/scenarios</label>
          <select id="fixture" name="fixture">
            {fixtures.map((fixture) => (
              <option value={fixture.name} selected={fixture.name === scenario.name}>
                {fixture.name}
              </option>
            ))}
          </select>
          <button type="submit">Switch</button>
        </form>
        <form class="actions" data-url="/api/scenario" data-method="PUT" data-kind="upload" data-done="Scenario uploaded and running.">
          <label for="scenario-file">Or a scenario file</label>
          <input id="scenario-file" name="file" type="file" accept=".json,application/json" />
          <button type="submit">Upload and run</button>
        </form>
        <div class="actions">
          <button type="button" data-url="/api/scenario/reset" data-body={JSON.stringify({ to: 'initial' })} data-done="Back to the scenario the emulator started with.">
            Back to the starting scenario
          </button>
          <button type="button" data-url="/api/scenario/reset" data-body={JSON.stringify({ to: 'default' })} data-done="Default scenario running.">
            Default scenario
          </button>
        </div>
      </section>
      <section class="panel" aria-labelledby="reset-title">
        <h2 id="reset-title">Reset</h2>
        <p>Deletes every message and the journal, and puts balances and counters back to the scenario's start.</p>
        <button type="button" class="danger" data-method="DELETE" data-url="/api/messages" data-confirm="Delete every message and reset balances?" data-done="Reset.">
          Reset everything
        </button>
      </section>
    </Layout>,
  )
}
