// certify's results: the score per provider, a terminal table, JSON, JUnit, a self-contained HTML page, baselines.
import { escapeXml } from '../junit.js'
import { contractFor } from '../registry.js'
import { ruleCatalogue, type RuleStatus } from './rules.js'
import type { CellResult } from './run.js'

export interface RuleSummary {
  readonly id: string
  readonly title: string
  readonly fix: string
  /** Failed in some cell, passed in every cell it applies to, or applies to none. */
  readonly status: RuleStatus
  readonly passedCells: readonly string[]
  readonly failedCells: readonly string[]
}

export interface ProviderReport {
  readonly provider: string
  readonly title: string
  /** Rules passed / rules that apply: the provider's score. */
  readonly score: { readonly passed: number; readonly applicable: number; readonly percent: number }
  readonly rules: readonly RuleSummary[]
  readonly cells: readonly CellResult[]
}

/** A failure a baseline did not have: the rule failing in the cell now. */
export interface Regression {
  readonly provider: string
  readonly cell: string
  readonly rule: string
}

export interface CertifyReport {
  readonly format: 'sms-emulator-certify'
  readonly version: 1
  readonly startedAt: string
  readonly durationMs: number
  /** The consumer as run: the command and its arguments, or the name of an in-process function. */
  readonly consumer: readonly string[]
  readonly settings: { readonly timeoutMs: number; readonly minPollIntervalMs: number; readonly maxAttempts: number }
  readonly providers: readonly ProviderReport[]
  /** Present when compared with a baseline: the failures it did not have. */
  readonly regressions?: readonly Regression[]
  /** No rule failed (or, against a baseline, no regression). */
  readonly ok: boolean
}

/** The score and rule table of one provider's cells. */
export function summarise(provider: string, cells: readonly CellResult[]): ProviderReport {
  const rules = ruleCatalogue().map((rule): RuleSummary => {
    const passedCells: string[] = []
    const failedCells: string[] = []
    for (const cell of cells) {
      const verdict = cell.verdicts.find((candidate) => candidate.rule === rule.id)
      if (verdict?.status === 'passed') passedCells.push(cell.id)
      if (verdict?.status === 'failed') failedCells.push(cell.id)
    }
    const status: RuleStatus = failedCells.length > 0 ? 'failed' : passedCells.length > 0 ? 'passed' : 'not-applicable'
    return { ...rule, status, passedCells, failedCells }
  })
  const applicable = rules.filter((rule) => rule.status !== 'not-applicable').length
  const passed = rules.filter((rule) => rule.status === 'passed').length
  return {
    provider,
    title: contractFor(provider).title,
    score: { passed, applicable, percent: applicable === 0 ? 0 : Math.floor((passed / applicable) * 100) },
    rules,
    cells,
  }
}

/** Every (provider, cell, rule) that fails in `report`. */
export function failures(report: Pick<CertifyReport, 'providers'>): Regression[] {
  return report.providers.flatMap((provider) =>
    provider.cells.flatMap((cell) => cell.verdicts.filter((verdict) => verdict.status === 'failed').map((verdict) => ({ provider: provider.provider, cell: cell.id, rule: verdict.rule }))),
  )
}

/** The failures of `report` that `baseline` did not have. */
export function regressionsAgainst(report: Pick<CertifyReport, 'providers'>, baseline: Pick<CertifyReport, 'providers'>): Regression[] {
  const known = new Set(failures(baseline).map((failure) => `${failure.provider}\u0000${failure.cell}\u0000${failure.rule}`))
  return failures(report).filter((failure) => !known.has(`${failure.provider}\u0000${failure.cell}\u0000${failure.rule}`))
}

