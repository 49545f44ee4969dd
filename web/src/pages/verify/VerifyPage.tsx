/**
 * 报告核验 (/verify?no=…&code=…): whether the platform issued a credit report (C §5(3)) — by its number
 * and its verification code (校验码, printed on every page beside the number), prefilled from the query (the report's QR code links here) — with the issuer,
 * type, subject (a person masked), period, issue time and the SM3 of the PDF, or the platform's
 * not-found answer. Once found, the holder may upload the PDF: the platform hashes it and says whether
 * it is the file issued (nothing is computed here).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Result } from 'antd';
import { type ChangeEvent, useId } from 'react';
import { api, data } from '../../api/client.ts';
import type { VerifyAnswer } from '../../features/public/api-types.ts';
import { ErrorAlert, isNotFound } from '../../features/public/ErrorAlert.tsx';
import { chinaTime } from '../../features/public/format.ts';
import { PageSkeleton } from '../../features/public/PageSkeleton.tsx';
import { useUrlState } from '../../features/public/url-state.ts';
import { usePageTitle } from '../../shell/page-title.ts';
import '../../features/public/public.css';

type Asked = { no: string; code: string };

export default function VerifyPage() {
  usePageTitle('信用报告核验');
  const { get, set } = useUrlState();
  const asked: Asked = { no: (get('no') ?? '').trim(), code: (get('code') ?? '').trim() };
  const ready = asked.no !== '' && asked.code !== '';
  const verify = useQuery({
    queryKey: ['public-verify', asked.no, asked.code],
    queryFn: () => data(api.GET('/api/v1/public/reports/verify', { params: { query: asked } })),
    enabled: ready,
  });
  const [form] = Form.useForm<Asked>();

  return (
    <>
      <h1 className="page-title">信用报告核验</h1>
      <p className="page-lead">
        输入信用报告每一页上印的报告编号和校验码，核验该报告是否由本平台出具。扫描报告上的二维码会自动填好并核验。报告真伪以本平台核验结果为准。
      </p>
      <Form<Asked>
        // a new query (a QR link, back) fills the form again
        key={`${asked.no}|${asked.code}`}
        form={form}
        name="verify"
        className="verify-form"
        layout="vertical"
        initialValues={asked}
        onFinish={(values) => set({ no: values.no.trim(), code: values.code.trim() })}
      >
        <Form.Item
          name="no"
          label="报告编号"
          rules={[{ required: true, whitespace: true, message: '请输入报告编号' }]}
        >
          <Input autoComplete="off" placeholder="报告每页上印的编号" />
        </Form.Item>
        <Form.Item
          name="code"
          label="校验码"
          rules={[{ required: true, whitespace: true, message: '请输入报告上印的校验码' }]}
        >
          <Input autoComplete="off" placeholder="报告编号旁的字母和数字" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          核验
        </Button>
      </Form>
      <section className="page-section" aria-labelledby="verify-result" aria-live="polite">
        <h2 id="verify-result">核验结果</h2>
        {!ready ? (
          <p>填写报告编号和校验码后点击“核验”。</p>
        ) : verify.isPending ? (
          <PageSkeleton rows={4} />
        ) : verify.isError ? (
          isNotFound(verify.error) ? (
            <Alert type="warning" showIcon title="未查到该报告" description={verify.error.message} />
          ) : (
            <ErrorAlert error={verify.error} onRetry={() => verify.refetch()} />
          )
        ) : (
          <Verified report={verify.data} asked={asked} />
        )}
      </section>
    </>
  );
}

function Verified({ report, asked }: { report: VerifyAnswer; asked: Asked }) {
  return (
    <>
      <Result
        status="success"
        title={<p className="result-title">本平台出具过该信用报告</p>}
        subTitle="请核对下列信息与手中的报告是否一致；也可以上传报告 PDF，由平台比对文件是否被修改。"
      />
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          { key: 'no', label: '报告编号', children: report.reportNo },
          { key: 'type', label: '报告类型', children: report.reportType.name },
          { key: 'issuer', label: '出具单位', children: report.issuer.name },
          { key: 'subject', label: '报告主体', children: report.subject.name },
          { key: 'code', label: '代码', children: report.subject.code },
          { key: 'period', label: '报告期间', children: `${report.period.from} 至 ${report.period.to}` },
          { key: 'issuedAt', label: '出具时间', children: chinaTime(report.issuedAt) },
          {
            key: 'sm3',
            label: 'PDF 文件 SM3 摘要',
            children: <span className="digest">{report.pdfSm3}</span>,
          },
        ]}
      />
      <FileCheck asked={asked} />
    </>
  );
}

/** The holder's PDF, sent to the platform, which hashes it and compares (POST …/verify-file). */
function FileCheck({ asked }: { asked: Asked }) {
  const id = useId();
  const check = useMutation({
    mutationFn: (file: File) =>
      data(
        api.POST('/api/v1/public/reports/verify-file', {
          params: { query: asked },
          body: file as unknown as string,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { 'Content-Type': 'application/pdf' },
        }),
      ),
  });
  const chosen = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) check.mutate(file);
  };
  return (
    <div className="page-section">
      <label htmlFor={`${id}-file`} className="search-form-label">
        上传报告 PDF 比对文件
      </label>
      <input id={`${id}-file`} type="file" accept="application/pdf,.pdf" onChange={chosen} />
      <div aria-live="polite" className="page-note">
        {check.isPending ? <p>正在比对…</p> : null}
        {check.isError ? <ErrorAlert error={check.error} /> : null}
        {check.isSuccess ? (
          <Alert
            type={check.data.file.matches ? 'success' : 'error'}
            showIcon
            title={check.data.message.zh}
            description={
              <>
                上传文件的 SM3 摘要：<span className="digest">{check.data.file.sm3}</span>
              </>
            }
          />
        ) : null}
      </div>
    </div>
  );
}
