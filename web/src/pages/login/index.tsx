import { ApiOutlined, LockOutlined, MailOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Skeleton, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useLocation } from 'react-router';
import { useAuthStatus } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { NOT_ADMIN_TOKEN, useAuth } from '../../app/auth.tsx';
import { useLang, useT, type TFunction } from '../../i18n/index.ts';

function loginError(t: TFunction, e: unknown, tokenTab: boolean): string {
  if (e instanceof ApiError) {
    if (e.code === NOT_ADMIN_TOKEN) return t('login.err.notAdmin');
    if (e.status === 0) return t('login.err.network');
    if (e.status === 429) return t('login.err.throttled');
    if (e.status === 401) return tokenTab ? t('login.err.token') : t('login.err.credentials');
    if (e.status >= 500 && e.status < 600 && e.status !== 500) return t('login.err.network');
    return t('login.err.other', { message: e.message });
  }
  return t('login.err.other', { message: (e as Error)?.message ?? String(e) });
}

export default function LoginPage() {
  const t = useT();
  const { lang, setLang } = useLang();
  const { loginWithPassword, loginWithToken } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const status = useAuthStatus();
  // A fresh install has no console user yet: only the admin token can sign in, so its tab opens first.
  const fresh = status.data?.has_users === false;
  const [chosen, setChosen] = useState<string | null>(null);
  const tab = chosen ?? (fresh ? 'token' : 'account');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (fn: () => Promise<void>, tokenTab: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      navigate((location.state as { from?: string } | null)?.from ?? '/overview', { replace: true });
    } catch (e) {
      setError(loginError(t, e, tokenTab));
    } finally {
      setBusy(false);
    }
  };

  const account = (
    <Form
      layout="vertical"
      requiredMark={false}
      onFinish={(v: { email: string; password: string }) => run(() => loginWithPassword(v.email.trim(), v.password), false)}
    >
      <Form.Item
        name="email"
        label={t('login.email')}
        rules={[
          { required: true, message: t('login.required') },
          { type: 'email', message: t('login.emailInvalid') },
        ]}
      >
        <Input
          prefix={<MailOutlined />}
          placeholder={t('login.emailPlaceholder')}
          autoComplete="username"
          data-testid="login-email"
          size="large"
        />
      </Form.Item>
      <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.required') }]}>
        <Input.Password
          prefix={<LockOutlined />}
          placeholder={t('login.passwordPlaceholder')}
          autoComplete="current-password"
          data-testid="login-password"
          size="large"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-account-submit">
        {t('login.submit')}
      </Button>
    </Form>
  );

  const token = (
    <Form layout="vertical" requiredMark={false} onFinish={(v: { token: string }) => run(() => loginWithToken(v.token.trim()), true)}>
      <Form.Item
        name="token"
        label={t('login.token')}
        extra={t('login.tokenHint')}
        rules={[{ required: true, whitespace: true, message: t('login.required') }]}
      >
        <Input.Password
          prefix={<SafetyCertificateOutlined />}
          placeholder={t('login.tokenPlaceholder')}
          autoComplete="off"
          data-testid="login-token"
          size="large"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
        {t('login.submit')}
      </Button>
    </Form>
  );

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #e8f0ff 0%, #f5f7fa 55%, #eef6f3 100%)',
        padding: 16,
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <Button type="text" data-testid="lang-switch" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>
          {lang === 'zh-CN' ? 'English' : '中文'}
        </Button>
      </div>
      <div style={{ textAlign: 'center', marginBottom: 24 }}>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          <ApiOutlined style={{ color: '#1664ff', marginInlineEnd: 10 }} />
          {t('common.brand')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('common.tagline')}</Typography.Text>
      </div>
      <Card style={{ width: 420, maxWidth: '100%', boxShadow: '0 8px 24px rgba(22,100,255,0.08)' }} title={t('login.title')}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        {fresh && !error && (
          <Alert type="info" showIcon title={t('login.freshInstall')} style={{ marginBottom: 16 }} data-testid="login-fresh" />
        )}
        {status.isPending ? (
          // Which tab opens depends on the answer (prefetched with the page's code): no flash of the other one.
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : (
          <Tabs
            activeKey={tab}
            onChange={(k) => {
              setChosen(k);
              setError(null);
            }}
            items={[
              { key: 'account', label: <span data-testid="login-tab-account">{t('login.tab.account')}</span>, children: account },
              { key: 'token', label: <span data-testid="login-tab-token">{t('login.tab.token')}</span>, children: token },
            ]}
          />
        )}
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
        {t('login.footer')}
      </Typography.Text>
    </div>
  );
}
