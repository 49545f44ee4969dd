/**
 * Secrets presented again (an API key on every call of a department system) are not parsed and
 * verified against their stored hash again while what they verified against is unchanged: the memo
 * maps a presented secret to that record. It is keyed by the SHA-256 of the secret, never the secret
 * itself, so a heap snapshot or core dump holds no usable key. Only secrets that verified are
 * remembered (a wrong one is always verified and refused); past `maxEntries` all are forgotten.
 */
import { hash } from 'node:crypto';

export type VerifiedSecrets<V> = {
  get(presented: string): V | undefined;
  remember(presented: string, verifiedAgainst: V): void;
  forget(presented: string): void;
};

export function verifiedSecrets<V>(maxEntries: number): VerifiedSecrets<V> {
  const memo = new Map<string, V>();
  const keyOf = (presented: string) => hash('sha256', presented, 'base64');
  return {
    get: (presented) => memo.get(keyOf(presented)),
    remember(presented, verifiedAgainst) {
      if (memo.size >= maxEntries) memo.clear();
      memo.set(keyOf(presented), verifiedAgainst);
    },
    forget: (presented) => void memo.delete(keyOf(presented)),
  };
}
