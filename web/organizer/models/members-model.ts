import { computed, createModel, signal } from '@preact/signals'
import * as api from '../api'
import type { ImportResult, Member, MemberInput } from '../api-types'
import { announce } from './announce'
import { formatImportErrors, maxCsvBytes } from './import-report'
import { memberList } from './member-list'
import { mutation } from './mutation'

type ImportBody = { csv: string | Blob } | { members: MemberInput[]; existing?: 'refuse' }

/** "Add one member" for an email that is already a member's: what was asked, and who is there. */
export interface Overwrite {
  input: MemberInput
  current: Member
}

/** The member a 409 of `existing: 'refuse'` names, if that is what the problem is. */
function existingOf(error: { status: number; body: Record<string, unknown> } | undefined) {
  const listed = error?.status === 409 ? error.body.existing : undefined
  return Array.isArray(listed) && listed.length > 0 ? (listed[0] as Member) : undefined
}

/** A community's members: the paged list, imports, fresh invite links and removals. */
export const MembersModel = createModel((cid: string) => {
  const list = memberList(cid)

  const csvText = signal('')
  const file = signal<File | undefined>(undefined)
  const email = signal('')
  const name = signal('')
  const attributes = signal<Record<string, string>>({})
  const localError = signal('')
  const result = signal<ImportResult | undefined>(undefined)
  const overwrite = signal<Overwrite | undefined>(undefined)
  const importer = mutation((body: ImportBody) =>
    'csv' in body
      ? api.importMembersCsv(cid, body.csv)
      : api.addMembers(cid, body.members, body.existing),
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

  async function runImport(body: ImportBody): Promise<boolean> {
    result.value = undefined
    const answer = await importer.run(body)
    if (!answer) return false
    result.value = answer
    announce(`Import done: ${answer.created} added, ${answer.updated} updated`)
    void list.fromStart()
    return true
  }

  /** The single-member form as an import row: only the fields filled in. */
  function oneMember(): MemberInput {
    const filled = Object.entries(attributes.value).filter(([, v]) => v.trim())
    const member: MemberInput = { email: email.value.trim() }
    if (name.value.trim()) member.name = name.value.trim()
    if (filled.length) member.attributes = Object.fromEntries(filled.map(([k, v]) => [k, v.trim()]))
    return member
  }

  function clearOne() {
    email.value = ''
    name.value = ''
    attributes.value = {}
  }

  void list.fromStart()

  return {
    list,
    csvText,
    file,
    email,
    name,
    attributes,
    localError,
    result,
    overwrite,
    importer,
    importLines,
    freshLinks,
    busy,
    rowAction,

    /** Imports the chosen file, else the pasted text. */
    async importCsv(): Promise<boolean> {
      localError.value = ''
      overwrite.value = undefined
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

    /**
     * Adds one member from the single-member form. An email that is already a member's is not
     * overwritten: the server refuses it (409) and `overwrite` asks the organizer first.
     */
    async addOne(): Promise<boolean> {
      localError.value = ''
      overwrite.value = undefined
      const input = oneMember()
      if (await runImport({ members: [input], existing: 'refuse' })) {
        clearOne()
        return true
      }
      const current = existingOf(importer.error.value)
      if (current) {
        importer.reset()
        overwrite.value = { input, current }
        announce(`${current.email} is already a member. Replace their details, or keep them?`)
      }
      return false
    },

    /** The organizer saw what changes and confirmed: the same member, sent to update. */
    async confirmOverwrite(): Promise<boolean> {
      const asked = overwrite.value
      if (!asked) return false
      const ok = await runImport({ members: [asked.input] })
      if (ok) {
        overwrite.value = undefined
        clearOne()
      }
      return ok
    },

    keepExisting() {
      overwrite.value = undefined
      announce('Nothing changed.')
    },

    async act(kind: 'invite' | 'remove', member: Member): Promise<boolean> {
      busy.value = member.id
      await rowAction.run(kind, member.id)
      busy.value = undefined
      if (rowAction.error.value) return false
      if (kind === 'remove') {
        announce(`${member.email} removed`)
        void list.reload()
      } else {
        announce(`New invite link for ${member.email} ready to copy`)
      }
      return true
    },
  }
})
