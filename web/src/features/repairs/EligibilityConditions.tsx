import { Alert } from 'antd';
import { CONDITION_STATUS_LABELS, type Eligibility, VERDICT_LABELS } from '../me/labels.ts';
import { StatusTag, type Tone } from '../me/StatusTag.tsx';

const STATUS_COLORS = { met: 'green', not_met: 'red', judgement: 'gold' } as const satisfies Record<
  string,
  Tone
>;

/**
 * The eligibility explanation (A18, B31, or the national rules) rule by rule, as the server gives it:
 * the verdict with its summary and earliest date, then each condition — requirement or exclusion, its
 * article, met / not yet (from which date) / for the provider to judge — in the server's own words.
 */
export function EligibilityConditions({ eligibility }: { eligibility: Eligibility }) {
  const verdict = VERDICT_LABELS[eligibility.verdict];
  return (
    <div className="eligibility">
      <Alert
        type={verdict.type}
        showIcon
        title={`${verdict.label}（适用 ${eligibility.path}）`}
        description={
          <>
            <p>{eligibility.summary.zh}</p>
            {eligibility.earliestDate ? <p>最早可申请日期：{eligibility.earliestDate}</p> : null}
            {eligibility.lastDayOfUse ? <p>记录使用期限的最后一天：{eligibility.lastDayOfUse}</p> : null}
          </>
        }
      />
      <ol className="condition-list" aria-label="修复条件逐条说明">
        {eligibility.conditions.map((condition) => (
          <li key={condition.code} className={`condition condition-${condition.status}`}>
            <div className="condition-head">
              <StatusTag tone={STATUS_COLORS[condition.status]}>
                {condition.role === 'exclusion'
                  ? condition.status === 'met'
                    ? '不属于排除情形'
                    : '属于排除情形'
                  : CONDITION_STATUS_LABELS[condition.status]}
              </StatusTag>
              <span className="condition-article">
                {condition.role === 'exclusion' ? '排除情形' : '条件'} · {condition.article}
              </span>
            </div>
            <p>{condition.zh}</p>
            {condition.metFrom && condition.status !== 'met' ? (
              <p className="muted">满足日期：{condition.metFrom}</p>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
