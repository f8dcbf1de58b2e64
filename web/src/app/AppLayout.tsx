import {
  ApiOutlined,
  AreaChartOutlined,
  AppstoreAddOutlined,
  AppstoreOutlined,
  BookOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  FileSearchOutlined,
  FundOutlined,
  GlobalOutlined,
  KeyOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Dropdown, Layout, Menu, Space, Spin, Tag, theme, Typography, type MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { isTranslationKey, useLang, useT } from '../i18n/index.ts';
import { principalName, useAuth } from './auth.tsx';
import { usePageViews } from './usePageViews.ts';

const { Sider, Header, Content } = Layout;

export const NAV = [
  'overview',
  'analytics',
  'playground',
  'apps',
  'models',
  'keys',
  'logs',
  'knowledge',
  'eval',
  'arena',
  'jobs',
  'security',
] as const;
type Page = (typeof NAV)[number] | 'workspaces';
const ICONS: Record<string, React.ReactNode> = {
  overview: <DashboardOutlined />,
  analytics: <AreaChartOutlined />,
  playground: <ExperimentOutlined />,
  apps: <AppstoreAddOutlined />,
  models: <AppstoreOutlined />,
  keys: <KeyOutlined />,
  logs: <FileSearchOutlined />,
  knowledge: <BookOutlined />,
  eval: <FundOutlined />,
  arena: <TrophyOutlined />,
  jobs: <ScheduleOutlined />,
  security: <SafetyCertificateOutlined />,
  workspaces: <TeamOutlined />,
};

export function PageFallback() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 80 }}>
      <Spin size="large" />
    </div>
  );
}

export default function AppLayout() {
  const t = useT();
  const { lang, setLang } = useLang();
  const { me, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  usePageViews();

  const section = location.pathname.split('/')[1] || 'overview';
  const pages: Page[] = me?.is_admin ? [...NAV, 'workspaces'] : [...NAV];
  const title = `nav.${section}`;
  const items: MenuProps['items'] = pages.map((p) => ({
    key: p,
    icon: ICONS[p],
    label: t(`nav.${p}`),
    // rc-menu passes unknown props to the <li>, the clickable element.
    'data-testid': `nav-${p}`,
  }));

  const userMenu: MenuProps['items'] = [
    { key: 'who', disabled: true, label: me?.user?.email ?? t('common.adminToken') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('common.logout'), danger: true, 'data-testid': 'logout' },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        theme="light"
        width={220}
        style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}
      >
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            gap: 10,
            padding: collapsed ? '0 24px' : '0 20px',
            cursor: 'pointer',
          }}
          onClick={() => navigate('/overview')}
        >
          <ApiOutlined style={{ fontSize: 22, color: token.colorPrimary }} />
          {!collapsed && (
            <Typography.Text strong style={{ fontSize: 17, whiteSpace: 'nowrap' }}>
              {t('common.brand')}
            </Typography.Text>
          )}
        </div>
        <Menu mode="inline" selectedKeys={[section]} items={items} onClick={(e) => navigate(`/${e.key}`)} style={{ borderInlineEnd: 0 }} />
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            height: 56,
            lineHeight: '56px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Typography.Text strong style={{ fontSize: 16 }}>
            {isTranslationKey(title) ? t(title) : section}
          </Typography.Text>
          <Space size="middle">
            <Button
              type="text"
              icon={<GlobalOutlined />}
              data-testid="lang-switch"
              onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}
              title={t('common.switchLanguage')}
            >
              {lang === 'zh-CN' ? 'English' : '中文'}
            </Button>
            <Dropdown
              menu={{ items: userMenu, onClick: (e) => e.key === 'logout' && void logout().then(() => navigate('/login')) }}
              trigger={['click']}
            >
              <Button type="text" data-testid="user-menu">
                <Space>
                  <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
                  <span>{principalName(me) === 'admin' ? t('common.admin') : principalName(me)}</span>
                  {me?.is_admin && <Tag color="blue">{t('common.adminBadge')}</Tag>}
                </Space>
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content style={{ padding: 24, minWidth: 0 }}>
          <Suspense fallback={<PageFallback />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
