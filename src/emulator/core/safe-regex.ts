// Scenario rule regexes run on RE2 (re2js): linear time whatever the pattern, so no rule can freeze the process.
import { createRequire } from 'node:module'
import type * as Re2js from 're2js'

let engine: typeof Re2js.RE2JS | undefined

/**
 * re2js is ~260 KB of code that most runs never use: it loads with the first rule regex (when a
 * scenario is applied, never per request), not at every start. Its CommonJS build loads synchronously.
 */
function re2(): typeof Re2js.RE2JS {
  engine ??= (createRequire(import.meta.url)('re2js') as typeof Re2js).RE2JS
  return engine
}

export interface RuleRegex {
  test(value: string): boolean
}

/**
 * Compiles a rule's regular expression for a linear-time engine. Patterns that need backtracking
 * (lookaround, backreferences) are refused with the engine's reason: on a backtracking engine they can
 * take exponential time, and a rule runs on every request.
 */
export function compileRuleRegex(source: string): RuleRegex {
  try {
    return re2().compile(source)
  } catch (error) {
    const why = (error as Error).message.replace(/^error parsing regexp: /, '')
    throw new SyntaxError(
      `expected a regular expression in RE2 syntax (JavaScript's, less lookaround and backreferences, which can backtrack catastrophically): ${why}`,
      { cause: error },
    )
  }
}

/** Why `source` is refused as a rule regex, or `undefined` when it compiles. */
export function ruleRegexProblem(source: string): string | undefined {
  try {
    compileRuleRegex(source)
    return undefined
  } catch (error) {
    return (error as Error).message
  }
}
