/**
 * Real-name verification before a subject account is opened. Cities use an external real-name service
 * (公安 identity check, bank card, face match); the platform calls whichever verifier is configured.
 *
 * `demoVerifier` is for demonstrations only: it accepts any subject already registered on the platform
 * when the name matches and the "verification code" is the fixed demo code. It proves nothing about a
 * real person and must never be configured in production (XINYONG_IDENTITY_VERIFIER=none disables
 * self-registration).
 */
export type VerificationRequest = { code: string; name: string; evidence: Record<string, string> };
export type VerificationResult =
  | { verified: true; verifier: string; reference: string }
  | { verified: false; verifier: string; reason: string; reasonEn: string };

export type IdentityVerifier = {
  id: string;
  label: string;
  verify(request: VerificationRequest, registeredName: string | undefined): Promise<VerificationResult>;
};

export const DEMO_VERIFICATION_CODE = '888888';

export const demoVerifier: IdentityVerifier = {
  id: 'demo',
  label: '演示核验（非真实实名认证，仅供演示）/ DEMO verifier — not a real identity check',
  async verify(request, registeredName) {
    if (registeredName === undefined || registeredName !== request.name) {
      return {
        verified: false,
        verifier: 'demo',
        reason: '身份代码与姓名不匹配',
        reasonEn: 'The code and the name do not match',
      };
    }
    if (request.evidence.demoCode !== DEMO_VERIFICATION_CODE) {
      return {
        verified: false,
        verifier: 'demo',
        reason: `演示核验码错误（演示环境固定为 ${DEMO_VERIFICATION_CODE}）`,
        reasonEn: `Wrong demo verification code (the demo uses ${DEMO_VERIFICATION_CODE})`,
      };
    }
    return { verified: true, verifier: 'demo', reference: `demo-${Date.now()}` };
  },
};

/** The configured verifier, or undefined when self-registration is disabled. */
export function identityVerifier(name: string): IdentityVerifier | undefined {
  if (name === 'demo') return demoVerifier;
  return undefined;
}
