import type { Community, Member } from '../api-types'
import { orderLabels, sortChoices, type MemberList, type SortOrder } from '../models/member-list'
import type { MembersModel } from '../models/members-model'
import { LinkToCopy } from './copy-button'
import { Loading, Problem } from './problem'

type Model = InstanceType<typeof MembersModel>

/** Search by email or name, and the order of the list: the server searches and sorts. */
export function ListControls({ list, community }: { list: MemberList; community: Community }) {
  const onSearch = (e: Event) => {
    e.preventDefault()
    void list.runSearch()
  }
  const labels = orderLabels(list.sort.value)
  return (
    <div class="list-controls">
      <form role="search" class="list-search" onSubmit={onSearch} aria-label="Members">
        <div class="field">
          <label for="member-search">Search email or name</label>
          <input
            id="member-search"
            type="search"
            value={list.search}
            onInput={(e) => (list.search.value = e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button-secondary">
          Search
        </button>
        {list.searched.value && (
          <button type="button" class="link-button" onClick={() => void list.clearSearch()}>
            Show all members
          </button>
        )}
      </form>
      <div class="field">
        <label for="member-sort">Sort by</label>
        <select
          id="member-sort"
          value={list.sort.value}
          onChange={(e) => void list.sortBy(e.currentTarget.value, list.order.value)}
        >
          {sortChoices(community.attributes).map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="member-order">Order</label>
        <select
          id="member-order"
          value={list.order.value}
          onChange={(e) => void list.sortBy(list.sort.value, e.currentTarget.value as SortOrder)}
        >
          <option value="asc">{labels.asc}</option>
          <option value="desc">{labels.desc}</option>
        </select>
      </div>
    </div>
  )
}

/** One page of members with their actions, the page's range, and the way to the next page. */
export function MemberTable({ m, community }: { m: Model; community: Community }) {
  const { list } = m
  const attrs = community.attributes
  if (!list.loaded.value) {
    return list.error.value ? <Problem error={list.error.value} retry={list.reload} /> : <Loading />
  }
  const members = list.members.value
  const sorted = (key: string) =>
    list.sort.value === key ? (list.order.value === 'asc' ? 'ascending' : 'descending') : undefined
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
  const empty = list.searched.value
    ? `No member's email or name contains “${list.searched.value}”.`
    : 'No members yet. Import a CSV or add one above.'
  return (
    <>
      {m.rowAction.error.value && <Problem error={m.rowAction.error.value} />}
      {members.length === 0 ? (
        <p class="empty">{empty}</p>
      ) : (
        <table class="table" aria-busy={list.loading.value ? 'true' : undefined}>
          <caption class="visually-hidden">Members of {community.name}</caption>
          <thead>
            <tr>
              <th scope="col" aria-sort={sorted('email')}>
                Email
              </th>
              <th scope="col" aria-sort={sorted('name')}>
                Name
              </th>
              {attrs.map((a) => (
                <th scope="col" key={a} aria-sort={sorted(`attributes.${a}`)}>
                  {a}
                </th>
              ))}
              <th scope="col" aria-sort={sorted('joined')}>
                Joined
              </th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => [
              <tr key={member.id}>
                <td data-label="Email" class="cell-email">
                  {member.email}
                </td>
                <td data-label="Name">{member.name ?? '—'}</td>
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
                  <td colSpan={attrs.length + 4}>
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
      {list.error.value && <Problem error={list.error.value} retry={list.reload} />}
      <Pager list={list} />
    </>
  )
}

/** Where this page is in the list, and the buttons to the pages before and after it. */
function Pager({ list }: { list: MemberList }) {
  const shown = list.members.value.length
  return (
    <nav class="pager" aria-label="Member list pages">
      <p class="meta" role="status">
        {shown > 0 ? list.status.value : ''}
      </p>
      {(list.page.value > 0 || list.next.value) && (
        <div class="actions">
          <button
            type="button"
            class="button-secondary"
            onClick={list.previousPage}
            disabled={list.page.value === 0 || list.loading.value}
          >
            Previous page
          </button>
          <button
            type="button"
            class="button-secondary"
            onClick={list.nextPage}
            disabled={!list.next.value || list.loading.value}
          >
            Next page
          </button>
        </div>
      )}
    </nav>
  )
}
