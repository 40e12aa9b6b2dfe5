/**
 * Kafka-style streams read by consumer groups (spec, "Partitions and groups"; reference §2.2):
 * every group reads every record; members sorted by node id get partitions range-style (the first
 * `partitions mod members` get one extra, extras idle); each (group, partition) is consumed in offset
 * order with one record in flight; a failing record is retried in place (head-of-line blocking), then
 * dead-lettered, and the group moves on. Offsets are auto-committed every 5 s; a member that goes
 * down loses its uncommitted progress, its partitions move after the 45 s session timeout and again
 * when it returns, and a moved partition resumes from its last commit (duplicates, at-least-once).
 *
 * Commits are computed lazily instead of by a timer: the committed offset is the position held at
 * the last multiple of 5 s, so `syncCommit` before every position change is exact and adds no events.
 */
import type { Engine } from './engine';
import { deadLetter } from './settlement';
import { trackStale } from './projections';
import { E_REASSIGN } from './engine';
import { A_ABANDONED, S_DELAY, S_LOG, S_ACKED } from './tables';
import * as T from './trace';
import { GroupRt, PartitionRt, PATH_GROUP, type ConsumerRt, type PathRt, type StreamRt } from './runtime';
import { abandonAttempt, maybeFree, startAttempt } from './consumers';
import { newPath } from './build';

/** Kafka's auto.commit.interval.ms default, in seconds. */
export const COMMIT_INTERVAL = 5;
/** Kafka's session.timeout.ms default since 3.0 (KIP-735), in seconds. */
export const SESSION_TIMEOUT = 45;

function syncCommit(part: PartitionRt, now: number): void {
  if (Math.floor(now / COMMIT_INTERVAL) > Math.floor(part.posChangeT / COMMIT_INTERVAL)) part.commitPos = part.position;
}

/**
 * Call for every change of a group's lag. Like a queue's depth (spec, "Time and depth": the largest
 * once each instant is fully processed), `maxLag` counts the lag an instant leaves, not a record
 * appended and processed within one instant: at the first change in a new instant the previous
 * changed instant is over and its lag is final. The last instant's is taken by `maxLagOf`.
 */
function updateLag(e: Engine, g: GroupRt, delta: number): void {
  const now = e.now;
  if (g.lagLastT !== now) {
    if (g.lag > g.maxLag) g.maxLag = g.lag;
    g.lagArea += g.lag * (now - g.lagLastT);
    g.lagLastT = now;
  }
  g.lag += delta;
}

/** A group's `maxLag` so far: the current lag counts once its instant is over (see `updateLag`). */
export function maxLagOf(e: Engine, g: GroupRt): number {
  const over = g.lagLastT < e.now || e.heap.headTime > e.now;
  return over && g.lag > g.maxLag ? g.lag : g.maxLag;
}

/** Range assignment over the members that are alive (sorted by node id), extras idle. */
export function rangeAssignment(partitions: number, aliveMembers: number[]): number[] {
  const owners = new Array<number>(partitions).fill(-1);
  const c = aliveMembers.length;
  if (c === 0) return owners;
  const base = Math.floor(partitions / c);
  const extra = partitions % c;
  let p = 0;
  for (let k = 0; k < c; k++) {
    const n = base + (k < extra ? 1 : 0);
    for (let j = 0; j < n; j++) owners[p++] = aliveMembers[k]!;
  }
  return owners;
}

function aliveIndices(g: GroupRt): number[] {
  const out: number[] = [];
  for (let m = 0; m < g.members.length; m++) if (g.alive[m]) out.push(m);
  return out;
}

