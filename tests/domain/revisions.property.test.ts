import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from '@/domain/backupFormat'
import {
  closingLeaf,
  contentText,
  DELETED_CONTENT,
  mergeLeaf,
  nextRevision,
  openLeaves,
  resolveLeaves,
  winnerOf,
  type Leaf,
} from '@/domain/revisions'

/**
 * Convergence: devices edit, delete, move and resolve records and exchange everything they
 * hold in any order; once every device has seen every other's revisions, all hold the same
 * leaves, the same winners and the same open conflicts. This is the guarantee the exchange
 * packages and the sync rest on.
 */
const LIMIT = 1000
const RECORDS = ['r0', 'r1', 'r2']
type Device = Map<string, Leaf[]>

const op = fc.oneof(
  fc.record({
    kind: fc.constant('edit' as const),
    device: fc.nat(4),
    record: fc.nat(2),
    value: fc.constantFrom('a', 'b', 'c'),
  }),
  fc.record({
    kind: fc.constant('move' as const),
    device: fc.nat(4),
    record: fc.nat(2),
    value: fc.constantFrom('org-1', 'org-2'),
  }),
  fc.record({ kind: fc.constant('delete' as const), device: fc.nat(4), record: fc.nat(2) }),
  fc.record({
    kind: fc.constant('resolve' as const),
    device: fc.nat(4),
    record: fc.nat(2),
    pick: fc.nat(3),
  }),
  fc.record({ kind: fc.constant('send' as const), from: fc.nat(4), to: fc.nat(4) }),
)
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never

/** A local write as the db middleware makes it: a child of the winner, unchanged → none. */
function write(device: Device, id: string, change: Record<string, string>): void {
  const leaves = device.get(id) ?? []
  const winner = leaves.length > 0 ? winnerOf(leaves) : null
  const base = winner && !winner.deleted ? winner.body! : { id, name: '', orgId: 'org-1' }
  const body = { ...base, ...change }
  if (winner && !winner.deleted && contentText('members', body) === contentText('members', base))
    return
  const next = nextRevision(winner?.ancestry ?? null, false, contentText('members', body), LIMIT)
  const rest = leaves.filter((leaf) => leaf !== winner)
  // Writing over a deletion (a restore) closes the other deletions, as removeRecord's inverse.
  const closed = winner?.deleted
    ? rest.map((leaf) => (leaf.deleted && !leaf.closed ? closingLeaf(leaf, LIMIT) : leaf))
    : rest
  device.set(id, [...closed, { ...next, deleted: false, closed: false, body }])
}

/** A local delete: a tombstone on the winner, and every open branch closed with it. */
function remove(device: Device, id: string): void {
  const leaves = device.get(id) ?? []
  if (leaves.length === 0) return
  const winner = winnerOf(leaves)
  if (winner.deleted) return
  const open = new Set(openLeaves(leaves))
  const next = nextRevision(winner.ancestry, true, DELETED_CONTENT, LIMIT)
  device.set(id, [
    { ...next, deleted: true, closed: false },
    ...leaves
      .filter((leaf) => leaf !== winner)
      .map((leaf) => (open.has(leaf) ? closingLeaf(leaf, LIMIT) : leaf)),
  ])
}

function resolve(device: Device, id: string, pick: number): void {
  const leaves = device.get(id) ?? []
  if (openLeaves(leaves).length === 0) return
  const live = leaves.filter((leaf) => !leaf.deleted)
  const chosen = pick < live.length ? live[pick]!.body! : null
  device.set(id, resolveLeaves('members', leaves, chosen, LIMIT).leaves)
}

function send(from: Device, to: Device): void {
  for (const [id, leaves] of from) {
    let here = to.get(id) ?? []
    for (const incoming of leaves) here = mergeLeaf(here, incoming, LIMIT).leaves
    to.set(id, here)
  }
}

function apply(devices: Device[], step: Op): void {
  if (step.kind === 'send') {
    if (step.from % devices.length !== step.to % devices.length)
      send(devices[step.from % devices.length]!, devices[step.to % devices.length]!)
    return
  }
  const device = devices[step.device % devices.length]!
  const id = RECORDS[step.record]!
  if (step.kind === 'edit') write(device, id, { name: step.value })
  else if (step.kind === 'move') write(device, id, { orgId: step.value })
  else if (step.kind === 'delete') remove(device, id)
  else resolve(device, id, step.pick)
}

function summary(device: Device) {
  return Object.fromEntries(
    [...device.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, leaves]) => {
        const winner = winnerOf(leaves)
        return [
          id,
          {
            winner: winner.rev,
            deleted: winner.deleted,
            body: winner.body ? canonicalJson(winner.body) : null,
            leaves: leaves.map((leaf) => leaf.rev).sort(),
            open: openLeaves(leaves)
              .map((leaf) => leaf.rev)
              .sort(),
          },
        ]
      }),
  )
}

describe('replication converges', () => {
  it('any devices, any edits, deletes, moves, resolutions and exchanges in any order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.array(op, { maxLength: 60 }), (n, ops) => {
        const devices: Device[] = Array.from({ length: n }, () => new Map())
        for (const step of ops) apply(devices, step)
        // Everyone sees everyone: two rounds of all pairs reach the fixed point.
        for (let round = 0; round < 2; round++)
          for (const from of devices) for (const to of devices) if (from !== to) send(from, to)
        const first = summary(devices[0]!)
        for (const device of devices.slice(1)) expect(summary(device)).toEqual(first)
        // And merging again changes nothing (idempotent).
        const again = new Map(devices[0]!)
        send(devices[1]!, again)
        expect(summary(again)).toEqual(first)
      }),
      { numRuns: 1500 },
    )
  })

  it('the order packages arrive in does not matter', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 40 }),
        fc.array(fc.nat(3), { minLength: 4, maxLength: 4 }),
        (ops, order) => {
          const devices: Device[] = Array.from({ length: 4 }, () => new Map())
          for (const step of ops) if (step.kind !== 'send') apply(devices, step)
          const forward = new Map<string, Leaf[]>()
          for (const device of devices) send(device, forward)
          const shuffled = new Map<string, Leaf[]>()
          const seen = new Set<number>()
          for (const index of [...order, 0, 1, 2, 3]) {
            if (seen.has(index)) continue
            seen.add(index)
            send(devices[index]!, shuffled)
          }
          expect(summary(shuffled)).toEqual(summary(forward))
        },
      ),
      { numRuns: 1000 },
    )
  })
})
