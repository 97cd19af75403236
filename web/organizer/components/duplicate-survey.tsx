import { useLocation } from 'preact-iso'
import { announce } from '../models/announce'
import type { Designer } from '../models/designer-model'
import { Problem } from './problem'

/**
 * Copies the saved survey (same questions under new ids, not locked, titled "… (copy)") and
 * opens the copy in the designer: the way to change a survey whose questions are fixed.
 */
export function DuplicateSurvey({ m }: { m: Designer }) {
  const { route } = useLocation()
  const onClick = async () => {
    const sure =
      !m.dirty.value ||
      confirm('The copy is made from the saved survey, without your unsaved changes. Copy anyway?')
    if (!sure) return
    const copy = await m.copy.run()
    if (!copy) return
    announce(`Copied into “${copy.title}”`)
    route(`/surveys/${copy.id}`)
  }
  const error = m.copy.error.value
  return (
    <>
      <button
        type="button"
        class="button-secondary button-small"
        onClick={onClick}
        disabled={m.copy.pending}
      >
        {m.copy.pending.value ? 'Duplicating…' : 'Duplicate survey'}
      </button>
      {error && <Problem error={error} />}
    </>
  )
}
