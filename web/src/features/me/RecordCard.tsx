import { Card, Descriptions } from 'antd';
import type { ReactNode } from 'react';
import {
  CATEGORY_LABELS,
  type CatalogItem,
  type ConsentedRecord,
  GRANTEE_READ_BASIS_LABELS,
  type MyRecord,
  PROCEDURE_LABELS,
  READ_BASIS_LABELS,
  SCOPE_LABELS,
  STATE_LABELS,
} from './labels.ts';
import { useCatalog, useDepartments, useMySubject } from './queries.ts';
import { StatusTag } from './StatusTag.tsx';

/** The tags that say a record's state: the procedure under way first, then its currency. */
export function RecordStateTags({ record }: { record: MyRecord | ConsentedRecord }) {
  const state = STATE_LABELS[record.state];
  return (
    <>
      {record.procedure ? (
        <StatusTag tone={PROCEDURE_LABELS[record.procedure.kind].color}>
          {PROCEDURE_LABELS[record.procedure.kind].label}
        </StatusTag>
      ) : null}
      <StatusTag tone={state.color}>{state.label}</StatusTag>
    </>
  );
}

/** The record's group, as a credit report groups it (B9–B13), and its list if it is a list entry. */
export function recordGroup(item: CatalogItem | undefined): string {
  if (!item) return '';
  if (item.listType === 'red' || item.listType === 'ec-red' || item.listType === 'rural-red') return '红名单';
  if (item.listType === 'black' || item.listType === 'ec-black') return '黑名单';
  return CATEGORY_LABELS[item.category];
}

function fieldValue(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

/**
 * One record about me: what it is, who provided it, when, until when, who may read it and why it is
 * shown, its state in words, the provider's fields by their catalog labels; `actions` below. With
 * `reader="grantee"`, a record of another subject read under its consent to me (B24): why it is shown
 * to me, and no word on who else may read it (that is the granter's affair).
 */
export function RecordCard({
  record,
  actions,
  headingLevel = 2,
  details = true,
  reader = 'subject',
}: {
  record: MyRecord | ConsentedRecord;
  actions?: ReactNode;
  headingLevel?: 2 | 3;
  details?: boolean;
  reader?: 'subject' | 'grantee';
}) {
  const { byCode } = useCatalog();
  const { nameOf } = useDepartments();
  const item = byCode.get(record.item);
  const scope = SCOPE_LABELS[record.usageScope];
  const kind = useMySubject().data?.kind;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const group = recordGroup(item);
  const fields = (item?.fields ?? [])
    .map((field) => ({ label: field.label, value: fieldValue(record.fields[field.key]) }))
    .filter((f): f is { label: string; value: string } => f.value !== null);
  return (
    <Card className="record-card" size="small">
      <div className="record-card-head">
        <Heading className="record-card-title">{record.itemName}</Heading>
        <div className="record-card-tags">
          <RecordStateTags record={record} />
          {group ? <StatusTag>{group}</StatusTag> : null}
          <StatusTag
            tone={
              record.usageScope === 'public'
                ? 'geekblue'
                : record.usageScope === 'authorized'
                  ? 'gold'
                  : 'cyan'
            }
          >
            {scope.label}
          </StatusTag>
        </div>
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 2, lg: 3, xl: 3, xxl: 3 }}
        items={[
          { key: 'provider', label: '提供单位', children: nameOf(record.providerDepartment) },
          { key: 'identified', label: item?.identifiedOnLabel ?? '认定日期', children: record.identifiedOn },
          {
            key: 'validity',
            label: '有效期至',
            children: record.validityEndsOn ?? '长期有效',
          },
          ...(record.severity ? [{ key: 'severity', label: '失信程度', children: record.severity }] : []),
          ...(record.publicationEndsOn
            ? [{ key: 'publication', label: '公示截止', children: record.publicationEndsOn }]
            : []),
          ...(record.stateBasis ? [{ key: 'basis', label: '状态依据', children: record.stateBasis }] : []),
          ...(kind && reader === 'subject'
            ? [{ key: 'scope', label: '谁可以查询', children: scope.explain[kind] }]
            : []),
          {
            key: 'read',
            label: '为何向您显示',
            children:
              (reader === 'grantee' ? GRANTEE_READ_BASIS_LABELS : READ_BASIS_LABELS)[record.readBasis] ??
              record.readBasis,
          },
          ...(record.derivedFrom
            ? [
                {
                  key: 'derived',
                  label: '记入依据',
                  children: `${record.derivedFrom.basis}：${record.derivedFrom.organization?.name ?? '所任职单位'}的严重失信信息记入其法定代表人、主要负责人或直接责任人的信用记录`,
                },
              ]
            : []),
        ]}
      />
      {details && fields.length > 0 ? (
        <details className="record-fields">
          <summary>记录内容</summary>
          <dl>
            {fields.map((field) => (
              <div key={field.label}>
                <dt>{field.label}</dt>
                <dd>{field.value}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
      {actions ? <div className="record-card-actions">{actions}</div> : null}
    </Card>
  );
}
