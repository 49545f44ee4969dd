import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Staff passwords are stored only as argon2id hashes in the PHC string format
 * (`$argon2id$v=19$m=…,t=…,p=…$<salt>$<hash>`, unpadded standard base64), the format the reference
 * implementation and most libraries read, so hashes stay portable. The cost is written into each
 * string: raising it later only needs `needsRehash` at the next successful login.
 */
export type Argon2idParameters = {
  /** memory cost in KiB (the PHC `m`) */
  memoryKiB: number;
  /** number of passes over memory (the PHC `t`) */
  passes: number;
  /** lanes (the PHC `p`) */
  parallelism: number;
  saltBytes: number;
  hashBytes: number;
};

/** OWASP Password Storage Cheat Sheet minimum for argon2id: 19 MiB, 2 passes, 1 lane. */
export const ARGON2ID_PARAMETERS: Readonly<Argon2idParameters> = Object.freeze({
  memoryKiB: 19_456,
  passes: 2,
  parallelism: 1,
  saltBytes: 16,
  hashBytes: 32,
});

/**
 * Upper bounds on what a stored string may ask for, so a corrupted or hostile row cannot make one
 * login allocate gigabytes or spin for minutes. They sit far above any cost we would choose.
 */
const LIMITS = { memoryKiB: 1_048_576, passes: 64, parallelism: 16, minSaltBytes: 8, minHashBytes: 16 };
const ARGON2_VERSION = 19; // 0x13, the only version RFC 9106 defines
const PHC_PATTERN = /^\$argon2id\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

type ParsedHash = {
  version: number;
  memoryKiB: number;
  passes: number;
  parallelism: number;
  salt: Buffer;
  hash: Buffer;
};

/**
 * NIST SP 800-63B §5.1.1.2: normalise Unicode before hashing, so a password typed with a different
 * input method (full-width digits, composed vs decomposed characters) still matches.
 */
const normalise = (plain: string): string => plain.normalize('NFKC');

function derive(
  plain: string,
  salt: Buffer,
  cost: Omit<ParsedHash, 'version' | 'salt' | 'hash'>,
  length: number,
) {
  // The callback form runs on libuv's thread pool, so a login does not block the event loop.
  return new Promise<Buffer>((resolve, reject) => {
    argon2(
      'argon2id',
      {
        message: normalise(plain),
        nonce: salt,
        memory: cost.memoryKiB,
        passes: cost.passes,
        parallelism: cost.parallelism,
        tagLength: length,
      },
      (error, derivedKey) => (error ? reject(error) : resolve(derivedKey)),
    );
  });
}

const b64 = (bytes: Buffer): string => bytes.toString('base64').replace(/=+$/, '');

/** Hashes a password with a fresh random salt; returns the PHC string to store. */
export async function hashPassword(
  plain: string,
  parameters: Readonly<Argon2idParameters> = ARGON2ID_PARAMETERS,
): Promise<string> {
  const salt = randomBytes(parameters.saltBytes);
  const hash = await derive(plain, salt, parameters, parameters.hashBytes);
  const { memoryKiB: m, passes: t, parallelism: p } = parameters;
  return `$argon2id$v=${ARGON2_VERSION}$m=${m},t=${t},p=${p}$${b64(salt)}$${b64(hash)}`;
}

/** Reads a PHC string; undefined when it is not an argon2id hash we are willing to compute. */
export function parsePasswordHash(phc: string): ParsedHash | undefined {
  const match = PHC_PATTERN.exec(phc);
  if (!match) return undefined;
  const [version, memoryKiB, passes, parallelism] = match.slice(1, 5).map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const salt = Buffer.from(match[5]!, 'base64');
  const hash = Buffer.from(match[6]!, 'base64');
  const sane =
    version === ARGON2_VERSION &&
    parallelism >= 1 &&
    parallelism <= LIMITS.parallelism &&
    passes >= 1 &&
    passes <= LIMITS.passes &&
    memoryKiB >= 8 * parallelism &&
    memoryKiB <= LIMITS.memoryKiB &&
    salt.length >= LIMITS.minSaltBytes &&
    hash.length >= LIMITS.minHashBytes &&
    // reject non-canonical base64 (stray trailing bits), so one hash has exactly one spelling
    b64(salt) === match[5] &&
    b64(hash) === match[6];
  return sane ? { version, memoryKiB, passes, parallelism, salt, hash } : undefined;
}

/**
 * True when `plain` matches the stored PHC string, computed with the parameters the string names.
 * A malformed or tampered string is simply a mismatch: the caller answers "wrong user name or
 * password" either way and must not reveal which.
 */
export async function verifyPassword(plain: string, phc: string): Promise<boolean> {
  const stored = parsePasswordHash(phc);
  if (!stored) return false;
  const candidate = await derive(plain, stored.salt, stored, stored.hash.length);
  return timingSafeEqual(candidate, stored.hash);
}

/**
 * True when the stored hash was made with other parameters than the current ones (or cannot be
 * read): after a successful `verifyPassword`, hash the password again and store the new string.
 */
export function needsRehash(
  phc: string,
  parameters: Readonly<Argon2idParameters> = ARGON2ID_PARAMETERS,
): boolean {
  const stored = parsePasswordHash(phc);
  return (
    !stored ||
    stored.memoryKiB !== parameters.memoryKiB ||
    stored.passes !== parameters.passes ||
    stored.parallelism !== parameters.parallelism ||
    stored.salt.length < parameters.saltBytes ||
    stored.hash.length !== parameters.hashBytes
  );
}
