import { useModel } from '@preact/signals'
import { useLocation } from 'preact-iso'
import type { Community, Role } from '../api-types'
import { CommunityScope } from '../components/community-scope'
import { LinkToCopy } from '../components/copy-button'
import { Field } from '../components/field'
import { Page, Section } from '../components/page'
import { PendingInvites } from '../components/pending-invites'
import { Async, Problem } from '../components/problem'
import { TeamTable } from '../components/team-table'
import { roleLabels } from '../models/communities'
import { errorAt } from '../models/field-errors'
import { organizer } from '../models/session'
import { TeamModel } from '../models/team-model'

export default function TeamPage({ params }: { params: { cid: string } }) {
  return <CommunityScope cid={params.cid}>{(c) => <Team community={c} />}</CommunityScope>
}

const roleHelp: Record<Role, string> = {
  owner: 'everything, including settings and the team',
  organizer: 'members, surveys and pulses',
  viewer: 'reads reports only',
}

function Team({ community }: { community: Community }) {
  const m = useModel(() => new TeamModel(community.id, community.role))
  const { route } = useLocation()
  const owner = community.role === 'owner'
  const me = organizer.value?.id
  const removeError = m.remove.error.value
  const roleError = m.roleChange.error.value

  const onRemove = async (oid: string, label: string) => {
    const self = oid === me
    const question = self
      ? `Leave the team of “${community.name}”? You lose access to it.`
      : `Remove ${label} from the team? They lose access to this community.`
    if (!confirm(question)) return
    if ((await m.removeMember(oid, self)) && self) route('/communities', true)
  }
  const onInvite = (e: Event) => {
    e.preventDefault()
    void m.sendInvite()
  }

  return (
    <Page
      title={`${community.name}: team`}
      crumbs={[{ label: 'Communities', href: '/communities' }]}
    >
      {removeError?.status === 409 ? (
        <p class="notice notice-error" role="alert">
          You are the last owner, and a community always keeps at least one. Invite or make someone
          else owner first. ({removeError.detail})
        </p>
      ) : (
        removeError && <Problem error={removeError} />
      )}
      {roleError?.status === 409 ? (
        <p class="notice notice-error" role="alert">
          The last owner keeps the owner role: a community always has at least one. Make someone
          else owner first. ({roleError.detail})
        </p>
      ) : (
        roleError && <Problem error={roleError} />
      )}
      <Async of={m.team} label="Loading the team…">
        {(team) => (
          <TeamTable m={m} community={community} team={team} me={me} onRemove={onRemove} />
        )}
      </Async>
      {!owner && <p class="hint">Only an owner can invite people or change roles.</p>}
      {community.role !== 'viewer' && <PendingInvites m={m} community={community} />}
      {owner ? (
        <Section title="Invite someone">
          <form class="form" onSubmit={onInvite}>
            {m.invite.error.value && m.invite.error.value.status !== 422 && (
              <Problem error={m.invite.error.value} />
            )}
            <Field
              id="team-email"
              label="Email"
              type="email"
              value={m.email}
              required
              error={errorAt(m.invite.fieldErrors.value, 'email')}
            />
            <fieldset class="group">
              <legend>Role</legend>
              {(['organizer', 'viewer', 'owner'] as Role[]).map((r) => (
                <div class="choice-row" key={r}>
                  <input
                    type="radio"
                    id={`role-${r}`}
                    name="team-role"
                    checked={m.role.value === r}
                    onChange={() => (m.role.value = r)}
                  />
                  <label for={`role-${r}`}>{roleLabels[r]}</label>
                  <span class="hint">{roleHelp[r]}</span>
                </div>
              ))}
            </fieldset>
            <div class="actions">
              <button type="submit" disabled={m.invite.pending}>
                {m.invite.pending.value ? 'Inviting…' : 'Invite'}
              </button>
            </div>
          </form>
          <InviteOutcomeView m={m} />
        </Section>
      ) : null}
    </Page>
  )
}

function InviteOutcomeView({ m }: { m: InstanceType<typeof TeamModel> }) {
  const outcome = m.outcome.value
  if (!outcome) return null
  if (!outcome.inviteUrl) {
    return (
      <p class="notice notice-success" role="status">
        {outcome.email} already had an account and was added as{' '}
        {roleLabels[outcome.role].toLowerCase()}.
      </p>
    )
  }
  return (
    <div class="notice notice-success" role="status">
      <p>
        Send this link to {outcome.email}. It is shown only now: the server keeps only a hash of it.
        Opening it lets them choose a password and join as {roleLabels[outcome.role].toLowerCase()}.
      </p>
      <LinkToCopy id="team-invite-url" url={outcome.inviteUrl} what="Invite link" />
    </div>
  )
}
