import { Button, Card, Descriptions, Popconfirm } from 'antd';
import { Link } from 'react-router';
import { formatInstant, validThrough } from '../me/format.ts';
import { type CatalogItem, CONSENT_STATUS_LABELS, type Consent } from '../me/labels.ts';
import { StatusTag } from '../me/StatusTag.tsx';

const GRANTEE_KIND = { department: '政府部门', organization: '单位', person: '个人' } as const;

/** The items of a consent by their catalog names; '*' is all the granter's information (`all`). */
export function scopeWords(
  scope: readonly string[],
  byCode: ReadonlyMap<string, CatalogItem>,
  all = '我的全部信息',
): string {
  if (scope.includes('*')) return all;
  return scope.map((code) => byCode.get(code)?.name ?? code).join('、');
}

/**
 * One consent: to whom, which information, for what, from when until when, its status, how often it
 * was read under; its reads, and revoking it (with a confirmation) while it is live.
 */
export function ConsentCard({
  consent,
  byCode,
  onRevoke,
  revoking,
}: {
  consent: Consent;
  byCode: ReadonlyMap<string, CatalogItem>;
  onRevoke?: (consent: Consent) => void;
  revoking?: boolean;
}) {
  const status = CONSENT_STATUS_LABELS[consent.status];
  return (
    <Card size="small" className="consent-card">
      <div className="record-card-head">
        <h3 className="record-card-title">
          {consent.grantee.name}
          <span className="muted">（{GRANTEE_KIND[consent.grantee.kind]}）</span>
        </h3>
        <StatusTag tone={status.color}>{status.label}</StatusTag>
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 2, lg: 3, xl: 3, xxl: 3 }}
        items={[
          ...(consent.grantee.kind === 'department'
            ? []
            : [{ key: 'code', label: '代码', children: consent.grantee.code }]),
          { key: 'scope', label: '授权信息', children: scopeWords(consent.scope, byCode) },
          { key: 'purpose', label: '用途', children: consent.purpose },
          { key: 'granted', label: '授权时间', children: formatInstant(consent.grantedAt) },
          { key: 'expires', label: '有效至', children: validThrough(consent.expiresAt) },
          ...(consent.revokedAt
            ? [{ key: 'revoked', label: '撤回时间', children: formatInstant(consent.revokedAt) }]
            : []),
          {
            key: 'reads',
            label: '被查询',
            children: consent.reads
              ? `${consent.reads.count} 次${consent.reads.lastAt ? `，最近 ${formatInstant(consent.reads.lastAt)}` : ''}`
              : '—',
          },
        ]}
      />
      <div className="record-card-actions">
        <Link to={`/me/consents/${consent.id}`}>
          谁查询了<span className="visually-hidden">：授权给{consent.grantee.name}</span>
        </Link>
        {consent.status === 'active' && onRevoke ? (
          <Popconfirm
            title="撤回这项授权？"
            description="撤回后，对方立即不能再依此授权查询您的信息。"
            okText="撤回授权"
            cancelText="取消"
            onConfirm={() => onRevoke(consent)}
          >
            <Button danger size="small" loading={revoking}>
              撤回<span className="visually-hidden">授权给{consent.grantee.name}的授权</span>
            </Button>
          </Popconfirm>
        ) : null}
      </div>
    </Card>
  );
}
