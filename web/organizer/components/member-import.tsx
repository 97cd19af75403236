import type { Community } from '../api-types'
import { errorAt } from '../models/field-errors'
import { expectedHeader, fileSize } from '../models/import-report'
import type { MembersModel } from '../models/members-model'
import { Field } from './field'
import { OverwriteWarning } from './overwrite-warning'
import { Problem } from './problem'

type Model = InstanceType<typeof MembersModel>

/** Two ways in: a CSV (pasted or a file, sent as text/csv) or one member by email. */
export function MemberImport({ m, community }: { m: Model; community: Community }) {
  const header = expectedHeader(community.attributes)
  const error = m.importer.error.value
  const onCsv = async (e: Event) => {
    e.preventDefault()
    const input = document.getElementById('csv-file') as HTMLInputElement | null
    if ((await m.importCsv()) && input) input.value = ''
  }
  const onOne = (e: Event) => {
    e.preventDefault()
    void m.addOne()
  }
  const chosen = m.file.value
  return (
    <>
      {m.localError.value && (
        <p class="notice notice-error" role="alert">
          {m.localError.value}
        </p>
      )}
      {error && (
        <Problem error={error} lines={m.importLines.value}>
          {error.status === 422 && (
            <p>Nothing was imported. Fix these lines and import the whole file again.</p>
          )}
        </Problem>
      )}
      <form class="form" onSubmit={onCsv} aria-labelledby="csv-heading">
        <h3 id="csv-heading">From a CSV file</h3>
        <p class="hint" id="csv-format">
          The first line names the columns: <code>{header}</code>. Each further line is one member.
          {community.attributes.length === 0 &&
            ' To import attributes such as team, first add them in the settings.'}{' '}
          A <code>name</code> column may be added: names are shown only to organizers and are
          removed from comments. Commas or semicolons (as Excel saves in many countries) both work.
          Importing an email that is already there updates its attributes.
        </p>
        <Field
          id="csv-text"
          label="Paste CSV"
          multiline
          class="csv-input"
          value={m.csvText}
          disabled={!!chosen}
          hint={chosen ? 'The chosen file is imported instead of pasted text.' : undefined}
        />
        <div class="field">
          <label for="csv-file">Or choose a .csv file</label>
          <input
            id="csv-file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby="csv-format"
            onChange={(e) => (m.file.value = e.currentTarget.files?.[0] ?? undefined)}
          />
          {chosen && (
            <p class="hint">
              {chosen.name}, {fileSize(chosen.size)}
            </p>
          )}
        </div>
        <div class="actions">
          <button type="submit" disabled={m.importer.pending}>
            {m.importer.pending.value ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
      <form class="form" onSubmit={onOne} aria-labelledby="one-heading">
        <h3 id="one-heading">Add one member</h3>
        <div class="field-row">
          <Field
            id="one-email"
            label="Email"
            type="email"
            value={m.email}
            required
            error={errorAt(m.importer.fieldErrors.value, 'members.0.email')}
          />
          <Field
            id="one-name"
            label="Name (optional)"
            value={m.name}
            autoComplete="off"
            error={errorAt(m.importer.fieldErrors.value, 'members.0.name')}
          />
          {community.attributes.map((name) => (
            <Field
              key={name}
              id={`one-attr-${name}`}
              label={name}
              value={m.attributes.value[name] ?? ''}
              onValue={(v) => (m.attributes.value = { ...m.attributes.value, [name]: v })}
              error={errorAt(m.importer.fieldErrors.value, `members.0.attributes.${name}`)}
            />
          ))}
        </div>
        {m.overwrite.value ? (
          <OverwriteWarning m={m} community={community} asked={m.overwrite.value} />
        ) : (
          <div class="actions">
            <button type="submit" class="button-secondary" disabled={m.importer.pending}>
              Add member
            </button>
          </div>
        )}
      </form>
    </>
  )
}
