import { Blob as NodeBlob } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import {
  ancestryFrom,
  ancestryOf,
  closingLeaf,
  compactRevision,
  contentOf,
  expandRevision,
  firstRevision,
  mergeLeaf,
  nextRevision,
  openLeaves,
  parseRev,
  resolveLeaves,
  revisionHash,
  revisionOf,
  winnerOf,
  type Leaf,
} from '@/domain/revisions'

const H = (c: string) => c.repeat(32)
const leaf = (ancestry: string[], deleted = false, closed = false): Leaf => ({
  rev: ancestry[0]!,
  ancestry,
  deleted,
  closed,
})

describe('revision ids', () => {
  it('are CouchDB-shaped and deterministic: the same edit twice is the same revision', () => {
    const a = nextRevision(null, false, '{"name":"甲"}', 1000)
    const b = nextRevision(null, false, '{"name":"甲"}', 1000)
    expect(a.rev).toMatch(/^1-[0-9a-f]{32}$/)
    expect(a).toEqual(b)
    const child = nextRevision(a.ancestry, false, '{"name":"乙"}', 1000)
    expect(parseRev(child.rev).generation).toBe(2)
    expect(child.ancestry).toEqual([child.rev, a.rev])
    // The parent is part of the hash: the same content on another history is another revision.
    const other = nextRevision([`1-${H('a')}`], false, '{"name":"乙"}', 1000)
    expect(other.rev).not.toBe(child.rev)
    // Deleted or not is part of it too.
    expect(revisionHash('', true, '{}')).not.toBe(revisionHash('', false, '{}'))
  })

  it('leave out timestamps, revision fields and derived fields; a photo hashes as size and type', () => {
    const member = { id: 'm1', name: '王芳', updatedAt: 'x', lastAttendedOn: '2026-01-01' }
    const later = { ...member, updatedAt: 'y', lastAttendedOn: '2026-11-01', _rev: `3-${H('b')}` }
    expect(firstRevision('members', member)).toBe(firstRevision('members', later))
    expect(firstRevision('members', { ...member, name: '李强' })).not.toBe(
      firstRevision('members', member),
    )
    // lastAttendedOn is derived for members only; for meetings it would be content.
    expect(contentOf('meetings', member)).toHaveProperty('lastAttendedOn')
    const photo = {
      id: 'p',
      blob: new NodeBlob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }),
    }
    expect(contentOf('photos', photo)).toEqual({
      id: 'p',
      blob: { $blobSize: 3, type: 'image/jpeg' },
    })
  })

  it('a record without _rev counts as the first revision of its content', () => {
    const firm = { id: 'f1', name: '甲公司', updatedAt: 'x' }
    expect(revisionOf('firms', firm)).toBe(firstRevision('firms', firm))
    expect(ancestryOf('firms', firm)).toEqual([firstRevision('firms', firm)])
  })

  it('store compactly and read back the same ancestry', () => {
    const firm = { id: 'f1', name: '甲公司' }
    const first = firstRevision('firms', firm)
    expect(compactRevision('firms', { ...firm, _rev: first }, [first])).toEqual(firm)
    const second = nextRevision([first], false, '{"x":1}', 1000)
    const stored = compactRevision('firms', firm, second.ancestry)
    expect(stored._rev).toBe(second.rev)
    expect(ancestryOf('firms', stored)).toEqual(second.ancestry)
    expect(expandRevision('firms', stored)._revisions).toEqual({
      start: 2,
      ids: second.ancestry.map((rev) => rev.slice(2)),
    })
    // A first revision that is not the content's own (made elsewhere) keeps its _rev.
    const foreign = `1-${H('c')}`
    expect(compactRevision('firms', firm, [foreign])._rev).toBe(foreign)
  })

  it('read _revisions only when it matches _rev', () => {
    expect(ancestryFrom(`3-${H('c')}`, { start: 3, ids: [H('c'), H('b'), H('a')] })).toEqual([
      `3-${H('c')}`,
      `2-${H('b')}`,
      `1-${H('a')}`,
    ])
    expect(ancestryFrom(`3-${H('c')}`, { start: 2, ids: [H('c')] })).toEqual([`3-${H('c')}`])
    expect(ancestryFrom(`3-${H('c')}`, { start: 3, ids: [H('d')] })).toEqual([`3-${H('c')}`])
    expect(ancestryFrom(`3-${H('c')}`, 'junk')).toEqual([`3-${H('c')}`])
  })
})

