// The code blocks of the docs (README.md, CONTRIBUTING.md, docs/*.md) and which test runs each one.
// Every doc test takes its blocks from `blocksRunBy`, and test/docs/coverage.test.ts fails when a
// shell or TypeScript block is run by no test: a new example needs a runner here, or a line kind an
// existing runner knows. Only `text` blocks (output) and data blocks (`json`, `xml`) are left alone.
import { readdirSync, readFileSync } from 'node:fs'

export const root = new URL('../../', import.meta.url)

export interface CodeBlock {
  /** The Markdown file, relative to the repository root. */
  readonly file: string
  /** 1-based line of the opening fence. */
  readonly line: number
  readonly lang: string
  /** The HTML comment on the line right above the fence, if any (`<!-- client-example: ... -->`). */
  readonly marker?: string
  readonly text: string
}

/** The Markdown files whose code blocks must run: the README, CONTRIBUTING.md and every docs/*.md. */
export function docFiles(): string[] {
  const docs = readdirSync(new URL('docs/', root)).filter((name) => name.endsWith('.md'))
  return ['README.md', 'CONTRIBUTING.md', ...docs.sort().map((name) => `docs/${name}`)]
}

export const readDoc = (file: string): string => readFileSync(new URL(file, root), 'utf8')

/** The fenced code blocks of a Markdown file, in order. */
export function codeBlocks(file: string): CodeBlock[] {
  const lines = readDoc(file).split('\n')
  const found: CodeBlock[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i] ?? '')
    if (!open) continue
    const close = lines.findIndex((line, j) => j > i && /^```\s*$/.test(line))
    if (close === -1) throw new Error(`${file}:${i + 1}: a code block is never closed`)
    const above = /^<!--\s*(.*?)\s*-->$/.exec(lines[i - 1]?.trim() ?? '')
    found.push({ file, line: i + 1, lang: open[1] ?? '', ...(above ? { marker: above[1] } : {}), text: lines.slice(i + 1, close).join('\n') })
    i = close
  }
  return found
}

/** Languages whose blocks must be run; `text` marks output, `json` and `xml` data. */
export const RUNNABLE = ['sh', 'ts'] as const
export const NOT_RUN = ['text', 'json', 'xml'] as const

/** The command lines of a shell block: continuation lines joined, comments and `# => answer` lines left out. */
export function commandLines(block: CodeBlock): string[] {
  return block.text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

/** A shell block every command line of which `kind` recognises. */
const shellOf =
  (kind: (line: string) => boolean) =>
  (block: CodeBlock): boolean =>
    block.lang === 'sh' && commandLines(block).length > 0 && commandLines(block).every(kind)

/** `curl ...`, `NAME=$(curl ... | sed ...)` and the `sleep N` a reader waits between them. */
export const isCurlSessionLine = (line: string): boolean => /^curl\s/.test(line) || /^[A-Z_]+=\$\(curl\s.*\)$/.test(line) || /^sleep \d+\s*(#.*)?$/.test(line)
const isSmsEmulator = (line: string) => /^npx sms-emulator\s/.test(line)
/** `npm install`, `npm start`, `npm test`, `npm run X`, `npx vitest run ...`. */
export const isProjectCommand = (line: string): boolean => /^npm (install|ci|start|test|run \S+)(\s|$)/.test(line) || /^npx vitest run\b/.test(line)
/** `[sudo] sms-emulator start ...` or `npx sms-emulator start ...`, with `VAR=value` in front. */
export const isStartCommand = (line: string): boolean => /^([A-Z_]+=\S+\s+)*(npx\s+)?sms-emulator start(\s|$)/.test(line)
export const isDockerCommand = (line: string): boolean => /^docker (build|run)\s/.test(line)

/** The TypeScript blocks that are copies of a test/examples file (the suite runs that file). */
export const EXAMPLE_IMPORTS: Readonly<Record<string, string>> = {
  "'../../src/index.js'": "'sms-provider-emulator'",
  "'../../src/client/index.js'": "'sms-provider-emulator/client'",
  "'../../src/vitest.js'": "'sms-provider-emulator/vitest'",
  "'../../src/contracts/kit/vitest.js'": "'sms-provider-emulator/vitest'",
}

/** A test/examples file as a reader sees it: imported from the package rather than from the sources. */
export function publishedExample(name: string): string {
  let text = readFileSync(new URL(`test/examples/${name}`, root), 'utf8')
  for (const [source, published] of Object.entries(EXAMPLE_IMPORTS)) text = text.replaceAll(source, published)
  return text
}

const exampleFiles = () => readdirSync(new URL('test/examples/', root)).filter((name) => name.endsWith('.test.ts'))

/** The test/examples file a block is a copy of, if any. */
export function exampleOf(block: CodeBlock): string | undefined {
  if (block.lang !== 'ts') return undefined
  return exampleFiles().find((name) => `${publishedExample(name).trimEnd()}` === block.text.trimEnd())
}

export interface Runner {
  /** The test file that runs the blocks. */
  readonly test: string
  /** How it runs them, for whoever adds a block. */
  readonly how: string
  readonly takes: (block: CodeBlock) => boolean
}

/** The files whose curl blocks are sent, one session per file, to an emulator as a reader would. */
export const CURL_SESSION_FILES = ['README.md', 'docs/dinisoft.md', 'docs/mimsms.md', 'docs/mimsms-json.md', 'docs/scenarios.md'] as const

export const runners: Readonly<Record<string, Runner>> = {
  curlSession: {
    test: 'test/docs/readme.test.ts',
    how: 'each curl is sent in order to one emulator per file; a `# => answer` line must match in shape',
    takes: (block) => (CURL_SESSION_FILES as readonly string[]).includes(block.file) && shellOf(isCurlSessionLine)(block),
  },
  controlApiCurl: {
    test: 'test/scenarios/readme.test.ts',
    how: 'each curl of the control API reference succeeds against one emulator',
    takes: (block) => block.file === 'docs/control-api.md' && shellOf((line) => line.startsWith('curl '))(block),
  },
  interception: {
    test: 'test/docs/interception-docs.test.ts',
    how: 'each line runs in a real shell (curl, node) or in process (`sms-emulator ca`); `# =>` answers match in shape',
    takes: (block) => block.file === 'docs/interception.md' && shellOf((line) => !isDockerCommand(line))(block),
  },
  kit: {
    test: 'test/docs/kit-readme.test.ts',
    how: 'in order against one emulator: `npx sms-emulator` lines run in process with the exit code their comment states, curl lines are sent',
    takes: (block) => block.file === 'docs/kit.md' && shellOf((line) => isSmsEmulator(line) || /^curl\s/.test(line) || /^export [A-Z_]+=/.test(line))(block),
  },
  certify: {
    test: 'test/docs/certify-docs.test.ts',
    how: 'each `npx sms-emulator certify` line runs in process with the exit code its comment states',
    takes: (block) => block.file === 'docs/certify.md' && shellOf((line) => /^npx sms-emulator certify\s/.test(line))(block),
  },
  commands: {
    test: 'test/docs/commands.test.ts',
    how: '`npm` scripts and vitest paths exist; `sms-emulator start` lines start (free ports) and stop; docker lines use the image\'s ports, variables and commands',
    takes: shellOf((line) => isProjectCommand(line) || isStartCommand(line) || isDockerCommand(line)),
  },
  examples: {
    test: 'test/docs/examples.test.ts',
    how: 'the block is a copy of a test/examples/*.test.ts file, which the suite runs',
    takes: (block) => exampleOf(block) !== undefined,
  },
  scenarioExample: {
    test: 'test/scenarios/readme.test.ts',
    how: 'run as a module against the sources; it must print what its `// ` comments say',
    takes: (block) => block.lang === 'ts' && block.marker?.startsWith('scenario-example') === true,
  },
  clientExample: {
    test: 'test/client/readme.test.ts',
    how: 'run as a module against the sources; it must print what its comments say',
    takes: (block) => block.lang === 'ts' && block.marker?.startsWith('client-example') === true,
  },
}

/** The blocks a runner runs, in reading order: files in the order given (default: every doc file). */
export function blocksRunBy(runner: keyof typeof runners, files: readonly string[] = docFiles()): CodeBlock[] {
  const { takes } = runners[runner] as Runner
  return files.flatMap((file) => codeBlocks(file).filter(takes))
}
