/**
 * 注册: only where the platform has a real-name verifier (issue 14 §1). The applicant names the subject
 * already on the platform (identity code and name as registered), answers the verifier's own fields,
 * and chooses a login and password; then is signed in. Any failed verification gets the server's one
 * answer. Where self-registration is off, the page says so and where to go instead.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api, data, rememberCsrfToken } from '../../api/client.ts';
import { SESSION_KEY } from '../../api/session.ts';
import { ME_KEY } from '../../features/me/queries.ts';
import { usePageTitle } from '../../shell/page-title.ts';
import { PageLoading } from '../../shell/Shell.tsx';
import { useRegistrationInfo } from './LoginPage.tsx';
import '../me/me.css';

type RegisterForm = {
  code: string;
  name: string;
  evidence?: Record<string, string>;
  login: string;
  password: string;
  confirm: string;
};

export default function RegisterPage() {
  usePageTitle('注册');
  const info = useRegistrationInfo();
  const navigate = useNavigate();
  const client = useQueryClient();

  const register = useMutation({
    mutationFn: async (form: RegisterForm) => {
      const created = await data(
        api.POST('/api/v1/auth/register', {
          body: {
            code: form.code.trim(),
            name: form.name.trim(),
            login: form.login.trim(),
            password: form.password,
            evidence: form.evidence ?? {},
          },
        }),
      );
      return data(
        api.POST('/api/v1/auth/login', { body: { login: created.login, password: form.password } }),
      );
    },
    onSuccess: (answer) => {
      rememberCsrfToken(answer.csrfToken);
      client.removeQueries({ queryKey: ME_KEY });
      client.setQueryData(SESSION_KEY, answer);
      navigate('/me', { replace: true });
    },
  });

  if (info.isPending) return <PageLoading />;
  return (
    <section className="auth-page" aria-labelledby="register-title">
      <h1 id="register-title">注册</h1>
      {info.error ? <Alert type="error" showIcon title={info.error.message} /> : null}
      {info.data && !info.data.open ? (
        <>
          <Alert type="info" showIcon title="自助注册未开放" description={`${info.data.message}。`} />
          <p className="auth-lead">
            已有账号的，请<Link to="/login">登录</Link>。
          </p>
        </>
      ) : null}
      {info.data?.open ? (
        <>
          <p className="auth-lead">{info.data.message}。</p>
          {info.data.verifier?.demo ? (
            <Alert type="warning" showIcon title={info.data.verifier.label} className="form-alert" />
          ) : null}
          <Form<RegisterForm>
            name="register"
            layout="vertical"
            requiredMark={false}
            className="auth-form"
            disabled={register.isPending}
            onFinish={(form) => register.mutate(form)}
          >
            <Form.Item
              label="统一社会信用代码或身份证号"
              name="code"
              rules={[{ required: true, whitespace: true, message: '请输入身份代码' }]}
            >
              <Input autoComplete="off" size="large" maxLength={20} />
            </Form.Item>
            <Form.Item
              label="姓名或单位名称"
              name="name"
              extra="与平台登记的一致"
              rules={[{ required: true, whitespace: true, message: '请输入姓名或单位名称' }]}
            >
              <Input autoComplete="name" size="large" />
            </Form.Item>
            {info.data.evidenceFields.map((field) => (
              <Form.Item
                key={field.key}
                label={field.label}
                name={['evidence', field.key]}
                rules={[{ required: true, whitespace: true, message: `请输入${field.label}` }]}
              >
                <Input autoComplete="off" size="large" />
              </Form.Item>
            ))}
            <Form.Item
              label="账号"
              name="login"
              extra="用于登录，字母、数字、点或下划线"
              rules={[{ required: true, whitespace: true, message: '请设置账号' }]}
            >
              <Input autoComplete="username" size="large" />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请设置密码' }]}>
              <Input.Password autoComplete="new-password" size="large" />
            </Form.Item>
            <Form.Item
              label="再次输入密码"
              name="confirm"
              dependencies={['password']}
              rules={[
                { required: true, message: '请再次输入密码' },
                ({ getFieldValue }) => ({
                  validator: (_rule, value) =>
                    !value || value === getFieldValue('password')
                      ? Promise.resolve()
                      : Promise.reject(new Error('两次输入的密码不一致')),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" size="large" />
            </Form.Item>
            {register.error ? (
              <Alert
                type="error"
                showIcon
                title={register.error.message}
                className="form-alert"
                role="alert"
              />
            ) : null}
            <Button type="primary" htmlType="submit" size="large" block loading={register.isPending}>
              核验并注册
            </Button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