/** Builds the group runtimes from the group edges (one group per (stream, group name)). */
export function buildGroups(e: Engine): void {
  const m = e.model;
  for (const node of m.nodes) {
    if (node.kind !== 'stream') continue;
    const s = e.streams[node.index]!;
    const byName = new Map<string, number[]>();
    for (const ei of node.out) {
      const edge = m.edges[ei]!;
      if (edge.kind !== 'group') continue;
      let list = byName.get(edge.group);
      if (!list) byName.set(edge.group, (list = []));
      list.push(ei);
    }
    for (const [name, edges] of byName) {
      // Filled by push, not spread: an integer array like the engine's others (see snapshot.ts).
      const members: number[] = [];
      for (const c of new Set(edges.map((ei) => m.edges[ei]!.to))) members.push(c);
      members.sort((a, b) => {
        const x = m.nodes[a]!.id;
        const y = m.nodes[b]!.id;
        return x < y ? -1 : x > y ? 1 : 0;
      });
      const gi = e.groups.length;
      const path = newPath(e, PATH_GROUP, node.index, edges[0]!, -1, gi);
      const proj = members.find((c) => m.nodes[c]!.kind === 'projection');
      if (proj !== undefined) path.projection = proj;
      const g = Object.assign(new GroupRt(), {
        path: path.index,
        stream: node.index,
        name,
        members,
        memberEdges: members.map((c) => edges.find((ei) => m.edges[ei]!.to === c)!),
        alive: members.map(() => true),
        parts: Array.from({ length: node.partitions }, () => new PartitionRt()),
      });
      const owners = rangeAssignment(node.partitions, aliveIndices(g));
      g.parts.forEach((p, i) => (p.owner = owners[i]!));
      e.groups.push(g);
      s.groups.push(gi);
      for (const c of members) e.consumers[c]!.groups.push(gi);
    }
  }
}

function markOwnerDirty(e: Engine, g: GroupRt, part: PartitionRt): void {
  if (part.owner >= 0) e.markConsumerDirty(g.members[part.owner]!);
}

/** A record appended to partition `p`: one delivery per group (the first continues `d`). */
export function appendToGroups(e: Engine, s: StreamRt, d: number, p: number, edge: number): void {
  const dl = e.deliveries;
  const msg = dl.msg[d]!;
  for (let i = 0; i < s.groups.length; i++) {
    const g = e.groups[s.groups[i]!]!;
    const copy = i === 0 ? d : e.copyDelivery(d);
    dl.state[copy] = S_LOG;
    dl.node[dl.slot[copy]!] = s.node;
    dl.path[dl.slot[copy]!] = g.path;
    dl.order[dl.slot[copy]!] = p;
    const part = g.parts[p]!;
    part.deliveries.push(copy);
    e.record(T.T_ENQUEUE, s.node, edge, msg, copy, 0);
    const proj = e.paths[g.path]!.projection;
    if (proj >= 0) trackStale(e, copy, proj);
    updateLag(e, g, 1);
    markOwnerDirty(e, g, part);
  }
}

/** Hands the next record of each partition this member owns, one in flight per partition. */
export function fillFromGroups(e: Engine, c: ConsumerRt): void {
  if (e.down[c.node]) return;
  const dl = e.deliveries;
  for (const gi of c.groups) {
    const g = e.groups[gi]!;
    if (e.down[g.stream]) continue;
    const m = g.members.indexOf(c.node);
    for (let p = 0; p < g.parts.length; p++) {
      const part = g.parts[p]!;
      if (c.busy >= c.concurrency) return;
      if (part.owner !== m) continue;
      let d = part.inflight;
      if (d >= 0) {
        if (dl.state[d] !== S_LOG) continue; // running, or waiting out a retry delay
      } else if (part.redrive.length > 0) {
        d = part.redrive.shift()!;
        part.inflight = d;
        part.inflightRedrive = true;
      } else if (part.position < part.deliveries.length) {
        d = part.deliveries[part.position]!;
        if (dl.state[d]! >= S_ACKED) {
          // Re-reading a record settled before a rewind: the broker hands out a new copy. (The
          // settled one's live slot is gone: its partition is this loop's, not read from it.)
          const copy = e.copyDelivery(d);
          dl.state[copy] = S_LOG;
          dl.node[dl.slot[copy]!] = g.stream;
          dl.path[dl.slot[copy]!] = g.path;
          dl.order[dl.slot[copy]!] = p;
          part.deliveries[part.position] = copy;
          d = copy;
          const proj = e.paths[g.path]!.projection;
          if (proj >= 0) trackStale(e, d, proj);
        }
        part.inflight = d;
        part.inflightRedrive = false;
      } else continue;
      startAttempt(e, c, d, -1, g.memberEdges[m]!);
    }
  }
}

function release(e: Engine, part: PartitionRt): void {
  const d = part.inflight;
  if (d < 0) return;
  const dl = e.deliveries;
  if (dl.state[d] === S_DELAY) dl.state[d] = S_LOG; // its retry timer will find it settled elsewhere
  else dl.state[d] = S_LOG;
  const a = dl.attempt[dl.slot[d]!]!;
  dl.attempt[dl.slot[d]!] = -1;
  if (a >= 0) maybeFree(e, a);
  if (part.inflightRedrive) part.redrive.unshift(d);
  part.inflight = -1;
  part.inflightRedrive = false;
}

