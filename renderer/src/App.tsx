// The window: a sider with the areas (Alt+1…9, Alt+0), a header with language and help (F1), and the page.
import { useEffect, useMemo, useState, type ComponentType, type ReactNode } from 'react';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Segmented, Tooltip } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import {
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileExcelOutlined,
  QuestionCircleOutlined,
  SettingOutlined,
  TeamOutlined,
  ReadOutlined,
  ShopOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { useI18n, type MessageKey } from './i18n';
import { navigate, useRoute, type Route } from './router';
import { theme } from './theme';
import { rpc } from './rpc';
import { HomePage } from './pages/HomePage';
import { CandidatesPage } from './pages/CandidatesPage';
import { CandidatePage } from './pages/CandidatePage';
import { SessionsPage } from './pages/SessionsPage';
import { SessionPage } from './pages/SessionPage';
import { ResultsPage } from './pages/ResultsPage';
import { CertificatesPage } from './pages/CertificatesPage';
import { ReportsPage } from './pages/ReportsPage';
import { SettingsPage } from './pages/SettingsPage';
import { WelcomePage } from './pages/WelcomePage';
import { TrainingClassPage, TrainingPage } from './pages/TrainingPage';
import { MembersPage } from './pages/MembersPage';
import { CompetitionPage, CompetitionsPage } from './pages/CompetitionsPage';
import { LoginScreen } from './components/LoginScreen';
import { ShortcutsDrawer } from './components/ShortcutsDrawer';

type Area = 'home' | 'candidates' | 'sessions' | 'results' | 'certificates' | 'reports' | 'training' | 'members' | 'competitions' | 'settings';

// The work areas in the order an officer's year runs (sessions, results, certificates, reports,
// then training, competitions, member enterprises), 设置 last. Alt+1…9 reach the first nine and
// Alt+0 the tenth, as the digit row runs (docs/desk.md).
const AREAS: { area: Area; label: MessageKey; icon: ReactNode; route: Route }[] = [
  { area: 'home', label: 'nav.home', icon: <DashboardOutlined />, route: { page: 'home' } },
  { area: 'candidates', label: 'nav.candidates', icon: <TeamOutlined />, route: { page: 'candidates' } },
  { area: 'sessions', label: 'nav.sessions', icon: <CalendarOutlined />, route: { page: 'sessions' } },
  { area: 'results', label: 'nav.results', icon: <FileExcelOutlined />, route: { page: 'sessions' } },
  { area: 'certificates', label: 'nav.certificates', icon: <AuditOutlined />, route: { page: 'certificates' } },
  { area: 'reports', label: 'nav.reports', icon: <BarChartOutlined />, route: { page: 'reports' } },
  { area: 'training', label: 'nav.training', icon: <ReadOutlined />, route: { page: 'training' } },
  { area: 'competitions', label: 'nav.competitions', icon: <TrophyOutlined />, route: { page: 'competitions' } },
  { area: 'members', label: 'nav.members', icon: <ShopOutlined />, route: { page: 'members' } },
  { area: 'settings', label: 'nav.settings', icon: <SettingOutlined />, route: { page: 'settings' } },
];

/** The key that reaches the area at `index` in the sidebar: Alt+1…Alt+9, then Alt+0 for the tenth. */
const areaKey = (index: number): string | null => (index < 9 ? `Alt+${index + 1}` : index === 9 ? 'Alt+0' : null);

function areaOf(route: Route): Area | 'welcome' {
  if (route.page === 'session') return 'sessions';
  if (route.page === 'candidate') return 'candidates';
  if (route.page === 'trainingClass') return 'training';
  if (route.page === 'competition') return 'competitions';
  return route.page;
}

// The help drawer is written by the shell engineer in ./help; the window works without it.
type HelpDrawerProps = { open: boolean; onClose: () => void; area: string };
const helpModules = import.meta.glob<{ HelpDrawer?: ComponentType<HelpDrawerProps>; default?: ComponentType<HelpDrawerProps> }>(
  './help/HelpDrawer.tsx',
  { eager: true },
);
const HelpDrawer = Object.values(helpModules).map((m) => m.HelpDrawer ?? m.default)[0];

export function App() {
  const { t, locale, setLocale } = useI18n();
  const route = useRoute();
  const [helpOpen, setHelpOpen] = useState(false);
  const [firstRunChecked, setFirstRunChecked] = useState(false);
  // null: logged in (or no accounts yet); a string: the lock screen, with why.
  const [locked, setLocked] = useState<string | null>(null);
  const [operator, setOperator] = useState<string | null>(null);
  const area = areaOf(route);

  // First run: an evaluation body without a name has not been set up yet.
  // Once accounts exist, a window without a login shows the lock screen first.
  useEffect(() => {
    rpc('operators.status', {})
      .then((status) => {
        if (!status.setupRequired && !status.current) return setLocked('');
        setOperator(status.current?.name ?? null);
        return rpc('settings.list', {}).then((settings) => {
          const named = settings.some((s) => s.key === 'institution.name' && s.value.trim() !== '');
          if (!named && sessionStorage.getItem('certdesk.welcomeSkipped') !== '1') navigate({ page: 'welcome' });
        });
      })
      .catch(() => undefined)
      .finally(() => setFirstRunChecked(true));
    const onLoginRequired = (e: Event) => setLocked(String((e as CustomEvent).detail ?? ''));
    const onOperator = (e: Event) => setOperator(String((e as CustomEvent).detail ?? ''));
    window.addEventListener('certdesk:login-required', onLoginRequired);
    window.addEventListener('certdesk:operator', onOperator);
    return () => {
      window.removeEventListener('certdesk:login-required', onLoginRequired);
      window.removeEventListener('certdesk:operator', onOperator);
    };
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F1') {
        e.preventDefault();
        setHelpOpen((o) => !o);
        return;
      }
      if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[0-9]$/.test(e.code)) {
        e.preventDefault();
        // Digit0 sits after Digit9 on the keyboard: the tenth area.
        const digit = Number(e.code.slice(5));
        const target = AREAS[digit === 0 ? 9 : digit - 1];
        if (target) navigate(target.route);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const menuItems = useMemo(
    () =>
      AREAS.map((a, i) => {
        const key = areaKey(i);
        return {
          key: a.area,
          icon: a.icon,
          label: (
            <span className="menu-label" title={key ? `${t(a.label)}（${key}）` : t(a.label)}>
              <span>{t(a.label)}</span>
              {key ? <span className="menu-key">{key}</span> : null}
            </span>
          ),
        };
      }),
    [t],
  );

  const page = (() => {
    switch (route.page) {
      case 'home':
        return <HomePage />;
      case 'candidates':
        return <CandidatesPage />;
      case 'candidate':
        return <CandidatePage id={route.id} />;
      case 'sessions':
        return <SessionsPage />;
      case 'session':
        return <SessionPage id={route.id} />;
      case 'results':
        return <ResultsPage id={route.id} />;
      case 'certificates':
        return <CertificatesPage />;
      case 'reports':
        return <ReportsPage />;
      case 'training':
        return <TrainingPage />;
      case 'trainingClass':
        return <TrainingClassPage id={route.id} />;
      case 'members':
        return <MembersPage />;
      case 'competitions':
        return <CompetitionsPage />;
      case 'competition':
        return <CompetitionPage id={route.id} />;
      case 'settings':
        return <SettingsPage />;
      case 'welcome':
        return <WelcomePage />;
    }
  })();

  if (locked !== null) {
    return (
      <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={theme}>
        <LoginScreen
          reason={locked || null}
          onLoggedIn={(name) => {
            setOperator(name);
            setLocked(null);
          }}
        />
      </ConfigProvider>
    );
  }

  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp style={{ height: '100%' }}>
        <Layout style={{ height: '100%' }}>
          <Layout.Sider width={196} theme="dark">
            <div className="brand">
              <span className="brand-mark">证</span>
              <span className="brand-text">
                <span>{t('app.name')}</span>
                <small>{t('app.subtitle')}</small>
              </span>
            </div>
            <Menu
              theme="dark"
              mode="inline"
              selectedKeys={[area === 'welcome' ? '' : area === 'results' ? 'results' : area]}
              items={menuItems}
              onClick={({ key }) => navigate(AREAS.find((a) => a.area === key)!.route)}
            />
          </Layout.Sider>
          <Layout>
            <Layout.Header className="app-header">
              <span className="muted">{t('app.tagline')}</span>
              <span style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
                {operator ? (
                  <span className="muted" data-testid="operator">
                    {t('app.operator', { name: operator })}
                    <Button type="link" size="small" onClick={() => void rpc('operators.logout', {}).finally(() => setLocked(''))}>
                      {t('login.logout')}
                    </Button>
                  </span>
                ) : null}
                <Segmented
                  size="small"
                  value={locale}
                  onChange={(v) => setLocale(v as 'zh-CN' | 'en')}
                  options={[
                    { label: '中文', value: 'zh-CN' },
                    { label: 'English', value: 'en' },
                  ]}
                />
                <Tooltip title={t('help.tooltip')}>
                  <Button icon={<QuestionCircleOutlined />} onClick={() => setHelpOpen(true)}>
                    {t('help.button')} <span className="kbd">F1</span>
                  </Button>
                </Tooltip>
              </span>
            </Layout.Header>
            <Layout.Content style={{ overflow: 'auto' }} data-ready={firstRunChecked ? '1' : '0'}>
              {page}
            </Layout.Content>
          </Layout>
        </Layout>
        {HelpDrawer ? (
          <HelpDrawer open={helpOpen} onClose={() => setHelpOpen(false)} area={area} />
        ) : (
          <ShortcutsDrawer open={helpOpen} onClose={() => setHelpOpen(false)} />
        )}
      </AntApp>
    </ConfigProvider>
  );
}
