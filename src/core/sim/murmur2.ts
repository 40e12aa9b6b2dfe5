/**
 * Kafka's default partitioner for keyed records (apache/kafka `Utils.murmur2`, `Utils.toPositive`,
 * `BuiltInPartitioner.partitionForKey`; see shared/reference/messaging-semantics.md §2.1):
 * `partition = toPositive(murmur2(utf8(key))) % partitions` with `toPositive(x) = x & 0x7fffffff`
 * — not Math.abs, which maps negative hashes elsewhere. 32-bit wrapping needs Math.imul.
 */
import { utf8Bytes } from '../util/utf8';

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** Kafka's murmur2 of `bytes`, as a signed 32-bit integer (Java's int). */
export function murmur2(bytes: Uint8Array): number {
  const length = bytes.length;
  let h = SEED ^ length;
  const blocks = length >> 2;
  for (let i = 0; i < blocks; i++) {
    const o = i * 4;
    let k = bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16) | (bytes[o + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  const tail = blocks * 4;
  const rest = length & 3;
  if (rest === 3) h ^= bytes[tail + 2]! << 16;
  if (rest >= 2) h ^= bytes[tail + 1]! << 8;
  if (rest >= 1) {
    h ^= bytes[tail]!;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's `toPositive`: clears the sign bit (not an absolute value). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/** The partition Kafka's default partitioner picks for a string key (UTF-8, as StringSerializer). */
export function partitionForKey(key: string, partitions: number): number {
  return toPositive(murmur2(utf8Bytes(key))) % partitions;
}
