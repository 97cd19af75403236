import type { Community } from '../api-types'
import type { MembersModel, Overwrite } from '../models/members-model'

type Model = InstanceType<typeof MembersModel>

/** Each detail of the member as it is and as adding them again would leave it. */
export function overwriteRows(asked: Overwrite, attributes: string[]) {
  const { input, current } = asked
  const rows = [{ label: 'Name', now: current.name, after: input.name ?? current.name }]
  for (const a of attributes) {
    rows.push({ label: a, now: current.attributes[a], after: input.attributes?.[a] })
  }
  return rows.filter((r) => r.now !== undefined || r.after !== undefined)
}

/**
 * "Add one member" for an email that is already there: what would change, asked before it is
 * overwritten. Their invite link and key are not touched either way.
 */
export function OverwriteWarning(props: { m: Model; community: Community; asked: Overwrite }) {
  const { m, community, asked } = props
  const rows = overwriteRows(asked, community.attributes)
  const changes = rows.filter((r) => r.now !== r.after)
  const shown = (v: string | undefined) => v ?? 'none'
  return (
    <div class="notice notice-warning overwrite" role="alert">
      <h4>{asked.current.email} is already a member</h4>
      {changes.length === 0 ? (
        <p>Adding them again changes nothing.</p>
      ) : (
        <>
          <p>Adding them again replaces their details:</p>
          <dl class="facts">
            {rows.map((r) => [
              <dt key={`${r.label}-dt`}>{r.label}</dt>,
              <dd key={`${r.label}-dd`}>
                {r.now === r.after ? (
                  <>{shown(r.now)} (unchanged)</>
                ) : (
                  <>
                    {shown(r.now)} <span aria-hidden="true">→</span>
                    <span class="visually-hidden"> becomes </span> <strong>{shown(r.after)}</strong>
                  </>
                )}
              </dd>,
            ])}
          </dl>
        </>
      )}
      <p>Their invite link, and their key if they joined, stay as they are.</p>
      <div class="actions">
        <button
          type="button"
          disabled={m.importer.pending}
          onClick={() => void m.confirmOverwrite()}
        >
          Replace their details
        </button>
        <button type="button" class="button-secondary" onClick={m.keepExisting}>
          Keep them as they are
        </button>
      </div>
    </div>
  )
}
