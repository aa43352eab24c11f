// The phone preview: the text as the recipient's handset shows it, split where the SMSC splits it.
import { nonGsm7Characters, segmentParts } from '../../../contracts/encoding.js'
import type { MessageView } from '../../core/store.js'
import { plural } from './format.js'

const codePoint = (char: string) => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`

export function PhonePreview(props: { view: MessageView }) {
  const { view } = props
  const { parts, units } = segmentParts(view.shownText, view.encoding)
  const forcing = view.encoding === 'UCS-2' ? nonGsm7Characters(view.text) : []
  const replaced = view.encoding === 'GSM-7' ? nonGsm7Characters(view.text) : []
  const characters = [...view.shownText].length
  return (
    <section class="phone" aria-labelledby="phone-title">
      <h2 id="phone-title" class="who">
        {view.from}
      </h2>
      <div class="bubble" aria-describedby="phone-facts">
        {parts.map((part, i) => (
          <>
            {i > 0 ? <span class="cut" role="img" aria-label={`segment ${i + 1} starts here`} title={`segment ${i + 1}`}></span> : ''}
            {part}
          </>
        ))}
      </div>
      <ul id="phone-facts" class="small">
        <li>
          {view.encoding}: {plural(characters, 'character')}, {units} {view.encoding === 'GSM-7' ? 'septets' : 'UTF-16 units'}
        </li>
        <li>
          {plural(view.segments, 'segment')} ({view.encoding === 'GSM-7' ? '160 alone, 153 a part' : '70 alone, 67 a part'}), {plural(view.credits, 'credit')}
        </li>
        {forcing.length > 0 ? (
          <li>
            UCS-2 because of <span class="forced">{forcing[0]}</span> <code>{codePoint(forcing[0] ?? '')}</code>
            {forcing.length > 1 ? ` and ${forcing.length - 1} other character${forcing.length === 2 ? '' : 's'} outside GSM-7` : ', outside GSM-7'}
          </li>
        ) : (
          ''
        )}
        {replaced.length > 0 ? (
          <li>
            Sent as GSM-7: {replaced.map((char) => `${char} (${codePoint(char)})`).join(', ')} {replaced.length === 1 ? 'shows' : 'show'} as “?” on the handset
          </li>
        ) : (
          ''
        )}
      </ul>
    </section>
  )
}