function advance(e: Engine, g: GroupRt, part: PartitionRt): void {
  part.inflight = -1;
  if (part.inflightRedrive) {
    part.inflightRedrive = false;
  } else {
    syncCommit(part, e.now);
    part.position++;
    part.posChangeT = e.now;
    updateLag(e, g, -1);
  }
  markOwnerDirty(e, g, part);
}

/** A group record was processed: the group moves on. */
export function onGroupAck(e: Engine, path: PathRt, d: number): void {
  const g = e.groups[path.owner]!;
  const part = g.parts[e.deliveries.order[e.deliveries.slot[d]!]!]!;
  if (part.inflight === d) advance(e, g, part);
}

/** A group record's retries are spent: dead-letter it and move on. */
export function onGroupExhausted(e: Engine, path: PathRt, d: number): void {
  const g = e.groups[path.owner]!;
  const part = g.parts[e.deliveries.order[e.deliveries.slot[d]!]!]!;
  deadLetter(e, g.stream, d);
  if (part.inflight === d) advance(e, g, part);
}

/** The in-place retry delay is over: the same record may be handed out again. */
export function onGroupRetryReady(e: Engine, path: PathRt, d: number): void {
  const g = e.groups[path.owner]!;
  const part = g.parts[e.deliveries.order[e.deliveries.slot[d]!]!]!;
  e.deliveries.state[d] = S_LOG;
  markOwnerDirty(e, g, part);
}

/** A member crashed while processing `d`: nothing is acked, the partition rewinds (see onMemberFault). */
export function abandonGroupAttempt(e: Engine, path: PathRt, d: number): void {
  void path;
  e.deliveries.attempt[e.deliveries.slot[d]!] = -1;
}

/** A redriven dead letter goes back to its group's partition, ahead of the next record. */
export function onRedriveToGroup(e: Engine, d: number, path: PathRt): void {
  const g = e.groups[path.owner]!;
  const part = g.parts[e.deliveries.order[e.deliveries.slot[d]!]!]!;
  e.deliveries.state[d] = S_LOG;
  e.deliveries.node[e.deliveries.slot[d]!] = g.stream;
  part.redrive.push(d);
  markOwnerDirty(e, g, part);
}

function rewind(e: Engine, g: GroupRt, part: PartitionRt): void {
  syncCommit(part, e.now);
  if (part.position !== part.commitPos) {
    updateLag(e, g, part.position - part.commitPos);
    part.position = part.commitPos;
  }
  part.posChangeT = e.now;
}

/** A member goes down (progress since the last commit is lost) or comes back (rebalance now). */
export function onMemberFault(e: Engine, c: ConsumerRt, down: boolean): void {
  for (const gi of c.groups) {
    const g = e.groups[gi]!;
    const m = g.members.indexOf(c.node);
    if (down) {
      for (const part of g.parts) {
        if (part.owner !== m) continue;
        release(e, part);
        rewind(e, g, part);
      }
      e.schedule(e.now + SESSION_TIMEOUT, E_REASSIGN, gi, c.node);
    } else {
      g.alive[m] = true;
      reassignGroup(e, g);
    }
  }
}

/** E_REASSIGN: the session timeout of a member that went down has passed. */
export function reassign(e: Engine, g: GroupRt, memberNode: number): void {
  const c = e.consumers[memberNode]!;
  if (c.downSince < 0 || e.now - c.downSince < SESSION_TIMEOUT - 1e-9) return;
  const m = g.members.indexOf(memberNode);
  if (!g.alive[m]) return;
  g.alive[m] = false;
  reassignGroup(e, g);
}

function reassignGroup(e: Engine, g: GroupRt): void {
  const owners = rangeAssignment(g.parts.length, aliveIndices(g));
  g.parts.forEach((part, p) => {
    const next = owners[p]!;
    if (next === part.owner) return;
    const d = part.inflight;
    if (d >= 0) {
      const a = e.deliveries.attempt[e.deliveries.slot[d]!]!;
      if (a >= 0 && e.attempts.state[a] !== A_ABANDONED) abandonAttempt(e, a);
      release(e, part);
    }
    rewind(e, g, part);
    part.owner = next;
    markOwnerDirty(e, g, part);
  });
}
