import { Timeline, type TimelineItemProps } from 'antd';
import { formatInstant } from '../me/format.ts';
import { REPAIR_STEP_LABELS, type Repair } from '../me/labels.ts';
import { stepItem } from '../objections/ObjectionTimeline.tsx';

const REFUSED_BY = {
  provider: '提供单位出具了不同意修复的意见',
  notice_objection: '公示期间的异议经核实成立',
  center: '信用中心决定不予采纳',
} as const;

/**
 * The repair from application to decision (A19, B32): the provider's opinion, the public notice with
 * its end date and the objections received during it, the center's adoption — each step with its
 * working-day deadline and standing as the API gives them.
 */
export function RepairTimeline({ repair }: { repair: Repair }) {
  const items: TimelineItemProps[] = [
    {
      key: 'applied',
      color: 'green',
      content: (
        <div className="timeline-step">
          <p className="step-when">{formatInstant(repair.filedAt)}</p>
          <h3>提交申请{repair.filedVia === 'center' ? '（信用中心窗口代为提交）' : ''}</h3>
          <p>
            适用 {repair.path}（{repair.article}），已签署信用承诺书
          </p>
        </div>
      ),
    },
  ];
  let verification = 0;
  for (const [index, step] of repair.steps.entries()) {
    const results: string[] = [];
    if (step.step === 'opinion' && repair.opinion) {
      results.push(
        `修复意见（${repair.opinion.on}）：${repair.opinion.agrees ? '同意修复' : '不同意修复'}。${repair.opinion.reasons}`,
      );
    }
    if (step.step === 'notice_verification') {
      const objection = repair.noticeObjections[verification++];
      if (objection) {
        results.push(`公示期间收到异议（${objection.on}）：${objection.statement}`);
        if (objection.founded !== null) {
          results.push(
            `核实结果：${objection.founded ? '异议成立' : '异议不成立'}。${objection.reasons ?? ''}`,
          );
        }
      }
    }
    if (step.step === 'adoption' && repair.decision) {
      results.push(
        `决定（${repair.decision.on}）：${repair.decision.adopted ? '予以采纳，原记录转为档案' : '不予采纳'}。${repair.decision.reasons}`,
      );
      if (repair.decision.decisionNumber) results.push(`决定书编号：${repair.decision.decisionNumber}`);
    }
    items.push(stepItem(`${step.step}-${index}`, step, REPAIR_STEP_LABELS[step.step], results));
    if (step.step === 'opinion' && repair.notice) {
      items.push({
        key: 'notice',
        color: repair.notice.running ? 'blue' : 'green',
        content: (
          <div className="timeline-step">
            <p className="step-when">{repair.notice.from}</p>
            <h3>
              修复意见公示<span className="step-party">（A19、B32）</span>
            </h3>
            <p>
              公示期：{repair.notice.from} 至 {repair.notice.until}
              {repair.notice.provisional ? '（按暂定日历）' : ''}
              {repair.notice.running ? '，公示中' : '，已结束'}
            </p>
          </div>
        ),
      });
    }
  }
  if (repair.refusedBy) {
    items.push({
      key: 'refused',
      color: 'red',
      content: (
        <div className="timeline-step">
          <h3>未予修复</h3>
          <p>{REFUSED_BY[repair.refusedBy]}</p>
        </div>
      ),
    });
  }
  return <Timeline className="procedure-timeline" items={items} />;
}
