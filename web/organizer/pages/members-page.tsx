import { useModel } from '@preact/signals'
import type { Community, Member } from '../api-types'
import { CommunityScope } from '../components/community-scope'
import { LinkToCopy } from '../components/copy-button'
import { ImportResults } from '../components/import-results'
import { MemberImport } from '../components/member-import'
import { Page, Section } from '../components/page'
import { Loading, Problem } from '../components/problem'
import { MembersModel } from '../models/members-model'

export default function MembersPage({ params }: { params: { cid: string } }) {
  return <CommunityScope cid={params.cid}>{(c) => <Members community={c} />}</CommunityScope>
}

type Model = InstanceType<typeof MembersModel>

function Members({ community }: { community: Community }) {
  const m = useModel(() => new MembersModel(community.id))
  const result = m.result.value
  return (
    <Page
      title={`${community.name}: members`}
      crumbs={[{ label: 'Communities', href: '/communities' }]}
      intro="Members answer pulses anonymously through their own invite link. Their attributes decide which anonymous cohort they are counted in."
    >
      <Section title="Add members">
        <p class="notice">
          Invite links are shown only once, right after they are made: the server stores only a hash
          of each. Copy them before you leave this page.
        </p>
        <MemberImport m={m} community={community} />
        {result && <ImportResults result={result} />}
      </Section>
      <Section title="Member list">
        <MemberTable m={m} community={community} />
      </Section>
    </Page>
  )
}

function MemberTable({ m, community }: { m: Model; community: Community }) {
  const attrs = community.attributes
  const list = m.members.value
  if (!m.loaded.value) {
    return m.listError.value ? <Problem error={m.listError.value} retry={m.reload} /> : <Loading />
  }
  const onInvite = (member: Member) => {
    const sure = confirm(
      `Make a new invite link for ${member.email}? This revokes their current link and, if they have joined, the key on their device: they must open the new link to keep answering.`,
    )
    if (sure) void m.act('invite', member)
  }
  const onRemove = (member: Member) => {
    const sure = confirm(
      `Remove ${member.email}? They can no longer answer. Open pulses keep counting them as eligible.`,
    )
    if (sure) void m.act('remove', member)
  }
  return (
    <>
      {m.rowAction.error.value && <Problem error={m.rowAction.error.value} />}
      {list.length === 0 ? (
        <p class="empty">No members yet. Import a CSV or add one above.</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">Members of {community.name}</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              {attrs.map((a) => (
                <th scope="col" key={a}>
                  {a}
                </th>
              ))}
              <th scope="col">Joined</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((member) => [
              <tr key={member.id}>
                <td data-label="Email" class="cell-email">
                  {member.email}
                </td>
                {attrs.map((a) => (
                  <td data-label={a} key={a}>
                    {member.attributes[a] ?? '—'}
                  </td>
                ))}
                <td data-label="Joined">{member.joined ? 'Yes' : 'Not yet'}</td>
                <td class="cell-actions">
                  <div class="row-actions">
                    <button
                      type="button"
                      class="button-secondary button-small"
                      disabled={m.busy.value === member.id}
                      onClick={() => onInvite(member)}
                    >
                      New invite link<span class="visually-hidden"> for {member.email}</span>
                    </button>
                    <button
                      type="button"
                      class="button-danger-quiet button-small"
                      disabled={m.busy.value === member.id}
                      onClick={() => onRemove(member)}
                    >
                      Remove<span class="visually-hidden"> {member.email}</span>
                    </button>
                  </div>
                </td>
              </tr>,
              m.freshLinks.value[member.id] && (
                <tr key={`${member.id}-link`} class="fresh-row">
                  <td colSpan={attrs.length + 3}>
                    <p class="hint">
                      New invite link for {member.email}, shown only now. Their old link and key no
                      longer work.
                    </p>
                    <LinkToCopy
                      id={`fresh-${member.id}`}
                      url={m.freshLinks.value[member.id]}
                      what={`New invite link for ${member.email}`}
                    />
                  </td>
                </tr>
              ),
            ])}
          </tbody>
        </table>
      )}
      <p class="meta" role="status">
        {list.length} member{list.length === 1 ? '' : 's'} shown
        {m.next.value ? ', more to load' : ''}.
      </p>
      {m.listError.value && <Problem error={m.listError.value} retry={m.loadMore} />}
      {m.next.value && (
        <button
          type="button"
          class="button-secondary"
          onClick={m.loadMore}
          disabled={m.listLoading}
        >
          {m.listLoading.value ? 'Loading…' : 'Show more members'}
        </button>
      )}
    </>
  )
}
