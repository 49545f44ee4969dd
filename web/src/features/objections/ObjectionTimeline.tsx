import { Timeline, type TimelineItemProps } from 'antd';
import { formatInstant } from '../me/format.ts';
import {
  OBJECTION_STEP_LABELS,
  type Objection,
  PARTY_LABELS,
  STANDING_COLORS,
  type Standing,
} from '../me/labels.ts';
import { StatusTag } from '../me/StatusTag.tsx';

/** A step's standing as the API states it: 按时, N 个工作日内到期, 已逾期, 已按时办结 …. */
/** A procedure's step as the API gives it (objections and repairs alike). */
type ProcedureStep = {
  opened: string;
  closed: string | null;
  due: string | null;
  party: string;
  article: string;
  standing: Standing;
};

/** One step on a procedure's timeline: when, what, by whom and under which article, its deadline and standing. */
export function stepItem(
  key: string,
  step: ProcedureStep,
  label: string,
  results: string[],
): TimelineItemProps {
  return {
    key,
    color: step.closed ? 'green' : step.standing.state === 'overdue' ? 'red' : 'blue',
    content: (
      <div className="timeline-step">
        <p className="step-when">{step.opened}</p>
        <h3>
          {label}
          <span className="step-party">
            （{PARTY_LABELS[step.party] ?? step.party}，{step.article}）
          </span>
        </h3>
        <p className="step-deadline">
          {step.due ? <>期限：{step.due}（工作日计算）</> : <>规定未设期限</>}
          {step.closed ? <>；已于 {step.closed} 办结</> : null} <StandingTag standing={step.standing} />
        </p>
        {results.map((text) => (
          <p key={text}>{text}</p>
        ))}
      </div>
    ),
  };
}

export function StandingTag({ standing }: { standing: Standing }) {
  return (
    <StatusTag tone={STANDING_COLORS[standing.state]}>
      {standing.zh}
      {standing.provisional ? '（按暂定日历）' : ''}
    </StatusTag>
  );
}

const outcomeWords = (outcome: 'upheld' | 'rejected') => (outcome === 'upheld' ? '异议成立' : '异议不成立');

/**
 * The objection from filing to its end (A16, A17): each step with who takes it, when it opened, its
 * working-day deadline and how it stands, and the results — verification, outcome with reasons,
 * correction, appeal — under the step that produced them.
 */
export function ObjectionTimeline({ objection }: { objection: Objection }) {
  const items: TimelineItemProps[] = [
    {
      key: 'filed',
      color: 'green',
      content: (
        <div className="timeline-step">
          <p className="step-when">{formatInstant(objection.filedAt)}</p>
          <h3>提出异议{objection.filedVia === 'center' ? '（信用中心窗口代为提交）' : ''}</h3>
          <p>
            理由：{objection.groundLabel}（{objection.groundArticle}）
          </p>
        </div>
      ),
    },
  ];
  for (const [index, step] of objection.steps.entries()) {
    const results: string[] = [];
    if (step.step === 'verification' && objection.verification) {
      results.push(
        `核实结果（${objection.verification.on}）：${objection.verification.confirmed ? '确有错误' : '未发现错误'}。${objection.verification.reasons}`,
      );
    }
    if (step.step === 'review' && objection.outcome) {
      results.push(
        `审核结果（${objection.outcome.on}）：${outcomeWords(objection.outcome.outcome)}。理由：${objection.outcome.reasons}`,
      );
    }
    if (step.step === 'correction' && objection.correction) {
      results.push(`已更正（${objection.correction.on}）：记录已更新为第 ${objection.correction.version} 版`);
    }
    if (step.step === 'appeal' && objection.appeal) {
      results.push(`申诉理由（${objection.appeal.on}）：${objection.appeal.reasons}`);
      if (objection.appeal.outcome) {
        results.push(
          `申诉决定（${objection.appeal.outcome.on}）：${objection.appeal.outcome.outcome === 'upheld' ? '申诉成立' : '申诉不成立'}。理由：${objection.appeal.outcome.reasons}`,
        );
      }
    }
    items.push(stepItem(`${step.step}-${index}`, step, OBJECTION_STEP_LABELS[step.step], results));
  }
  return <Timeline className="procedure-timeline" items={items} />;
}
