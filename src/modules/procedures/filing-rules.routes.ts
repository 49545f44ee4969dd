import type { HttpApp } from '../../platform/http/server.ts';
import type { Policy } from '../policy/index.ts';
import {
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MAX_FILES,
  EVIDENCE_NAME_MAX,
  EVIDENCE_TYPE_NAMES,
  EVIDENCE_TYPES,
} from './evidence-files.ts';
import { FilingRulesView } from './filing-rules.api.ts';
import { GROUND_LABELS, OBJECTION_GROUNDS, type ObjectionGround } from './objection-procedure.ts';

/** When each ground applies, in the words a subject reads on the objection form. */
const GROUND_HINTS: Record<ObjectionGround, { zh: string; en: string }> = {
  wrong_or_incomplete: {
    zh: '记录的内容与事实不符，或缺少应有的内容（如已缴清、已整改、日期或金额错误）',
    en: 'the record says something untrue, or leaves out what it should say (paid, rectified, a wrong date or amount)',
  },
  forbidden_data: {
    zh: '记录含有依法禁止采集的个人信息（宗教信仰、基因、血型、疾病和病史等）',
    en: 'the record holds personal data the law forbids collecting (religion, genes, blood type, illness and medical history …)',
  },
  past_validity: {
    zh: '记录已超过有效期（一般失信 1 年、严重失信 3 年等），仍在公示或使用',
    en: 'the record is past its validity (1 year for 一般, 3 years for 严重 …) and is still published or used',
  },
  cross_check: {
    zh: '对红黑名单交叉比对的结果有异议（如因列入黑名单被移出红名单）',
    en: 'you dispute the red/black list cross-check (taken off a red list because of a black-list entry)',
  },
};

const mib = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

export type FilingRulesRoutesDeps = { policy: Policy };

/**
 * Issue 17: the objection form lists the grounds as the law gives them and says which files it takes,
 * from the same rules the procedures apply (objection-procedure.ts, evidence-files.ts, the policy), so
 * the page decides nothing of its own. Public: these are the rules, not anyone's data.
 */
export function filingRulesRoutes(ctx: FilingRulesRoutesDeps) {
  const { review, providerVerification, correction } = ctx.policy.objection;
  const types = EVIDENCE_TYPE_NAMES.map((type) => ({
    type,
    label: EVIDENCE_TYPES[type].zh,
    mediaType: EVIDENCE_TYPES[type].mediaType,
    extensions: [...EVIDENCE_TYPES[type].extensions],
  }));
  const view = {
    objection: {
      grounds: OBJECTION_GROUNDS.map((code) => ({
        code,
        label: GROUND_LABELS[code].zh,
        labelEn: GROUND_LABELS[code].en,
        article: GROUND_LABELS[code].article,
        hint: GROUND_HINTS[code].zh,
        hintEn: GROUND_HINTS[code].en,
      })),
      review: { workdays: review.workdays, basis: review.basis },
      providerVerification: { workdays: providerVerification.workdays, basis: providerVerification.basis },
      correction: { workdays: correction.workdays, basis: correction.basis },
    },
    evidence: {
      types,
      maxBytes: EVIDENCE_MAX_BYTES,
      maxFiles: EVIDENCE_MAX_FILES,
      nameMaxLength: EVIDENCE_NAME_MAX,
      summary: `${types.map((t) => t.label).join('、')}，每个不超过 ${mib(EVIDENCE_MAX_BYTES)}，最多 ${EVIDENCE_MAX_FILES} 个；类型按文件内容判断，Word 等其他文件不受理`,
      summaryEn: `PDF, JPEG, PNG or OFD, at most ${mib(EVIDENCE_MAX_BYTES)} each, ${EVIDENCE_MAX_FILES} in all; the type is read from the content, other files (Word …) are refused`,
    },
  };

  return (app: HttpApp) => {
    app.get(
      '/api/v1/procedures/filing-rules',
      {
        schema: {
          tags: ['procedures'],
          summary:
            '提出异议的理由、处理期限和证据材料的要求 / the grounds of an objection, its deadlines, and the evidence files taken',
          response: { 200: FilingRulesView },
        },
        config: { access: { kind: 'public', reason: 'the rules for filing, published like the policy' } },
      },
      async () => view,
    );
  };
}
