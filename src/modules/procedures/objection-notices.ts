/**
 * What the subject is told at each step of its objection (issue 16: "the subject is told the outcome
 * with reasons, in their inbox and by the API"; decision 0032). Pure: the objection, the step just
 * taken and the status replayed with it in, the notice out — in Chinese with the English alongside,
 * citing the article, and nothing about anyone but the subject (no name, no identity code; the
 * reasons are the deciding body's, which the subject is owed).
 *
 * | step                       | kind                              | article  |
 * | -------------------------- | --------------------------------- | -------- |
 * | filed                      | `objection.filed` (the receipt)   | A16, B29 |
 * | verification_requested     | `objection.verification_requested`| A16, B29 |
 * | verified                   | — (told with the decision)        |          |
 * | decided upheld / rejected  | `objection.upheld` / `.rejected`  | A16, B29 |
 * | corrected                  | `objection.corrected`             | A16, B29 |
 * | appealed                   | `objection.appeal_received`       | A17, B30 |
 * | appeal_decided up / rej    | `objection.appeal_upheld` / `.appeal_rejected` | A17, B30 |
 */
import {
  GROUND_LABELS,
  type ObjectionEvent,
  type ObjectionPeriods,
  type ObjectionStatus,
  type Step,
} from './objection-procedure.ts';
import type { SubjectNoticeInput } from './subject-notices.repository.ts';

/** The objection a notice is about. */
export type NoticeObjection = { id: string; subjectId: string; recordId: string };

/** Where the subject follows the objection, and where it appeals a rejection (A17, B30). */
export const objectionLink = (id: string) => `GET /api/v1/me/objections/${id}`;
export const appealLink = (id: string) => `POST /api/v1/me/objections/${id}/appeal`;

/** A deadline as told: the date, and a word when the calendar's year is not yet official. */
function dueText(step: Step | undefined): { zh: string; en: string } {
  if (!step?.due) return { zh: '（规定未设期限）', en: '(the rules set no period)' };
  return step.provisional
    ? {
        zh: `${step.due}（按暂定工作日历计算，以国务院公布的节假日安排为准）`,
        en: `${step.due} (on a provisional working-day calendar; the State Council's schedule prevails)`,
      }
    : { zh: step.due, en: step.due };
}

const stepOf = (status: ObjectionStatus, name: Step['step']) => status.steps.findLast((s) => s.step === name);

/**
 * The notice for the subject of `objection` after `event`, given the status replayed with the event
 * in (for the deadlines it opens) and the policy's periods (told with them); null for a step the subject is not told of on its own (the
 * provider's verification, told with the decision that follows it).
 */
