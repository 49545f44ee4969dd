/**
 * Result types of the identity-code checks. The module is pure: every check returns a `CodeCheck`
 * and never throws for bad input, so the API, the import jobs and the CLI can show the same
 * bilingual explanation of what is wrong with a code.
 */

/** `citizen_id_15` is a legacy 15-digit citizen ID number (GB 11643 before 1999). */
export type CodeKind = 'citizen_id' | 'citizen_id_15' | 'uscc' | 'organization_code';

/**
 * Why a code is invalid. `code` is stable (integrators branch on it); `position` is 1-based in the
 * normalized code; `expected`/`actual` show the character (or value) the check wanted and found.
 */
export type CodeError = {
  code: string;
  message: string;
  messageEn: string;
  position?: number;
  expected?: string;
  actual?: string;
};

/** Something a person should know about a code that is still accepted. */
export type CodeWarning = { code: string; message: string; messageEn: string };

/**
 * A code registered as real although it fails its check character (issued before the standard
 * settled). Supplied by the caller's registry; it only ever excuses a check character.
 */
export type CodeException = { code: string; kind: CodeKind; reason: string };

export type CodeRegion = { code: string; name: string; fullName: string; abolished?: boolean };

/**
 * The outcome of checking one code. Fields describing the code (`region`, `birthDate`, `gender`,
 * `organizationCode`) are present once that part has been checked, so an invalid result still tells
 * what was understood before the failing part.
 */
export type CodeCheck = {
  input: string;
  normalized: string;
  valid: boolean;
  kind?: CodeKind;
  region?: CodeRegion;
  /** YYYY-MM-DD */
  birthDate?: string;
  gender?: 'male' | 'female';
  /** The 18-character form of a valid 15-digit citizen ID number. */
  upgraded?: string;
  /** The GB 11714 organization code embedded in a USCC (characters 9–17). */
  organizationCode?: string;
  error?: CodeError;
  warnings: CodeWarning[];
};

export type CheckOptions = {
  /** YYYY-MM-DD; birth dates after it are rejected. Default: today in China (Asia/Shanghai). */
  today?: string;
  /** Looks up registered exceptions; consulted only when a code fails nothing but a check character. */
  exception?: (normalized: string) => CodeException | undefined;
};
