/**
 * A new consent (B21, B24): to a department (chosen from the platform's list) or to a counterparty on
 * the platform by its code (a person also by name, as registered); for all of my information or for
 * items of scope 授权查询 by name; a purpose; an end date within the window the API gives (the policy's
 * longest consent from today). The server checks all of it; its refusal is shown as it words it.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Input, Radio, Select } from 'antd';
import { useId, useState } from 'react';
import { api, data } from '../../api/client.ts';
import {
  type CatalogItem,
  CONSENT_SCOPE_HELP,
  type Consent,
  type Department,
  type SubjectKind,
} from '../me/labels.ts';

type Window = { expiresOnFrom: string; expiresOnUntil: string; maxPeriod: string; basis: string };

export function GrantConsentForm({
  departments,
  items,
  window,
  granterKind,
  onGranted,
}: {
  departments: readonly Department[];
  /** the catalog items of scope 授权查询 that can be about me */
  items: readonly CatalogItem[];
  window: Window | undefined;
  /** my subject's kind: what a consent opens differs for a person (A7) */
  granterKind: SubjectKind | undefined;
  onGranted: (consent: Consent) => void;
}) {
  const ids = { department: useId(), code: useId(), name: useId(), purpose: useId(), expires: useId() };
  const [to, setTo] = useState<'department' | 'subject'>('department');
  const [department, setDepartment] = useState<string | undefined>();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [scopeAll, setScopeAll] = useState(true);
  const [scope, setScope] = useState<string[]>([]);
  const [purpose, setPurpose] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [tried, setTried] = useState(false);

  const grant = useMutation({
    mutationFn: () =>
      data(
        api.POST('/api/v1/me/consents', {
          body: {
            ...(to === 'department'
              ? { granteeDepartment: department ?? '' }
              : { granteeSubjectCode: code.trim(), ...(name.trim() ? { granteeName: name.trim() } : {}) }),
            scope: scopeAll ? ['*'] : scope,
            purpose: purpose.trim(),
            expiresOn,
          },
        }),
      ),
    onSuccess: (consent) => {
      setTried(false);
      setDepartment(undefined);
      setCode('');
      setName('');
      setScope([]);
      setScopeAll(true);
      setPurpose('');
      setExpiresOn('');
      onGranted(consent);
    },
  });

  const missing = {
    grantee: to === 'department' ? !department : code.trim() === '',
    scope: !scopeAll && scope.length === 0,
    purpose: purpose.trim().length < 2,
    expiresOn: expiresOn === '',
  };
  const submit = () => {
    setTried(true);
    if (Object.values(missing).some(Boolean)) return;
    grant.mutate();
  };

  return (
    <form
      className="procedure-form grant-form"
      noValidate
      aria-labelledby="grant-title"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h2 id="grant-title" className="section-title">
        新增授权
      </h2>
      <fieldset className="fieldset">
        <legend className="field-label">授权给</legend>
        <Radio.Group
          value={to}
          onChange={(event) => setTo(event.target.value)}
          options={[
            { value: 'department', label: '政府部门' },
            { value: 'subject', label: '交易对方（单位或个人）' },
          ]}
        />
      </fieldset>
      {to === 'department' ? (
        <div className="field">
          <label htmlFor={ids.department} className="field-label">
            被授权部门
          </label>
          <p id={`${ids.department}-help`} className="field-help">
            输入部门名称的一部分可以筛选。
          </p>
          <Select
            id={ids.department}
            aria-describedby={`${ids.department}-help`}
            className="wide-select"
            value={department}
            onChange={setDepartment}
            showSearch={{ optionFilterProp: 'label' }}
            options={departments.map((d) => ({ value: d.code, label: d.name }))}
            status={tried && missing.grantee ? 'error' : undefined}
          />
          {tried && missing.grantee ? <p className="field-error">请选择被授权部门</p> : null}
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor={ids.code} className="field-label">
              对方的统一社会信用代码或身份证号
            </label>
            <Input
              id={ids.code}
              value={code}
              onChange={(event) => setCode(event.target.value)}
              // a code pasted with spaces ("9132 0800 MA20 4XDC 3Q") is whole: the server normalizes it
              maxLength={40}
              autoComplete="off"
              status={tried && missing.grantee ? 'error' : undefined}
            />
            {tried && missing.grantee ? <p className="field-error">请填写对方的代码</p> : null}
          </div>
          <div className="field">
            <label htmlFor={ids.name} className="field-label">
              对方名称或姓名
            </label>
            <p id={`${ids.name}-help`} className="field-help">
              授权给个人时必填，须与平台登记的姓名一致；授权给单位时可不填。
            </p>
            <Input
              id={ids.name}
              value={name}
              onChange={(event) => setName(event.target.value)}
              maxLength={200}
              aria-describedby={`${ids.name}-help`}
            />
          </div>
        </>
      )}
      <fieldset className="fieldset">
        <legend className="field-label">授权查询的信息</legend>
        <Radio.Group
          value={scopeAll ? 'all' : 'items'}
          onChange={(event) => setScopeAll(event.target.value === 'all')}
          options={[
            { value: 'all', label: '我的全部信息' },
            { value: 'items', label: '指定的信息项' },
          ]}
        />
        {!scopeAll ? (
          <Checkbox.Group
            className="scope-items"
            value={scope}
            onChange={(values) => setScope(values as string[])}
            options={items.map((item) => ({ value: item.code, label: item.name }))}
          />
        ) : null}
        {granterKind ? <p className="field-help">{CONSENT_SCOPE_HELP[granterKind]}</p> : null}
        {tried && missing.scope ? <p className="field-error">请至少选择一项信息</p> : null}
      </fieldset>
      <div className="field">
        <label htmlFor={ids.purpose} className="field-label">
          用途
        </label>
        <p id={`${ids.purpose}-help`} className="field-help">
          如“申请公租房资格审查”“贷款审批”；对方查询时须说明同一用途。
        </p>
        <Input
          id={ids.purpose}
          value={purpose}
          onChange={(event) => setPurpose(event.target.value)}
          maxLength={200}
          aria-describedby={`${ids.purpose}-help`}
          status={tried && missing.purpose ? 'error' : undefined}
        />
        {tried && missing.purpose ? <p className="field-error">请填写用途（至少 2 个字）</p> : null}
      </div>
      <div className="field">
        <label htmlFor={ids.expires} className="field-label">
          授权截止日期（含当日）
        </label>
        <p id={`${ids.expires}-help`} className="field-help">
          {window
            ? `可选 ${window.expiresOnFrom} 至 ${window.expiresOnUntil}：单次授权最长 ${window.maxPeriod}（${window.basis}），可随时撤回。`
            : '单次授权有最长期限，可随时撤回。'}
        </p>
        <Input
          id={ids.expires}
          type="date"
          className="date-input"
          value={expiresOn}
          min={window?.expiresOnFrom}
          max={window?.expiresOnUntil}
          onChange={(event) => setExpiresOn(event.target.value)}
          aria-describedby={`${ids.expires}-help`}
          status={tried && missing.expiresOn ? 'error' : undefined}
        />
        {tried && missing.expiresOn ? <p className="field-error">请选择授权截止日期</p> : null}
      </div>
      {grant.error ? (
        <Alert type="error" showIcon title={grant.error.message} role="alert" className="form-alert" />
      ) : null}
      <div className="form-actions">
        <Button type="primary" htmlType="submit" loading={grant.isPending}>
          授权
        </Button>
      </div>
    </form>
  );
}
