import { useModel } from '@preact/signals'
import { useLocation } from 'preact-iso'
import type { Community } from '../api-types'
import { AttributeList } from '../components/attribute-list'
import { CommunityScope } from '../components/community-scope'
import { Field } from '../components/field'
import { Page, Section } from '../components/page'
import { PrivacyFields } from '../components/privacy-fields'
import { Problem, Status } from '../components/problem'
import { roleLabels } from '../models/communities'
import { unplacedErrors } from '../models/field-errors'
import { SettingsModel } from '../models/settings-model'

const shownPaths = [
  'name',
  'attributes',
  'minGroupSize',
  'minCommentGroupSize',
  'privacyMode',
  'epsilon',
]

export default function SettingsPage({ params }: { params: { cid: string } }) {
  return <CommunityScope cid={params.cid}>{(c) => <SettingsForm community={c} />}</CommunityScope>
}

/** Community settings: name, attributes, thresholds and privacy mode (owner only), and delete. */
function SettingsForm({ community }: { community: Community }) {
  const m = useModel(() => new SettingsModel(community))
  const { route, query } = useLocation()
  const owner = community.role === 'owner'
  const draft = m.draft.value
  const errors = m.errors.value
  const saveError = m.save.error.value

  const onSubmit = async (e: Event) => {
    e.preventDefault()
    if (!(await m.submit())) {
      requestAnimationFrame(() =>
        (document.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus(),
      )
    }
  }
  const onDelete = async () => {
    const sure = confirm(
      `Delete “${community.name}” for good? Its members, surveys, pulses and reports are removed. This cannot be undone.`,
    )
    if (sure && (await m.destroy())) route('/communities', true)
  }

  return (
    <Page
      title={`${community.name}: settings`}
      crumbs={[{ label: 'Communities', href: '/communities' }]}
    >
      {query.new && (
        <p class="notice notice-success" role="status">
          Community created. Set its attributes and privacy thresholds, then import members.
        </p>
      )}
      {!owner && (
        <p class="notice" id="owner-note">
          Only an owner can change these settings. Your role here is{' '}
          {roleLabels[community.role].toLowerCase()}, so you can read them but not edit them.
        </p>
      )}
      <form
        class="form"
        onSubmit={onSubmit}
        aria-describedby={owner ? undefined : 'owner-note'}
        noValidate
      >
        {saveError &&
          (saveError.status !== 422 || unplacedErrors(saveError.errors, shownPaths).length > 0) && (
            <Problem error={saveError} lines={unplacedErrors(saveError.errors, shownPaths)} />
          )}
        <fieldset class="group" disabled={!owner}>
          <legend>Name</legend>
          <Field
            id="settings-name"
            label="Community name"
            value={draft.name}
            onValue={(name) => m.edit({ name })}
            required
            error={errors.name}
          />
        </fieldset>
        <AttributeList
          attributes={draft.attributes}
          newName={m.newAttribute}
          errors={errors}
          disabled={!owner}
          onAdd={m.addAttribute}
          onRename={m.renameAttribute}
          onMove={m.moveAttribute}
          onRemove={m.removeAttribute}
        />
        <PrivacyFields draft={draft} errors={errors} disabled={!owner} onEdit={m.edit} />
        <p class="hint">
          Settings are copied into each pulse when it opens: changes apply to pulses opened from now
          on, never to open or past ones.
        </p>
        {owner && (
          <div class="actions">
            <button type="submit" disabled={m.save.pending}>
              {m.save.pending.value ? 'Saving…' : 'Save settings'}
            </button>
            {m.dirty.value && <span class="unsaved">Unsaved changes</span>}
          </div>
        )}
        <Status message={m.status.value} />
      </form>
      {owner && m.status.value && (
        // Saved: the next step of setting up a community, where the eye already is.
        <p class="next-step">
          <a class="button" href={`/communities/${community.id}/members`}>
            Next: import members
          </a>
        </p>
      )}
      {owner && (
        <Section title="Delete community">
          <p>
            Deleting removes the community with its members, surveys, pulses and reports. It cannot
            be undone.
          </p>
          {m.remove.error.value && <Problem error={m.remove.error.value} />}
          <button
            type="button"
            class="button-danger"
            onClick={onDelete}
            disabled={m.remove.pending}
          >
            {m.remove.pending.value ? 'Deleting…' : 'Delete community'}
          </button>
        </Section>
      )}
    </Page>
  )
}
