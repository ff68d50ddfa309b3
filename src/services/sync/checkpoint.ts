/**
 * Checkpoints as CouchDB's replicator keeps them: a `_local/<replication id>` document on
 * both sides, each with the last source seq and a short history of sessions, so a side that
 * lost or rewound its copy (a restored server, a reset device) makes the pair start from a
 * position both hold, never from one only the other has seen.
 */
import { sha256Hex } from '../backup/bytes'
import type { Checkpoint, Seq } from './types'

export const REPLICATOR = 'zhibu'
export const CHECKPOINT_VERSION = 1
/** Sessions kept per checkpoint (PouchDB keeps 5: enough to find a common one after a rewind). */
export const CHECKPOINT_HISTORY = 5
export const LOWEST_SEQ: Seq = 0

/** The id of the checkpoint documents of replications from `sourceName` to `targetName`. */
export async function replicationId(sourceName: string, targetName: string): Promise<string> {
  const hex = await sha256Hex(`${REPLICATOR}/${CHECKPOINT_VERSION}\n${sourceName}\n${targetName}`)
  return `${REPLICATOR}-${hex.slice(0, 32)}`
}

/**
 * Where a replication resumes, from the checkpoints read on the source and the target
 * (CouchDB's compare_replication_logs): the same session → its seq; otherwise the newest
 * session both histories know; none, or either side without one → from the start.
 */
export function startingSeq(source: Checkpoint | null, target: Checkpoint | null): Seq {
  if (!source || !target || source.version !== target.version) return LOWEST_SEQ
  if (source.session_id === target.session_id) return source.last_seq
  let sourceHistory = source.history
  let targetHistory = target.history
  while (sourceHistory.length > 0 && targetHistory.length > 0) {
    const [newestSource, ...olderSource] = sourceHistory
    const [newestTarget, ...olderTarget] = targetHistory
    if (targetHistory.some((entry) => entry.session_id === newestSource!.session_id)) {
      return newestSource!.last_seq
    }
    if (olderSource.some((entry) => entry.session_id === newestTarget!.session_id)) {
      return newestTarget!.last_seq
    }
    sourceHistory = olderSource
    targetHistory = olderTarget
  }
  return LOWEST_SEQ
}

/** The checkpoint after a batch: this session at `seq`, in front of the sessions before it. */
export function nextCheckpoint(
  previous: Checkpoint | null,
  sessionId: string,
  seq: Seq,
): Checkpoint {
  const older = (previous?.history ?? []).filter((entry) => entry.session_id !== sessionId)
  return {
    session_id: sessionId,
    last_seq: seq,
    history: [{ session_id: sessionId, last_seq: seq }, ...older].slice(0, CHECKPOINT_HISTORY),
    replicator: REPLICATOR,
    version: CHECKPOINT_VERSION,
  }
}

/**
 * A seq as a number for progress estimates: pouchdb-server counts 1, 2, 3…; CouchDB 3's
 * opaque `123-g1AAAA…` starts with a number that grows with the database. null if neither.
 */
export function seqNumber(seq: Seq): number | null {
  if (typeof seq === 'number') return seq
  const match = /^(\d+)/.exec(seq)
  return match ? Number(match[1]) : null
}
