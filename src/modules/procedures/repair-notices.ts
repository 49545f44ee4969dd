/**
 * What the subject is told at each step of its repair application (issue 16; decision 0032). Pure: the
 * application, the step just taken and the status replayed with it in, the notice out — in Chinese with
 * the English alongside, citing the article; nothing about anyone but the subject (the objector to a
 * notice is not named).
 *
 * | step                                  | kind                         |
 * | ------------------------------------- | ---------------------------- |
 * | applied                               | `repair.applied` (receipt)   |
 * | opinion in favour                     | `repair.opinion_favourable`  |
 * | objection during the notice           | `repair.notice_objected`     |
 * | objection verified unfounded          | `repair.notice_objection_unfounded` |
 * | opinion against, founded objection, not adopted | `repair.refused`   |
 * | adopted                               | `repair.adopted`             |
 */
import type { RepairEvent, RepairStatus } from './repair-procedure.ts';
import type { SubjectNoticeInput } from './subject-notices.repository.ts';

export type NoticeRepair = { id: string; subjectId: string; recordId: string; article: string };

const FREE = { zh: '信用修复不收取任何费用。', en: 'Credit repair is free of charge.' };

export function repairNotice(
  repair: NoticeRepair,
  event: RepairEvent,
  after: RepairStatus,
): SubjectNoticeInput | null {
  const base = {
    subjectId: repair.subjectId,
    article: repair.article,
    procedure: { kind: 'repair', id: repair.id },
    recordId: repair.recordId,
  };
  const link = `GET /api/v1/me/repairs/${repair.id}`;
  const last = after.steps.at(-1);
  switch (event.kind) {
    case 'applied':
      return {
        ...base,
        kind: 'repair.applied',
        title: { zh: '信用修复申请已受理', en: 'Repair application received' },
        message: {
          zh: `您的信用修复申请已受理，信息提供单位应于 ${last?.due} 前出具书面修复意见（${repair.article}）。${FREE.zh}`,
          en: `Your repair application was received; the provider gives its written opinion by ${last?.due} (${repair.article}). ${FREE.en}`,
        },
        detail: { path: event.path, opinionDue: last?.due ?? null, link },
      };
    case 'opinion':
      if (!event.agrees) return refused(base, link, event.reasons, 'provider');
      return {
        ...base,
        kind: 'repair.opinion_favourable',
        title: { zh: '信息提供单位同意修复', en: 'The provider agrees to the repair' },
        message: after.notice
          ? {
              zh: `信息提供单位同意修复，修复意见于 ${after.notice.from} 至 ${after.notice.until} 公示；公示期满无异议的，由信用中心决定是否采纳（${repair.article}）。`,
              en: `The provider agrees; its opinion is publicized from ${after.notice.from} to ${after.notice.until}, after which the credit center decides (${repair.article}).`,
            }
          : {
              zh: `信息提供单位同意修复，信用中心将于 ${last?.due} 前答复（${repair.article}）。`,
              en: `The provider agrees; the credit center answers by ${last?.due} (${repair.article}).`,
            },
        detail: { reasons: event.reasons, notice: after.notice, decisionDue: last?.due ?? null, link },
      };
    case 'notice_objected':
      return {
        ...base,
        kind: 'repair.notice_objected',
        title: { zh: '公示期间收到异议', en: 'An objection was raised during the notice' },
        message: {
          zh: `修复意见公示期间收到异议，信息提供单位应于 ${last?.due} 前核实；核实期间暂不作出采纳决定（${repair.article}）。`,
          en: `An objection was raised during the notice; the provider verifies it by ${last?.due}, and no decision is taken meanwhile (${repair.article}).`,
        },
        detail: { verificationDue: last?.due ?? null, link },
      };
    case 'notice_objection_verified':
      if (event.founded) return refused(base, link, event.reasons, 'notice_objection');
      return {
        ...base,
        kind: 'repair.notice_objection_unfounded',
        title: { zh: '公示异议经核实不成立', en: 'The objection to the notice was unfounded' },
        message: {
          zh: `公示期间的异议经核实不成立：${event.reasons}。修复申请继续办理（${repair.article}）。`,
          en: `The objection raised during the notice was found unfounded: ${event.reasons}. The application goes on (${repair.article}).`,
        },
        detail: { reasons: event.reasons, link },
      };
    case 'lapsed':
      return {
        ...base,
        kind: 'repair.lapsed',
        title: {
          zh: '记录已撤销，信用修复申请终止',
          en: 'The record was withdrawn; the repair application is closed',
        },
        message: {
          zh: `该记录已依据决定撤销，不再公开和使用（A20），无需修复，信用修复申请随之终止。`,
          en: 'The record was withdrawn on a decision and is no longer published or used (A20): there is nothing to repair, and the application is closed.',
        },
        detail: { link },
      };
    case 'decided':
      if (!event.adopted) return refused(base, link, event.reasons, 'center');
      return {
        ...base,
        kind: 'repair.adopted',
        title: { zh: '信用修复已完成', en: 'Your credit repair is complete' },
        message: {
          zh: `信用中心已采纳修复（决定书编号 ${event.decisionNumber}）：原记录转为档案，不再公开，不再作为联合惩戒的依据，近期查询过您的部门已收到通知（${repair.article}）。可下载信用修复决定书。`,
          en: `The credit center adopted the repair (decision ${event.decisionNumber}): the original record is archived, no longer published or used for joint punishment, and departments that checked you recently have been told (${repair.article}). Download the decision.`,
        },
        detail: {
          decisionNumber: event.decisionNumber,
          reasons: event.reasons,
          decision: `GET /api/v1/me/repairs/${repair.id}/decision`,
          link,
        },
      };
  }
}

function refused(
  base: Omit<SubjectNoticeInput, 'kind' | 'title' | 'message' | 'detail'>,
  link: string,
  reasons: string,
  by: 'provider' | 'notice_objection' | 'center',
): SubjectNoticeInput {
  const who = {
    provider: ['信息提供单位不同意修复', 'The provider does not agree to the repair'],
    notice_objection: ['公示期间的异议经核实成立', 'The objection raised during the notice was founded'],
    center: ['信用中心决定不予采纳', 'The credit center did not adopt the repair'],
  }[by];
  return {
    ...base,
    kind: 'repair.refused',
    title: { zh: '信用修复未获通过', en: 'Repair refused' },
    message: {
      zh: `${who[0]}：${reasons}。您可在纠正后重新申请；对记录本身有异议的，可提出异议（A15、B28）。`,
      en: `${who[1]}: ${reasons}. You may apply again once this is put right; to dispute the record itself, file an objection (A15, B28).`,
    },
    detail: { refusedBy: by, reasons, link },
  };
}
