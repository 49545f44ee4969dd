/**
 * 「我要提出异议」 (A19, B32; issue 17): anyone objects to a repair under notice — grounds required,
 * name and contact optional (the credit center alone reads them). The platform's refusal is shown as it
 * says it (e.g. the notice has ended); on success, what happens next, in the platform's words.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Result } from 'antd';
import { api, data } from '../../api/client.ts';
import type { RepairNotice } from './api-types.ts';

type ObjectionForm = { name?: string; contact?: string; grounds: string };

const blankToUndefined = (value: string | undefined) => {
  const text = value?.trim();
  return text ? text : undefined;
};

export default function ObjectionDialog({ notice, onClose }: { notice: RepairNotice; onClose: () => void }) {
  const [form] = Form.useForm<ObjectionForm>();
  const submit = useMutation({
    mutationFn: (values: ObjectionForm) =>
      data(
        api.POST('/api/v1/public/repair-notices/{id}/objections', {
          params: { path: { id: notice.repairId } },
          body: {
            grounds: values.grounds.trim(),
            ...(blankToUndefined(values.name) ? { name: blankToUndefined(values.name) } : {}),
            ...(blankToUndefined(values.contact) ? { contact: blankToUndefined(values.contact) } : {}),
          },
        }),
      ),
  });

  return (
    <Modal
      open
      title={`对“${notice.subjectName}”的信用修复提出异议`}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={640}
    >
      {submit.isSuccess ? (
        <Result
          status="success"
          title={<h2 className="result-title">异议已提交</h2>}
          subTitle={submit.data.message.zh}
          extra={[
            <p key="no">
              提交编号：<span className="digest">{submit.data.submissionId}</span>
              <br />
              提交日期：{submit.data.submittedOn}；公示截止：{submit.data.noticeUntil}
            </p>,
            <Button key="close" type="primary" onClick={onClose}>
              返回公示列表
            </Button>,
          ]}
        />
      ) : (
        <Form<ObjectionForm>
          form={form}
          name="notice-objection"
          layout="vertical"
          onFinish={(values) => submit.mutate(values)}
          requiredMark="optional"
        >
          <p>
            公示期至 {notice.until}
            。请写明异议的事实和理由；姓名和联系方式可以不填，填写的仅信用中心可见，便于核实时联系您。
          </p>
          <Form.Item
            name="grounds"
            label="异议的事实和理由"
            rules={[
              { required: true, whitespace: true, message: '请填写异议的事实和理由' },
              { min: 5, message: '异议的事实和理由至少 5 个字' },
              { max: 2000, message: '异议的事实和理由不超过 2000 字' },
            ]}
          >
            <Input.TextArea rows={5} showCount maxLength={2000} />
          </Form.Item>
          <Form.Item
            name="name"
            label="姓名或单位名称"
            rules={[{ max: 50, message: '姓名或单位名称不超过 50 个字' }]}
          >
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="contact"
            label="联系方式（电话或电子邮箱）"
            rules={[{ max: 100, message: '联系方式不超过 100 个字' }]}
          >
            <Input autoComplete="tel" />
          </Form.Item>
          {submit.isError ? (
            <Alert className="form-error" type="error" showIcon role="alert" title={submit.error.message} />
          ) : null}
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={submit.isPending}>
              提交异议
            </Button>{' '}
            <Button onClick={onClose}>取消</Button>
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
