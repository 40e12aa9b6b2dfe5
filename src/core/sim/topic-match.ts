/**
 * RabbitMQ topic-exchange matching (shared/reference/messaging-semantics.md §1.1; rabbitmq-server
 * `rabbit_db_topic_exchange.erl` split rules and `routing_SUITE.erl` binding matrix):
 * keys are `.`-separated words, the empty key has zero words, empty words are words; in a binding
 * key `*` matches exactly one word (possibly empty), `#` zero or more, and only as whole words
 * (`a*`, `##` are literals); comparison is exact and case-sensitive.
 */

/** RabbitMQ's word split: "" → [], otherwise split on every ".". */
export function topicWords(key: string): string[] {
  return key === '' ? [] : key.split('.');
}

/** Whether a routing key matches a topic binding key. */
export function topicMatches(bindingKey: string, routingKey: string): boolean {
  return matchWords(topicWords(bindingKey), topicWords(routingKey));
}

/**
 * Word matcher with memoisation over (pattern index, word index); `#` backtracking without a memo is
 * exponential on keys like `#.#.#.…`.
 */
export function matchWords(pattern: readonly string[], words: readonly string[]): boolean {
  const p = pattern.length;
  const w = words.length;
  // reachable[j] after consuming i pattern words: whether words[0..j) can be matched.
  let reachable = new Uint8Array(w + 1);
  reachable[0] = 1;
  for (let i = 0; i < p; i++) {
    const token = pattern[i]!;
    const next = new Uint8Array(w + 1);
    if (token === '#') {
      let any = 0;
      for (let j = 0; j <= w; j++) {
        if (reachable[j]) any = 1;
        next[j] = any;
      }
    } else {
      for (let j = 0; j < w; j++) {
        if (reachable[j] && (token === '*' || token === words[j])) next[j + 1] = 1;
      }
    }
    reachable = next;
  }
  return reachable[w] === 1;
}

/** A compiled topic binding key: split once, matched many times. */
export function compileTopicBinding(bindingKey: string): (routingKey: string) => boolean {
  const pattern = topicWords(bindingKey);
  if (pattern.length === 1 && pattern[0] === '#') return () => true;
  return (routingKey) => matchWords(pattern, topicWords(routingKey));
}