/** Reads a baseline: a JSON report of an earlier run. */
export function parseBaseline(text: string, source: string): Pick<CertifyReport, 'providers'> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new Error(`Failed to read the baseline ${source}: it is not JSON (${(error as Error).message})`, { cause: error })
  }
  const report = value as Partial<CertifyReport> | null
  if (!report || report.format !== 'sms-emulator-certify' || !Array.isArray(report.providers)) {
    throw new Error(`Failed to read the baseline ${source}: it is not a certify JSON report (write one with --json)`)
  }
  return { providers: report.providers }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`
}

function cellResultText(cell: CellResult): string {
  const failed = cell.verdicts.filter((verdict) => verdict.status === 'failed').map((verdict) => verdict.rule)
  return failed.length === 0 ? 'ok' : `FAIL ${failed.join(', ')}`
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? []
  return rows.map((row) => row.map((value, i) => (i === row.length - 1 ? value : value.padEnd(widths[i] ?? 0))).join('  ').trimEnd())
}

/** The terminal report: per provider, the cells, the rules, then each failure with its evidence and fix. */
export function formatCertification(report: CertifyReport): string {
  const lines: string[] = []
  for (const provider of report.providers) {
    const { score } = provider
    lines.push(`certify ${provider.provider} (${provider.title}): ${provider.cells.length} cells, ${score.passed}/${score.applicable} rules passed (${score.percent}%)`, '')
    lines.push(...table([['cell', 'exit', 'time', 'result'], ...provider.cells.map((cell) => [cell.id, cell.timedOut ? 'stopped' : String(cell.exitCode), seconds(cell.durationMs), cellResultText(cell)])]), '')
    lines.push(
      ...table([
        ['rule', 'result', 'cells'],
        ...provider.rules.map((rule) => [rule.id, rule.status === 'failed' ? 'FAILED' : rule.status, rule.status === 'failed' ? rule.failedCells.join(', ') : String(rule.passedCells.length)]),
      ]),
      '',
    )
    for (const cell of provider.cells) {
      for (const verdict of cell.verdicts) {
        if (verdict.status !== 'failed') continue
        lines.push(`${provider.provider} ${cell.id}: ${verdict.rule}: ${verdict.message ?? 'failed'}`)
        for (const line of (verdict.evidence ?? []).slice(0, 6)) lines.push(`    ${line}`)
        if ((verdict.evidence?.length ?? 0) > 6) lines.push(`    ... ${(verdict.evidence?.length ?? 0) - 6} more`)
        if (verdict.fix) lines.push(`  fix: ${verdict.fix}`)
        lines.push('')
      }
    }
  }
  if (report.regressions) {
    lines.push(report.regressions.length === 0 ? 'No regression against the baseline.' : `${report.regressions.length} regression${report.regressions.length === 1 ? '' : 's'} against the baseline:`)
    for (const regression of report.regressions) lines.push(`  ${regression.provider} ${regression.cell}: ${regression.rule}`)
  }
  return lines.join('\n').trimEnd()
}

function attributes(values: Readonly<Record<string, string | number>>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('')
}

/** JUnit XML: a `<testsuite>` per provider, a `<testcase>` per cell, failing with each broken rule's evidence and fix. */
export function certifyJUnit(report: CertifyReport): string {
  const suites = report.providers.map((provider) => {
    const failed = provider.cells.filter((cell) => !cell.ok).length
    const cases = provider.cells.map((cell) => {
      const open = `    <testcase${attributes({ classname: `certify.${provider.provider}`, name: `${cell.id}: ${cell.title}`, time: (cell.durationMs / 1000).toFixed(3) })}`
      const broken = cell.verdicts.filter((verdict) => verdict.status === 'failed')
      const out = cell.output ? `\n      <system-out>${escapeXml(cell.output)}</system-out>` : ''
      if (broken.length === 0) return out ? `${open}>${out}\n    </testcase>` : `${open}/>`
      const text = broken.map((verdict) => [`${verdict.rule}: ${verdict.message ?? ''}`, ...(verdict.evidence ?? []).map((line) => `  ${line}`), `  fix: ${verdict.fix ?? ''}`].join('\n')).join('\n\n')
      return `${open}>\n      <failure${attributes({ message: broken.map((verdict) => verdict.rule).join(', '), type: broken[0]?.rule ?? 'rule' })}>${escapeXml(text)}</failure>${out}\n    </testcase>`
    })
    const properties = [
      ['score', `${provider.score.passed}/${provider.score.applicable}`],
      ['score.percent', String(provider.score.percent)],
    ]
      .map(([name, value]) => `      <property${attributes({ name: name ?? '', value: value ?? '' })}/>`)
      .join('\n')
    const head = attributes({
      name: `certify ${provider.provider}`,
      tests: provider.cells.length,
      failures: failed,
      errors: 0,
      skipped: 0,
      time: (provider.cells.reduce((sum, cell) => sum + cell.durationMs, 0) / 1000).toFixed(3),
      timestamp: report.startedAt.replace(/\.\d+Z$/, ''),
    })
    return `  <testsuite${head}>\n    <properties>\n${properties}\n    </properties>\n${cases.join('\n')}\n  </testsuite>`
  })
  const total = (pick: (provider: ProviderReport) => number) => report.providers.reduce((sum, provider) => sum + pick(provider), 0)
  const head = attributes({
    name: 'sms-emulator certify',
    tests: total((provider) => provider.cells.length),
    failures: total((provider) => provider.cells.filter((cell) => !cell.ok).length),
    errors: 0,
    time: (report.durationMs / 1000).toFixed(3),
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${head}>\n${suites.join('\n')}\n</testsuites>\n`
}

