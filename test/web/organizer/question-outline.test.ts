import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Question } from '../../../web/organizer/api-types'
import * as q from '../../../web/organizer/models/question-list'
import {
  dragTarget,
  keyboardTarget,
  movedMessage,
  placeholderIndexes,
  placeholderNotice,
  questionLine,
  templateDrafts,
} from '../../../web/organizer/models/question-outline'

const stored: Question[] = [
  {
    id: 'a',
    kind: 'likert5',
    prompt: 'I can\n  speak   up here.',
    dimension: 'voice',
    required: true,
  },
  { id: 'b', kind: 'text', prompt: 'Anything else?', required: false },
  { id: 'c', kind: 'likert5', prompt: ' Write your first statement here ', required: true },
]

const lines = suite('compact question lines')

lines('a line holds number, kind, prompt on one line, dimension and required', () => {
  const [voice, text] = q.toDrafts(stored)
  assert.equal(questionLine(voice, 0), {
    number: 1,
    kind: 'Agreement, 1–5',
    prompt: 'I can speak up here.',
    dimension: 'voice',
    required: true,
    placeholder: false,
  })
  assert.equal(questionLine(text, 1), {
    number: 2,
    kind: 'Free text',
    prompt: 'Anything else?',
    dimension: '',
    required: false,
    placeholder: false,
  })
})

lines('a question not written yet reads "(no question yet)"', () => {
  const [fresh] = q.addQuestion([], 'yesno')
  assert.is(questionLine(fresh, 4).prompt, '(no question yet)')
  assert.is(questionLine(fresh, 4).number, 5)
})

lines('the blank survey’s placeholder is marked, spaces aside, until it is rewritten', () => {
  const drafts = q.toDrafts(stored)
  assert.is(questionLine(drafts[2], 2).placeholder, true)
  assert.equal(placeholderIndexes(drafts), [2])
  const rewritten = q.replaceAt(drafts, 2, { ...drafts[2], prompt: 'Write your own statement' })
  assert.equal(placeholderIndexes(rewritten), [])
})

lines('the designer’s placeholder notice names the questions and says why', () => {
  assert.is(placeholderNotice([]), '')
  assert.is(
    placeholderNotice([0]),
    'Question 1 still says “Write your first statement here”. Rewrite it: no pulse of this survey can open or be scheduled until then.',
  )
  assert.match(placeholderNotice([0, 2, 4]), /^Questions 1, 3 and 5 still say “.*”\. Rewrite them:/)
})

lines('a template’s questions become drafts with required filled in as the server will', () => {
  const drafts = templateDrafts([
    { kind: 'likert5', prompt: 'P', dimension: 'voice' },
    { kind: 'text', prompt: 'T' },
    { kind: 'text', prompt: 'U', required: true },
    { kind: 'choice', prompt: 'C', options: ['x', 'y'] },
  ])
  assert.equal(
    drafts.map((d) => [d.kind, d.required, d.dimension, d.options]),
    [
      ['likert5', true, 'voice', []],
      ['text', false, '', []],
      ['text', true, '', []],
      ['choice', true, '', ['x', 'y']],
    ],
  )
  assert.is(new Set(drafts.map((d) => d.key)).size, 4)
})

lines.run()

const keys = suite('reordering by keyboard')
const press = (
  key: string,
  mods: Partial<Record<'altKey' | 'ctrlKey' | 'shiftKey', boolean>> = {},
) => ({
  key,
  altKey: false,
  ...mods,
})

keys('Alt+↑ and Alt+↓ move one place; Alt+Home and Alt+End to either end', () => {
  assert.is(keyboardTarget(press('ArrowUp', { altKey: true }), 3, 12), 2)
  assert.is(keyboardTarget(press('ArrowDown', { altKey: true }), 3, 12), 4)
  assert.is(keyboardTarget(press('Home', { altKey: true }), 3, 12), 0)
  assert.is(keyboardTarget(press('End', { altKey: true }), 3, 12), 11)
})

keys('arrows without Alt, other modifiers and other keys keep their usual meaning', () => {
  assert.is(keyboardTarget(press('ArrowUp'), 3, 12), undefined)
  assert.is(keyboardTarget(press('ArrowUp', { altKey: true, shiftKey: true }), 3, 12), undefined)
  assert.is(keyboardTarget(press('ArrowDown', { altKey: true, ctrlKey: true }), 3, 12), undefined)
  assert.is(keyboardTarget(press('Enter', { altKey: true }), 3, 12), undefined)
})

keys('no move past either end, nor onto itself', () => {
  assert.is(keyboardTarget(press('ArrowUp', { altKey: true }), 0, 12), undefined)
  assert.is(keyboardTarget(press('ArrowDown', { altKey: true }), 11, 12), undefined)
  assert.is(keyboardTarget(press('Home', { altKey: true }), 0, 12), undefined)
  assert.is(keyboardTarget(press('End', { altKey: true }), 11, 12), undefined)
})

keys('a keyboard move applied to the list moves that question only, and is announced', () => {
  const drafts = q.toDrafts(stored)
  const to = keyboardTarget(press('ArrowDown', { altKey: true }), 0, drafts.length)!
  const moved = q.move(drafts, 0, to - 0)
  assert.equal(
    moved.map((d) => d.id),
    ['b', 'a', 'c'],
  )
  assert.is(moved[1].key, drafts[0].key, 'the draft keeps its key, so it stays open if it was')
  assert.is(movedMessage(0, to, drafts.length), 'question 1 moved to position 2 of 3')
})

keys.run()

const drag = suite('reordering by dragging')
// Three rows: 50 px, an opened one of 500 px, and 50 px, with no gaps.
const rows = [
  { top: 0, bottom: 50 },
  { top: 50, bottom: 550 },
  { top: 550, bottom: 600 },
]

drag('a row passes a neighbour once the pointer crosses that neighbour’s middle', () => {
  assert.is(dragTarget(40, rows, 0), 0)
  assert.is(dragTarget(299, rows, 0), 0)
  assert.is(dragTarget(301, rows, 0), 1)
  assert.is(dragTarget(590, rows, 0), 2)
  assert.is(dragTarget(10, rows, 2), 0)
})

drag('after passing a tall row, a still pointer does not swap it back', () => {
  // Row 0 was dragged past the tall row: now the tall row is first (0–500) and it is second.
  const after = [
    { top: 0, bottom: 500 },
    { top: 500, bottom: 550 },
    { top: 550, bottom: 600 },
  ]
  assert.is(dragTarget(301, after, 1), 1)
  assert.is(dragTarget(249, after, 1), 0)
})

drag('beyond the list a row goes to the nearest end', () => {
  assert.is(dragTarget(-100, rows, 1), 0)
  assert.is(dragTarget(5000, rows, 1), 2)
})

drag.run()
