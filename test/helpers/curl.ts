// Runs the curl commands of the docs against a test emulator, so the examples readers copy keep working.
import { readFile } from 'node:fs/promises'
import type { Emulator } from '../../src/index.js'

export interface CurlCommand {
  readonly line: string
  readonly method: string
  readonly url: string
  readonly headers: Record<string, string>
  readonly data?: string
  readonly stream: boolean
}

/** Splits a shell line into words, honouring single and double quotes (enough for our docs). */
function words(line: string): string[] {
  const out: string[] = []
  const pattern = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g
  for (const match of line.matchAll(pattern)) out.push(match[1] ?? (match[2] ?? match[3] ?? '').replace(/\\(.)/g, '$1'))
  return out
}

/** The `curl` commands of the ```sh blocks of a Markdown text, continuation lines joined. */
export function curlCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? '')
  return blocks
    .flatMap((block) => block.replace(/\\\n\s*/g, '').split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('curl '))
}

export async function parseCurl(line: string, root: URL): Promise<CurlCommand> {
  const args = words(line.split(' > ')[0] ?? line).slice(1)
  let method: string | undefined
  let url = ''
  let data: string | undefined
  let stream = false
  const headers: Record<string, string> = {}
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg === '-X') method = args[++i]
    else if (arg === '-H') {
      const [name, ...value] = (args[++i] ?? '').split(':')
      headers[(name ?? '').trim().toLowerCase()] = value.join(':').trim()
    } else if (arg === '-d' || arg === '--data') {
      const value = args[++i] ?? ''
      data = value.startsWith('@') ? await readFile(new URL(value.slice(1), root), 'utf8') : value
    } else if (arg === '-N') stream = true
    else if (arg.startsWith('-')) throw new Error(`The docs' curl runner does not know ${arg} (in: ${line})`)
    else url = arg
  }
  return { line, method: method ?? (data === undefined ? 'GET' : 'POST'), url, headers, ...(data === undefined ? {} : { data }), stream }
}

const DEFAULT_PORTS: Record<string, 'dinisoft' | 'mimsms' | 'control'> = { '7788': 'dinisoft', '7799': 'mimsms', '7780': 'control' }

/** Sends a parsed command to the emulator's ports instead of the default ones; answers status and body. */
export async function runCurl(emu: Emulator, command: CurlCommand): Promise<{ status: number; body: string }> {
  const url = command.url.replace(/^http:\/\/127\.0\.0\.1:(\d+)/, (whole, port: string) => {
    const service = DEFAULT_PORTS[port]
    return service ? emu.urls[service] : whole
  })
  const controller = new AbortController()
  const res = await fetch(url, {
    method: command.method,
    headers: command.headers,
    ...(command.data === undefined ? {} : { body: command.data }),
    signal: controller.signal,
  })
  if (command.stream) {
    controller.abort()
    return { status: res.status, body: '' }
  }
  return { status: res.status, body: await res.text() }
}