export function objectionNotice(
  objection: NoticeObjection,
  event: ObjectionEvent,
  after: ObjectionStatus,
  periods: ObjectionPeriods,
  /** for `corrected`: the correction withdrew the record (A20) rather than amend it */
  correction: { withdrawn: boolean } = { withdrawn: false },
): SubjectNoticeInput | null {
  const base = {
    subjectId: objection.subjectId,
    procedure: { kind: 'objection', id: objection.id },
    recordId: objection.recordId,
  };
  const follow = objectionLink(objection.id);
  switch (event.kind) {
    case 'filed': {
      const review = stepOf(after, 'review');
      const due = dueText(review);
      const ground = GROUND_LABELS[event.ground];
      return {
        ...base,
        kind: 'objection.filed',
        article: 'A16, B29',
        title: { zh: '异议已受理', en: 'Your objection was received' },
        message: {
          zh: `您对信用记录提出的异议（${ground.zh}）已受理，异议编号 ${objection.id}。信用中心将在 ${due.zh} 前完成审核（A16、B29：${periods.review.workdays} 个工作日）；需要提供单位核实的，由其在审核期限内核实。审核期间可在“我的异议”查看进度。`,
          en: `Your objection to a credit record (${ground.en}) was received as objection ${objection.id}. The credit center reviews it by ${due.en} (A16, B29: ${periods.review.workdays} working days); where the provider must verify, it does so within the review. Follow it under "my objections".`,
        },
        detail: {
          ground: event.ground,
          filedVia: event.by,
          filedOn: event.on,
          reviewDue: review?.due ?? null,
          provisional: review?.provisional ?? false,
          follow,
        },
      };
    }
    case 'verification_requested': {
      const verification = stepOf(after, 'verification');
      const review = stepOf(after, 'review');
      const due = dueText(verification);
      const reviewDue = dueText(review);
      return {
        ...base,
        kind: 'objection.verification_requested',
        article: 'A16, B29',
        title: { zh: '异议已转提供单位核实', en: 'The provider was asked to verify' },
        message: {
          zh: `信用中心已请信息提供单位核实您的异议（异议编号 ${objection.id}），核实期限 ${due.zh}（B29：${periods.providerVerification.workdays} 个工作日）。审核期限不变，仍为 ${reviewDue.zh}（A16）；您无需另行办理。`,
          en: `The credit center asked the provider of the record to verify your objection (${objection.id}) by ${due.en} (B29: ${periods.providerVerification.workdays} working days). The review's deadline stays ${reviewDue.en} (A16); you need do nothing.`,
        },
        detail: {
          verificationDue: verification?.due ?? null,
          reviewDue: review?.due ?? null,
          provisional: (verification?.provisional ?? false) || (review?.provisional ?? false),
          follow,
        },
      };
    }
    case 'verified':
      return null;
    case 'decided': {
      if (event.outcome === 'upheld') {
        const correction = stepOf(after, 'correction');
        const due = dueText(correction);
        return {
          ...base,
          kind: 'objection.upheld',
          article: 'A16, B29',
          title: { zh: '异议成立', en: 'Your objection was upheld' },
          message: {
            zh: `经审核，您的异议成立（异议编号 ${objection.id}）。理由：${event.reasons}。信息提供单位应在 ${due.zh} 前更正该记录（A16、B29：${periods.correction.workdays} 个工作日），更正后将通知您。`,
            en: `On review your objection (${objection.id}) was upheld. Reasons: ${event.reasons}. The provider must correct the record by ${due.en} (A16, B29: ${periods.correction.workdays} working days); you will be told when it has.`,
          },
          detail: {
            outcome: 'upheld',
            decidedOn: event.on,
            reasons: event.reasons,
            verification: after.verification,
            correctionDue: correction?.due ?? null,
            provisional: correction?.provisional ?? false,
            follow,
          },
        };
      }
      const appeal = appealLink(objection.id);
      return {
        ...base,
        kind: 'objection.rejected',
        article: 'A16, A17, B30',
        title: { zh: '异议不成立，记录维持', en: 'Your objection was rejected; the record stands' },
        message: {
          zh: `经审核，您的异议不成立（异议编号 ${objection.id}），该记录维持。理由：${event.reasons}。对处理结果有异议的，可以向市信用办申诉（A17、B30）：在“我的异议”中对本异议提出申诉（${appeal}），或到信用中心窗口办理；对申诉结果仍不服的，可依法申请行政复议或者提起行政诉讼。`,
          en: `On review your objection (${objection.id}) was rejected and the record stands. Reasons: ${event.reasons}. If you disagree with the outcome you may appeal to the city's credit office (A17, B30): appeal this objection under "my objections" (${appeal}) or at the credit center's window; against the appeal's outcome, administrative review or litigation remain open to you by law.`,
        },
        detail: {
          outcome: 'rejected',
          decidedOn: event.on,
          reasons: event.reasons,
          verification: after.verification,
          appeal: { how: appeal, to: 'credit_office', article: 'A17, B30' },
          follow,
        },
      };
    }
    case 'corrected': {
      const withdrawn = correction.withdrawn;
      return {
        ...base,
        kind: 'objection.corrected',
        article: 'A16, B29',
        title: withdrawn
          ? { zh: '记录已撤销', en: 'The record was withdrawn' }
          : { zh: '记录已更正', en: 'The record was corrected' },
        message: withdrawn
          ? {
              zh: `信息提供单位已依您的异议（异议编号 ${objection.id}）撤销该记录（第 ${event.version} 版，记录编号 ${event.recordId}），该记录不再公开和使用，异议办结（A16、A20）。`,
              en: `The provider withdrew the record on your objection (${objection.id}) as version ${event.version} (record ${event.recordId}); it is no longer published or used, and the objection is closed (A16, A20).`,
            }
          : {
              zh: `信息提供单位已依您的异议（异议编号 ${objection.id}）更正该记录，更正后为第 ${event.version} 版（记录编号 ${event.recordId}），异议办结。可在“我的信用记录”中查看。对更正后的记录仍有异议的，可以再次提出异议（A15）。`,
              en: `The provider corrected the record on your objection (${objection.id}): it is now version ${event.version} (record ${event.recordId}), and the objection is closed. See it under "my records". If you disagree with the corrected record you may object to it (A15).`,
            },
        detail: {
          correctedOn: event.on,
          recordId: event.recordId,
          version: event.version,
          withdrawn,
          follow,
        },
      };
    }
    case 'appealed':
      return {
        ...base,
        kind: 'objection.appeal_received',
        article: 'A17, B30',
        title: { zh: '申诉已收到', en: 'Your appeal was received' },
        message: {
          zh: `您对异议处理结果的申诉（异议编号 ${objection.id}）已提交市信用办审查（A17、B30），作出决定后将通知您。规定未设申诉决定的期限；审查期间可在“我的异议”查看进度。`,
          en: `Your appeal against the objection's outcome (${objection.id}) is with the city's credit office (A17, B30); you will be told of its decision. The rules set no period for it; follow it under "my objections".`,
        },
        detail: { appealedOn: event.on, appealedVia: event.by, reasons: event.reasons, follow },
      };
    case 'appeal_decided': {
      if (event.outcome === 'upheld') {
        const correction = stepOf(after, 'correction');
        const due = dueText(correction);
        return {
          ...base,
          kind: 'objection.appeal_upheld',
          article: 'A17, B30',
          title: { zh: '申诉成立', en: 'Your appeal was upheld' },
          message: {
            zh: `市信用办经审查，您的申诉成立（异议编号 ${objection.id}）。理由：${event.reasons}。信息提供单位应在 ${due.zh} 前更正该记录（A16、B29：${periods.correction.workdays} 个工作日），更正后将通知您。`,
            en: `The city's credit office upheld your appeal (${objection.id}). Reasons: ${event.reasons}. The provider must correct the record by ${due.en} (A16, B29: ${periods.correction.workdays} working days); you will be told when it has.`,
          },
          detail: {
            outcome: 'upheld',
            decidedOn: event.on,
            reasons: event.reasons,
            correctionDue: correction?.due ?? null,
            provisional: correction?.provisional ?? false,
            follow,
          },
        };
      }
      return {
        ...base,
        kind: 'objection.appeal_rejected',
        article: 'A17, B30',
        title: { zh: '申诉不成立，记录维持', en: 'Your appeal was rejected; the record stands' },
        message: {
          zh: `市信用办经审查，您的申诉不成立（异议编号 ${objection.id}），该记录维持。理由：${event.reasons}。平台上的异议程序至此办结；仍不服的，可以依法申请行政复议或者提起行政诉讼（A17、B30），相关决定由信用办登记后据以处理。`,
          en: `The city's credit office rejected your appeal (${objection.id}) and the record stands. Reasons: ${event.reasons}. The objection procedure on the platform is closed; administrative review or litigation remain open to you by law (A17, B30), and their decisions are recorded by the credit office and acted on.`,
        },
        detail: {
          outcome: 'rejected',
          decidedOn: event.on,
          reasons: event.reasons,
          beyond: ['administrative_review', 'litigation'],
          follow,
        },
      };
    }
  }
}
