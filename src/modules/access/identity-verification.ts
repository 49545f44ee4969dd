/**
 * Real-name verification before a subject opens an account by itself (issue 14 §1). A city verifies
 * people and organizations with a service of its own (公安 real-name check, the city's e-ID app, a
 * bank-card or face match, the enterprise registry for an organization's agent); the platform calls
 * whichever verifier is configured and keeps its answer as evidence (`account_bindings`, the audit
 * trail). Without a configured verifier self-registration is off, and accounts are opened by the
 * credit center (`POST /api/v1/admin/accounts` with a stated purpose, or `xinyong user create`).
 *
 * ## Choosing the verifier (`XINYONG_IDENTITY_VERIFIER`)
 *
 * - `none` (the default): self-registration is off.
 * - `demo`: the demo verifier below; only in a demo environment (`XINYONG_DEMO=true`,
 *   `xinyong serve --demo`, `npm run demo`), where it is the default. It proves nothing about anyone.
 * - `module:PATH`: a deployment's adapter, loaded once at start (identity-verifier.loader.ts).
 *
 * ## The adapter shape
 *
 * An adapter is an ES module (`.js`, or `.ts` run by Node 24's type stripping) whose default export
 * is a factory `(options: { env: Record<string, string | undefined> }) => IdentityVerifier` (it may
 * return a promise). It reads its own settings (service URL, credentials) from `env`, and its
 * `verify()` answers one question: is the applicant presenting `evidence` the person or organization
 * named `name` with identity code `code`? The platform separately requires that the subject is
 * already on the platform under that name, and answers the applicant the same way whatever failed:
 * `reason` goes to the audit trail only, never to the applicant. `verify()` is called for every
 * attempt, even when the subject is unknown, so an answer's timing tells nothing either. A thrown
 * error is a failure of the service (HTTP 503), not a refusal. For example:
 *
 * ```js
 * // /etc/xinyong/eid-verifier.js
 * export default function ({ env }) {
 *   return {
 *     id: 'huaian-eid',
 *     label: '淮安市电子身份认证 / Huai'an e-ID',
 *     async verify({ code, name, evidence }) {
 *       const res = await fetch(env.EID_URL, { method: 'POST', body: JSON.stringify({ code, name, ticket: evidence.ticket }) });
 *       const body = await res.json();
 *       return body.match
 *         ? { verified: true, reference: body.serial }
 *         : { verified: false, reason: body.reason ?? 'no match' };
 *     },
 *   };
 * }
 * ```
 */
export type VerificationRequest = {
  /** the identity code as normalised by the platform (citizen ID number, unified social credit code …) */
  code: string;
  /** the name the applicant typed */
  name: string;
  /** what the applicant presented, in the verifier's own fields (an e-ID ticket, an SMS code …) */
  evidence: Readonly<Record<string, string>>;
};

/** One field of the applicant's evidence: its key in `evidence` and its label in Chinese and English. */
export type EvidenceField = { key: string; label: string; labelEn: string };

export type VerificationResult = { verified: true; reference: string } | { verified: false; reason: string };

export type IdentityVerifier = {
  /** recorded with every binding it vouched for and in the audit trail */
  id: string;
  /** shown to people (registration page, API description) */
  label: string;
  /** only the demo verifier: the server then announces a demo environment everywhere */
  demo?: boolean;
  /**
   * What the applicant types for the verifier, as `evidence` keys with labels (the registration page
   * shows one field each; GET /api/v1/auth/registration). None: the verifier needs no typed field.
   */
  evidenceFields?: readonly EvidenceField[];
  verify(request: VerificationRequest): Promise<VerificationResult>;
};

/** The factory an adapter module exports as its default. */
export type IdentityVerifierFactory = (options: {
  env: Readonly<Record<string, string | undefined>>;
}) => IdentityVerifier | Promise<IdentityVerifier>;

export const DEMO_VERIFICATION_CODE = '888888';

/**
 * For demonstrations only: "verifies" anyone who types the fixed demo code. Whether the subject is on
 * the platform under the name typed is the platform's own check, as with any verifier.
 */
export const demoVerifier: IdentityVerifier = {
  id: 'demo',
  label: `演示核验（核验码 ${DEMO_VERIFICATION_CODE}，非真实实名认证）/ DEMO verifier (code ${DEMO_VERIFICATION_CODE}) — not a real identity check`,
  demo: true,
  evidenceFields: [{ key: 'demoCode', label: '演示核验码', labelEn: 'demo verification code' }],
  async verify(request) {
    return request.evidence.demoCode === DEMO_VERIFICATION_CODE
      ? { verified: true, reference: 'demo' }
      : { verified: false, reason: 'wrong demo code' };
  },
};

/** What the platform says wherever it runs as a demonstration (start, landing page, /api/health). */
export const DEMO_ENVIRONMENT_NOTICE = {
  zh: `演示环境：数据为虚构，自助注册使用演示核验（核验码 ${DEMO_VERIFICATION_CODE}），不是真实实名认证，切勿用于真实数据。`,
  en: `Demo environment: invented data; self-registration uses the demo verifier (code ${DEMO_VERIFICATION_CODE}), not a real identity check. Never use it on real data.`,
} as const;

/** Whether an object has the shape of an IdentityVerifier (an adapter's factory result is checked). */
export function isIdentityVerifier(value: unknown): value is IdentityVerifier {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    v.id.length > 0 &&
    typeof v.label === 'string' &&
    typeof v.verify === 'function' &&
    (v.evidenceFields === undefined ||
      (Array.isArray(v.evidenceFields) &&
        v.evidenceFields.every(
          (f: { key?: unknown; label?: unknown; labelEn?: unknown }) =>
            typeof f?.key === 'string' && typeof f.label === 'string' && typeof f.labelEn === 'string',
        )))
  );
}
