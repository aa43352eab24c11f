import { expect, test } from 'vitest'
import { readParams } from '../../src/emulator/core/params.js'
import { createRandom } from '../../src/emulator/core/random.js'

/** What URLSearchParams reads from the same text: the reference the one-pass reader must match. */
const reference = (query: string) => [...new URLSearchParams(query)]

test('query parameters read in one pass match URLSearchParams, escapes, plus signs and repeats included', () => {
  const queries = [
    'apikey=demo&secretkey=s&toUser=8801712345678&messageContent=Your%20code%20is%201234',
    'msg=a+b%2Bc&msg=second&flag&=empty-name&x=',
    'text=%E0%A6%AC%E0%A6%BE%E0%A6%82%E0%A6%B2%E0%A6%BE&&&a=b=c',
    'bad=%zz&ok=1',
    'cut=%E0%A6&ok=1',
    'tail=%',
    'lone=%ED%A0%80',
    'raw=ব&x=1',
    '',
    '&',
    'a',
  ]
  for (const query of queries) {
    const params = readParams(`/p?${query}`, undefined, undefined)
    expect(params.entries, query).toEqual(reference(query))
    // The last value sent under a name is the one read.
    for (const [name] of reference(query)) expect(params.get(name), `${query}: ${name}`).toBe(new URLSearchParams(query).getAll(name).at(-1))
  }
})

test('random form texts read as URLSearchParams reads them', () => {
  const random = createRandom(7)
  const alphabet = ['a', 'b', '=', '&', '+', '%', '2', '0', 'E', 'F', 'C', '3', 'A', '9', '%20', '%E0%A6%AC', '%F0%9F%98%80', '%FF', 'ü']
  for (let i = 0; i < 2000; i++) {
    let text = ''
    const length = random.int(0, 20)
    for (let j = 0; j < length; j++) text += alphabet[random.int(0, alphabet.length - 1)]
    expect(readParams(`/p?${text}`, undefined, undefined).entries, text).toEqual(reference(text))
    const form = readParams('/p', 'application/x-www-form-urlencoded', new TextEncoder().encode(text))
    expect(form.entries, text).toEqual(reference(text))
  }
})

test('body values win over query values, and a JSON body joins the entries after the query', () => {
  const form = readParams('/p?a=1&b=2', 'application/x-www-form-urlencoded', new TextEncoder().encode('a=3'))
  expect([form.get('a'), form.get('b'), form.has('b'), form.has('c')]).toEqual(['3', '2', true, false])
  const json = readParams('/p?a=1&n=q', 'application/json', new TextEncoder().encode('{"a":[1,2],"z":null}'))
  expect(json.entries).toEqual([['a', '1'], ['n', 'q'], ['a', '[1,2]'], ['z', '']])
  expect([json.get('a'), json.jsonField('a'), json.has('z')]).toEqual(['[1,2]', [1, 2], true])
})
