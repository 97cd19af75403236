import { computed, createModel, signal } from '@preact/signals'
import * as api from '../api'
import type { ApiError } from '../api'
import type { ImportResult, Member, MemberInput } from '../api-types'
import { toApiError } from '../api-error'
import { announce } from './announce'
import { formatImportErrors, maxCsvBytes } from './import-report'
import { mutation } from './mutation'
import { noteUnauthorized } from './session'

const pageSize = 50

type ImportBody = { csv: string | Blob } | { members: MemberInput[] }

/** A community's members: the paged list, imports, fresh invite links and removals. */
export const MembersModel = createModel((cid: string) => {
  const members = signal<Member[]>([])
  const next = signal<string | undefined>(undefined)
  const loaded = signal(false)
  const listLoading = signal(false)
  const listError = signal<ApiError | undefined>(undefined)

  const csvText = signal('')
  const file = signal<File | undefined>(undefined)
  const email = signal('')
  const attributes = signal<Record<string, string>>({})
  const localError = signal('')
  const result = signal<ImportResult | undefined>(undefined)
  const importer = mutation((body: ImportBody) =>
    'csv' in body ? api.importMembersCsv(cid, body.csv) : api.addMembers(cid, body.members),
  )
  const importLines = computed(() => formatImportErrors(importer.error.value?.errors))

  /** Links made from the list, by member id; shown until the page is left. */
  const freshLinks = signal<Record<string, string>>({})
  const busy = signal<string | undefined>(undefined)
  const rowAction = mutation(async (kind: 'invite' | 'remove', mid: string) => {
    if (kind === 'remove') return void (await api.removeMember(cid, mid))
    const { inviteUrl } = await api.reinviteMember(cid, mid)
    freshLinks.value = { ...freshLinks.value, [mid]: inviteUrl }
  })

  async function loadPage(fromStart: boolean): Promise<void> {
    if (listLoading.value) return
    listLoading.value = true
    listError.value = undefined
    try {
      const cursor = fromStart ? undefined : next.value
      const page = await api.listMembers(cid, { limit: pageSize, cursor })
      members.value = fromStart ? page.members : [...members.value, ...page.members]
      next.value = page.next
      loaded.value = true
      if (!fromStart) announce(`${page.members.length} more members shown`)
    } catch (error) {
      noteUnauthorized(error)
      listError.value = toApiError(error)
    } finally {
      listLoading.value = false
    }
  }

  async function runImport(body: ImportBody): Promise<boolean> {
    result.value = undefined
    const answer = await importer.run(body)
    if (!answer) return false
    result.value = answer
    announce(`Import done: ${answer.created} added, ${answer.updated} updated`)
    void loadPage(true)
    return true
  }

  void loadPage(true)

  return {
    members,
    next,
    loaded,
    listLoading,
    listError,
    csvText,
    file,
    email,
    attributes,
    localError,
    result,
    importer,
    importLines,
    freshLinks,
    busy,
    rowAction,
    loadMore: () => loadPage(false),
    reload: () => loadPage(true),

    /** Imports the chosen file, else the pasted text. */
    async importCsv(): Promise<boolean> {
      localError.value = ''
      const chosen = file.value
      if (chosen && chosen.size > maxCsvBytes) {
        localError.value =
          'This file is larger than 8 MB, the most the server accepts. Split it into parts.'
        return false
      }
      if (!chosen && !csvText.value.trim()) {
        localError.value = 'Paste CSV text or choose a file first.'
        return false
      }
      const ok = await runImport({ csv: chosen ?? csvText.value })
      if (ok) {
        csvText.value = ''
        file.value = undefined
      }
      return ok
    },

    /** Adds (or updates) one member from the single-member form. */
    async addOne(): Promise<boolean> {
      localError.value = ''
      const filled = Object.entries(attributes.value).filter(([, v]) => v.trim())
      const member: MemberInput = { email: email.value.trim() }
      if (filled.length)
        member.attributes = Object.fromEntries(filled.map(([k, v]) => [k, v.trim()]))
      const ok = await runImport({ members: [member] })
      if (ok) {
        email.value = ''
        attributes.value = {}
      }
      return ok
    },

    async act(kind: 'invite' | 'remove', member: Member): Promise<boolean> {
      busy.value = member.id
      await rowAction.run(kind, member.id)
      busy.value = undefined
      if (rowAction.error.value) return false
      if (kind === 'remove') {
        members.value = members.value.filter((m) => m.id !== member.id)
        announce(`${member.email} removed`)
      } else {
        announce(`New invite link for ${member.email} ready to copy`)
      }
      return true
    },
  }
})
