/**
 * 登录: login and password, and the one-time code for accounts that turned it on (the server asks every
 * form to offer it; a failure of any kind gets its one answer, shown as it gives it). Back to `next`
 * afterwards (a page under /me sends a visitor here); registration is offered only where the platform
 * has a real-name verifier (GET /api/v1/auth/registration), otherwise the page says where to go.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, data, rememberCsrfToken } from '../../api/client.ts';
import { SESSION_KEY, useSession } from '../../api/session.ts';
import { safeNext } from '../../features/me/format.ts';
import { ME_KEY } from '../../features/me/queries.ts';
import { usePageTitle } from '../../shell/page-title.ts';
import '../me/me.css';

type LoginForm = { login: string; password: string; totp?: string };

export function useRegistrationInfo() {
  return useQuery({
    queryKey: ['registration'],
    queryFn: () => data(api.GET('/api/v1/auth/registration')),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export default function LoginPage() {
  usePageTitle('登录');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const client = useQueryClient();
  const { data: me } = useSession();
  const registration = useRegistrationInfo();

  const signIn = useMutation({
    mutationFn: (form: LoginForm) =>
      data(
        api.POST('/api/v1/auth/login', {
          body: {
            login: form.login.trim(),
            password: form.password,
            ...(form.totp?.trim() ? { totp: form.totp.trim() } : {}),
          },
        }),
      ),
    onSuccess: (answer) => {
      rememberCsrfToken(answer.csrfToken);
      client.removeQueries({ queryKey: ME_KEY });
      client.setQueryData(SESSION_KEY, answer);
      navigate(next ?? (answer.role === 'subject' ? '/me' : '/'), { replace: true });
    },
  });

  // Already signed in (a second tab, the back button): on to where the person was going.
  const signedIn = me?.kind === 'account';
  useEffect(() => {
    if (signedIn && next && !signIn.isPending) navigate(next, { replace: true });
  }, [signedIn, next, navigate, signIn.isPending]);

  return (
    <section className="auth-page" aria-labelledby="login-title">
      <h1 id="login-title">登录</h1>
      {signedIn && !next ? (
        <Alert
          type="info"
          showIcon
          title={`您已登录：${me.displayName ?? me.login}`}
          description={<Link to="/me">查看我的信用</Link>}
        />
      ) : null}
      {next ? <p className="auth-lead">请先登录，登录后回到您要访问的页面。</p> : null}
      <Form<LoginForm>
        name="signin"
        layout="vertical"
        requiredMark={false}
        onFinish={(form) => signIn.mutate(form)}
        className="auth-form"
        disabled={signIn.isPending}
      >
        <Form.Item
          label="账号"
          name="login"
          rules={[{ required: true, whitespace: true, message: '请输入账号' }]}
        >
          <Input autoComplete="username" size="large" />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" size="large" />
        </Form.Item>
        <Form.Item
          label="动态验证码"
          name="totp"
          extra="已开启动态验证码的账号填写验证器显示的 6 位数字；未开启的不填。"
          rules={[{ pattern: /^\s*\d{6}\s*$/, message: '动态验证码是 6 位数字' }]}
        >
          <Input autoComplete="one-time-code" inputMode="numeric" size="large" maxLength={8} />
        </Form.Item>
        {signIn.error ? (
          <Alert type="error" showIcon title={signIn.error.message} className="form-alert" role="alert" />
        ) : null}
        <Button type="primary" htmlType="submit" size="large" block loading={signIn.isPending}>
          登录
        </Button>
      </Form>
      <section className="auth-aside" aria-labelledby="register-title">
        <h2 id="register-title">没有账号？</h2>
        {registration.data?.open ? (
          <p>
            {registration.data.message}。<Link to="/register">实名核验后注册</Link>
          </p>
        ) : registration.data ? (
          <p>{registration.data.message}。信用中心工作人员核验身份后为您开设账号。</p>
        ) : registration.error ? (
          <p>{registration.error.message}</p>
        ) : null}
      </section>
    </section>
  );
}