function html(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char)
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}th{background:#f5f5f7}
.passed{color:#1a7f37}.failed{color:#cf222e;font-weight:600}.na{color:#888}.score{font-size:1.1rem}
pre{background:#f6f8fa;padding:.5rem;overflow-x:auto;white-space:pre-wrap;font-size:12px;margin:.25rem 0}
details{margin:.25rem 0}summary{cursor:pointer}`

/** A self-contained HTML page (no script, no external resource): scores, rules, cells, evidence. */
export function certifyHtml(report: CertifyReport): string {
  const sections = report.providers.map((provider) => {
    const ruleRows = provider.rules
      .map((rule) => {
        const css = rule.status === 'failed' ? 'failed' : rule.status === 'passed' ? 'passed' : 'na'
        const cells = rule.status === 'failed' ? rule.failedCells.join(', ') : `${rule.passedCells.length} cells`
        return `<tr><td><code>${html(rule.id)}</code></td><td>${html(rule.title)}</td><td class="${css}">${html(rule.status)}</td><td>${html(cells)}</td></tr>`
      })
      .join('\n')
    const cellRows = provider.cells
      .map((cell) => {
        const broken = cell.verdicts.filter((verdict) => verdict.status === 'failed')
        const details = broken
          .map(
            (verdict) =>
              `<details><summary class="failed">${html(verdict.rule)}: ${html(verdict.message ?? '')}</summary><pre>${html((verdict.evidence ?? []).join('\n'))}</pre><p>Fix: ${html(verdict.fix ?? '')}</p></details>`,
          )
          .join('')
        const output = cell.output ? `<details><summary>output</summary><pre>${html(cell.output)}</pre></details>` : ''
        return `<tr><td><code>${html(cell.id)}</code></td><td>${html(cell.title)}</td><td>${cell.timedOut ? 'stopped' : html(String(cell.exitCode))}</td><td>${seconds(cell.durationMs)}</td><td class="${cell.ok ? 'passed' : 'failed'}">${cell.ok ? 'ok' : 'failed'}${details}${output}</td></tr>`
      })
      .join('\n')
    return `<section id="${html(provider.provider)}"><h2>${html(provider.title)} (<code>${html(provider.provider)}</code>)</h2>
<p class="score">Score: <strong>${provider.score.passed}/${provider.score.applicable}</strong> rules passed (${provider.score.percent}%) over ${provider.cells.length} cells.</p>
<table><thead><tr><th>rule</th><th>what it asks</th><th>result</th><th>cells</th></tr></thead><tbody>
${ruleRows}
</tbody></table>
<table><thead><tr><th>cell</th><th>situation</th><th>exit</th><th>time</th><th>result</th></tr></thead><tbody>
${cellRows}
</tbody></table></section>`
  })
  const regressions = report.regressions
    ? `<h2>Against the baseline</h2><p>${report.regressions.length === 0 ? 'No regression.' : `${report.regressions.length} regression(s):`}</p><ul>${report.regressions.map((regression) => `<li>${html(`${regression.provider} ${regression.cell}: ${regression.rule}`)}</li>`).join('')}</ul>`
    : ''
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>sms-emulator certify: ${html(report.providers.map((provider) => `${provider.provider} ${provider.score.percent}%`).join(', '))}</title>
<style>${STYLE}</style></head><body>
<h1>sms-emulator certify</h1>
<p>Consumer: <code>${html(report.consumer.join(' '))}</code>. Run ${html(report.startedAt)} in ${seconds(report.durationMs)}; each cell ${seconds(report.settings.timeoutMs)} at most.</p>
${sections.join('\n')}
${regressions}
</body></html>
`
}
