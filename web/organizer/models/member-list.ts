import { computed, signal } from '@preact/signals'
import * as api from '../api'
import type { ApiError } from '../api'
import type { Member } from '../api-types'
import { toApiError } from '../api-error'
import { noteUnauthorized } from './session'

export const memberPageSize = 25

/** What the list can be ordered by: `email`, `name`, `joined` or `attributes.<name>`. */
export type MemberSort = string
export type SortOrder = 'asc' | 'desc'

/** The choices of the "Sort by" select: the columns, then the community's attributes. */
export function sortChoices(attributes: string[]): { value: MemberSort; label: string }[] {
  return [
    { value: 'email', label: 'Email' },
    { value: 'name', label: 'Name' },
    { value: 'joined', label: 'Joined' },
    ...attributes.map((a) => ({ value: `attributes.${a}`, label: a })),
  ]
}

/** The words of the order select for a sort: joined is yes/no, everything else A to Z. */
export const orderLabels = (sort: MemberSort): Record<SortOrder, string> =>
  sort === 'joined'
    ? { asc: 'Not joined first', desc: 'Joined first' }
    : { asc: 'A to Z', desc: 'Z to A' }

/** "Members 26–30 of 30 shown." and the like, for the list's status line. */
export function rangeText(first: number, shown: number, total: number, search: string): string {
  const matching = search ? ` matching “${search}”` : ''
  if (first === 1 && shown === total) {
    return `${total} member${total === 1 ? '' : 's'}${matching} shown.`
  }
  return `Members ${first}–${first + shown - 1} of ${total}${matching} shown.`
}

/**
 * A community's member list as the server pages it: searched, sorted, one page at a time.
 * Each page's cursor is kept, so "previous" goes back without the server knowing pages.
 */
export function memberList(cid: string) {
  const members = signal<Member[]>([])
  const total = signal(0)
  const loaded = signal(false)
  const loading = signal(false)
  const error = signal<ApiError | undefined>(undefined)
  /** The text in the search box, and the search the list shows. */
  const search = signal('')
  const searched = signal('')
  const sort = signal<MemberSort>('email')
  const order = signal<SortOrder>('asc')
  /** `cursors[i]` starts page i (undefined: the first page). */
  const cursors = signal<(string | undefined)[]>([undefined])
  const page = signal(0)
  const next = signal<string | undefined>(undefined)
  const first = computed(() => page.value * memberPageSize + 1)
  const status = computed(() =>
    rangeText(first.value, members.value.length, total.value, searched.value),
  )
  let latest = 0

  /** Loads page `index`; an answer to an older request than the latest is dropped. */
  async function load(index: number): Promise<void> {
    const request = ++latest
    loading.value = true
    error.value = undefined
    try {
      const answer = await api.listMembers(cid, {
        limit: memberPageSize,
        cursor: cursors.value[index],
        q: searched.value || undefined,
        sort: sort.value,
        order: order.value,
      })
      if (request !== latest) return
      // A page emptied by removals shows the one before it.
      if (answer.members.length === 0 && index > 0) return void (await load(index - 1))
      members.value = answer.members
      total.value = answer.total
      next.value = answer.next
      page.value = index
      cursors.value = [...cursors.value.slice(0, index + 1), answer.next]
      loaded.value = true
    } catch (thrown) {
      if (request !== latest) return
      noteUnauthorized(thrown)
      error.value = toApiError(thrown)
    } finally {
      if (request === latest) loading.value = false
    }
  }

  const fromStart = () => {
    cursors.value = [undefined]
    return load(0)
  }

  return {
    members,
    total,
    loaded,
    loading,
    error,
    search,
    searched,
    sort,
    order,
    page,
    next,
    first,
    status,
    /** Shows the first page of the current search and order. */
    fromStart,
    /** Loads the page shown again (after a change to the members). */
    reload: () => load(page.value),
    nextPage: () => (next.value ? load(page.value + 1) : Promise.resolve()),
    previousPage: () => (page.value > 0 ? load(page.value - 1) : Promise.resolve()),
    runSearch() {
      searched.value = search.value.trim()
      return fromStart()
    },
    clearSearch() {
      search.value = ''
      searched.value = ''
      return fromStart()
    },
    sortBy(value: MemberSort, direction: SortOrder) {
      sort.value = value
      order.value = direction
      return fromStart()
    },
  }
}

export type MemberList = ReturnType<typeof memberList>
