// Making a folder and its missing parents one level at a time. Node's recursive mkdir never returns for
// a path under /proc: procfs answers ENOENT for a folder it cannot make, which Node reads as "a parent
// is missing" and retries forever (the sync call spins, the async one never settles).
import { mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code

class FolderError extends Error {
  override readonly name = 'FolderError'
}

/** Why a folder cannot be made or written, in words (`/a/b is a file, not a folder`), else the error's code. */
export function folderProblem(error: unknown): string {
  if (error instanceof FolderError) return error.message
  const code = codeOf(error)
  if (code === 'ENOENT') return 'ENOENT: this file system cannot hold a folder or file there'
  return code ?? (error as Error).message
}

/** Makes `folder` and the parents it lacks; throws at once (never loops) when one cannot be made. */
export function makeFolder(folder: string): void {
  const missing: string[] = []
  for (let path = resolve(folder); ; path = dirname(path)) {
    let isFolder: boolean
    try {
      isFolder = statSync(path).isDirectory()
    } catch (error) {
      // ENOTDIR: a file further up, which the next step names.
      if ((codeOf(error) !== 'ENOENT' && codeOf(error) !== 'ENOTDIR') || dirname(path) === path) throw error
      missing.push(path)
      continue
    }
    if (!isFolder) throw new FolderError(`${path} is a file, not a folder`)
    break
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path)
    } catch (error) {
      // Made by someone else meanwhile: as good.
      if (codeOf(error) !== 'EEXIST' || !statSync(path).isDirectory()) throw error
    }
  }
}