describe('the winner (PouchDB winningRev)', () => {
  it('a live leaf beats a deleted one whatever the generations', () => {
    const live = leaf([`2-${H('a')}`])
    const deleted = leaf([`9-${H('f')}`], true)
    expect(winnerOf([deleted, live])).toBe(live)
  })
  it('then the higher generation, then the higher hash', () => {
    const two = leaf([`2-${H('0')}`])
    const three = leaf([`3-${H('0')}`])
    expect(winnerOf([three, two])).toBe(three)
    const low = leaf([`3-${H('1')}`])
    const high = leaf([`3-${H('e')}`])
    expect(winnerOf([high, low])).toBe(high)
    expect(winnerOf([low, high])).toBe(high)
    // Generations compare as numbers, not text: 10 is above 9.
    expect(winnerOf([leaf([`9-${H('f')}`]), leaf([`10-${H('0')}`])]).rev).toBe(`10-${H('0')}`)
  })
  it('among deleted leaves only, the same order', () => {
    expect(winnerOf([leaf([`4-${H('a')}`], true), leaf([`3-${H('f')}`], true)]).rev).toBe(
      `4-${H('a')}`,
    )
  })
})

describe('merging a revision into the leaves', () => {
  const r1 = `1-${H('a')}`
  const r2 = `2-${H('b')}`
  const r3 = `3-${H('c')}`
  const x2 = `2-${H('d')}`

  it('an ancestor of a leaf, or the leaf itself, is already here', () => {
    const leaves = [leaf([r3, r2, r1])]
    expect(mergeLeaf(leaves, leaf([r2, r1]), 1000).outcome).toBe('have')
    expect(mergeLeaf(leaves, leaf([r3, r2, r1]), 1000).outcome).toBe('have')
  })
  it('a descendant replaces the leaf it descends from', () => {
    const result = mergeLeaf([leaf([r1])], leaf([r3, r2, r1]), 1000)
    expect(result.outcome).toBe('extends')
    expect(result.leaves.map((l) => l.rev)).toEqual([r3])
  })
  it('keeps the longer history below the join (a stemmed incoming ancestry)', () => {
    const result = mergeLeaf([leaf([r2, r1])], leaf([r3, r2]), 1000)
    expect(result.leaves[0]!.ancestry).toEqual([r3, r2, r1])
    expect(mergeLeaf([leaf([r2, r1])], leaf([r3, r2]), 2).leaves[0]!.ancestry).toEqual([r3, r2])
  })
  it('anything else is a new branch beside ours: a conflict', () => {
    const result = mergeLeaf([leaf([r2, r1])], leaf([x2, r1]), 1000)
    expect(result.outcome).toBe('branch')
    expect(result.leaves.map((l) => l.rev).sort()).toEqual([r2, x2].sort())
    expect(openLeaves(result.leaves).map((l) => l.rev)).toEqual([
      winnerOf(result.leaves) === result.leaves[0] ? x2 : r2,
    ])
  })
  it('a deletion against an edit stays open; a closed branch does not', () => {
    const edit = leaf([r2, r1])
    const deletion = leaf([x2, r1], true)
    expect(winnerOf([edit, deletion])).toBe(edit)
    expect(openLeaves([edit, deletion])).toEqual([deletion])
    const closed = closingLeaf(deletion, 1000)
    const after = mergeLeaf([edit, deletion], closed, 1000)
    expect(after.outcome).toBe('extends')
    expect(openLeaves(after.leaves)).toEqual([])
    // All deleted: nothing is open, the record is deleted.
    expect(openLeaves([leaf([r2, r1], true), deletion])).toEqual([])
  })
  it('a resolution makes one revision on top of the winner and closes the rest', () => {
    const a: Leaf = { ...leaf([r2, r1]), body: { id: 'x', name: 'a' } }
    const b: Leaf = { ...leaf([x2, r1]), body: { id: 'x', name: 'b' } }
    const { leaves, winner } = resolveLeaves('firms', [a, b], { id: 'x', name: 'ab' }, 1000)
    expect(parseRev(winner.rev).generation).toBe(3)
    expect(winner.ancestry).toContain(winnerOf([a, b]).rev)
    expect(openLeaves(leaves)).toEqual([])
    expect(leaves.filter((l) => l.closed)).toHaveLength(1)
    // Keeping the winner's own content makes no revision for it, only the closing one.
    const keep = resolveLeaves('firms', [a, b], winnerOf([a, b]).body!, 1000)
    expect(keep.winner.rev).toBe(winnerOf([a, b]).rev)
    expect(openLeaves(keep.leaves)).toEqual([])
  })
})

describe('the 待办 line for open conflicts', () => {
  it('appears while records wait, linking to the conflict screen', async () => {
    const { conflictsTodoItem } = await import('@/domain/exchange')
    expect(conflictsTodoItem(0)).toBeNull()
    expect(conflictsTodoItem(3)).toMatchObject({
      kind: 'data',
      code: 'backup.todo.conflicts',
      params: { n: 3 },
      link: '/data/conflicts',
    })
  })
})
