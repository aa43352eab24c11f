// certify: drives a consumer through every situation the contracts describe and grades what it does.
import { contractFor, providerNames } from '../registry.js'
import { cellsFor, checkSelection } from './matrix.js'
import { type CertifyReport, regressionsAgainst, summarise } from './report.js'
import { type CertifyOptions, DEFAULT_CELL_TIMEOUT_MS, DEFAULT_CERTIFY_MIN_POLL_MS, DEFAULT_MAX_ATTEMPTS, runProviders } from './run.js'

export { type Cell, type CellKind, cellsFor, checkSelection, type Expectation, selectCells } from './matrix.js'
export { type Exchange, type Observation } from './evidence.js'
export { certifyRules, gradeCell, ruleCatalogue, type RuleStatus, type RuleVerdict } from './rules.js'
export { commandConsumer, type Consumer, type ConsumerRun, functionConsumer, type InProcessContext } from './consumers.js'
export { type CellProxy, checkTemplates, consumerEnv, NO_PROXY, runFolder, TEMPLATE_NAMES } from './environment.js'
export {
  type CertifyOptions,
  type CellResult,
  DEFAULT_CELL_TIMEOUT_MS,
  DEFAULT_CERTIFY_MIN_POLL_MS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RECIPIENT,
  runCell,
  runCertification,
  runProviders,
} from './run.js'
export {
  type CertifyReport,
  certifyHtml,
  certifyJUnit,
  failures,
  formatCertification,
  parseBaseline,
  type ProviderReport,
  type Regression,
  regressionsAgainst,
  type RuleSummary,
  summarise,
} from './report.js'

export interface CertifyRunOptions extends Omit<CertifyOptions, 'provider'> {
  /** The providers to certify against (default: every provider). */
  readonly providers?: readonly string[]
  /** How the report names the consumer: the command line, or a function's name. */
  readonly consumerName: readonly string[]
  /** An earlier report: only failures it did not have make the run fail. */
  readonly baseline?: Pick<CertifyReport, 'providers'>
}

/** Runs the consumer through each provider's matrix (every provider's cells in one pool) and reports. */
export async function certify(options: CertifyRunOptions): Promise<CertifyReport> {
  const started = new Date()
  const t0 = performance.now()
  const names = options.providers ?? providerNames
  checkSelection(names.map((name) => cellsFor(contractFor(name))), options.cells ?? [])
  const results = await runProviders(names, options)
  const providers = names.map((provider, index) => summarise(provider, results[index] ?? []))
  const report = {
    format: 'sms-emulator-certify',
    version: 1,
    startedAt: started.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    consumer: options.consumerName,
    settings: {
      timeoutMs: options.timeoutMs ?? DEFAULT_CELL_TIMEOUT_MS,
      minPollIntervalMs: options.minPollIntervalMs ?? DEFAULT_CERTIFY_MIN_POLL_MS,
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    },
    providers,
  } as const
  if (options.baseline) {
    const regressions = regressionsAgainst(report, options.baseline)
    return { ...report, regressions, ok: regressions.length === 0 }
  }
  return { ...report, ok: providers.every((provider) => provider.rules.every((rule) => rule.status !== 'failed')) }
}
