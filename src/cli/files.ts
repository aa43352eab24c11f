// Files the commands write (reports, documents): their folders are made first, before any check runs,
// so a CI job asking for reports/x.xml neither fails after the checks nor sends SMS for nothing.
import { randomUUID } from 'node:crypto'
import { open, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { folderProblem, makeFolder } from '../emulator/persist/folder.js'

/** Files can be made in `folder`: tried with a file of its own, as `access` says yes to root everywhere, /proc included. */
async function checkWritable(folder: string): Promise<void> {
  const probe = join(folder, `.sms-emulator-${randomUUID()}.tmp`)
  await (await open(probe, 'wx')).close()
  await rm(probe, { force: true })
}

/** Makes the folder of each path and checks files can be made there; throws a usage error naming the flag. */
export async function prepareOutputs(outputs: Readonly<Record<string, string | undefined>>): Promise<void> {
  for (const [flag, path] of Object.entries(outputs)) {
    if (path === undefined) continue
    const folder = dirname(resolve(path))
    try {
      makeFolder(folder)
      await checkWritable(folder)
    } catch (error) {
      throw new Error(`--${flag} ${path}: cannot write to ${folder} (${folderProblem(error)})`, { cause: error })
    }
  }
}

export async function writeOutput(path: string, text: string): Promise<void> {
  makeFolder(dirname(resolve(path)))
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
