// Where a JSON text first goes wrong: JSON.parse names the token but not always its place.

const WHITESPACE = new Set([' ', '\t', '\n', '\r'])
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
// JSON strings may not hold raw control characters, hence the range.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y

/** The offset of the first syntax error in `text`, or `undefined` when it is valid JSON. */
export function jsonErrorOffset(text: string): number | undefined {
  let at = 0
  const skip = () => {
    while (at < text.length && WHITESPACE.has(text[at] as string)) at++
  }
  const sticky = (pattern: RegExp): boolean => {
    pattern.lastIndex = at
    if (!pattern.test(text)) return false
    at = pattern.lastIndex
    return true
  }
  // Each returns false at the offset of the first problem.
  const value = (): boolean => {
    skip()
    const char = text[at]
    if (char === '{') return members('}', () => {
      skip()
      if (!sticky(STRING)) return false
      skip()
      if (text[at] !== ':') return false
      at++
      return value()
    })
    if (char === '[') return members(']', value)
    if (char === '"') return sticky(STRING)
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, at)) {
        at += literal.length
        return true
      }
    }
    return sticky(NUMBER)
  }
  const members = (close: string, member: () => boolean): boolean => {
    at++
    skip()
    if (text[at] === close) {
      at++
      return true
    }
    for (;;) {
      if (!member()) return false
      skip()
      if (text[at] === close) {
        at++
        return true
      }
      if (text[at] !== ',') return false
      at++
    }
  }
  if (!value()) return at
  skip()
  return at < text.length ? at : undefined
}
