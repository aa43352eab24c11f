// Which known name a mistyped one most likely meant (parameters, paths, CLI options).

/** The edit distance between two strings, a swap of two neighbouring letters counting as one edit. */
export function levenshtein(a: string, b: string): number {
  let before: number[] = []
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      let distance = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, (before[j - 2] ?? 0) + 1)
      current[j] = distance
    }
    before = previous
    previous = current
  }
  return previous[b.length] ?? 0
}

/** The name in `candidates` that `name` most likely meant: the same but for case, or one or two letters off. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase()
  const sameButCase = candidates.find((candidate) => candidate.toLowerCase() === lower)
  if (sameButCase) return sameButCase
  let best: { name: string; distance: number } | undefined
  for (const candidate of candidates) {
    const distance = levenshtein(lower, candidate.toLowerCase())
    const allowed = candidate.length >= 6 ? 2 : 1
    if (distance <= allowed && (!best || distance < best.distance)) best = { name: candidate, distance }
  }
  return best?.name
}
