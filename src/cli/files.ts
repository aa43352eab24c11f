// Files the commands write (reports, documents): their folders are made first, before any check runs,
// so a CI job asking for reports/x.xml neither fails after the checks nor sends SMS for nothing.
import { access, constants, mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'

/** Makes the folder of each path and checks it is writable; throws a usage error naming the flag. */
export async function prepareOutputs(outputs: Readonly<Record<string, string | undefined>>): Promise<void> {
  for (const [flag, path] of Object.entries(outputs)) {
    if (path === undefined) continue
    const folder = dirname(resolve(path))
    try {
      await mkdir(folder, { recursive: true })
      await access(folder, constants.W_OK)
    } catch (error) {
      throw new Error(`--${flag} ${path}: cannot write to ${folder} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error })
    }
  }
}

export async function writeOutput(path: string, text: string): Promise<void> {
  await mkdir(dirname(resolve(path)), { recursive: true })
  await writeFile(path, text)
}

/** A report as JSON text: what `--json` writes. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

/**
 * The report files a command was asked for (`{ json: values.json, junit: values.junit }`): their
 * folders are checked now, before any work; the function returned writes each asked-for one, rendering
 * only those.
 */
export async function reportFiles<Format extends string>(paths: Readonly<Record<Format, string | undefined>>): Promise<(render: Readonly<Record<Format, () => string>>) => Promise<void>> {
  await prepareOutputs(paths)
  return async (render) => {
    for (const [format, path] of Object.entries(paths) as [Format, string | undefined][]) {
      if (path !== undefined) await writeOutput(path, render[format]())
    }
  }
}
