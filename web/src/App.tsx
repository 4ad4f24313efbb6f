import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './AppRoutes.tsx';
import { ApiError } from './api/client.ts';
import { SessionProvider } from './auth/session.tsx';
import { QueryErrorBridge } from './components/QueryErrorBridge.tsx';
import { requiredMark } from './components/requiredMark.tsx';
import { I18nProvider, useI18n } from './i18n/I18nProvider.tsx';
import { theme } from './theme.ts';

const queryClient = new QueryClient({
  queryCache: new QueryCache(),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      // Client errors do not get better by asking again.
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status > 0 && error.status < 500) && failures < 2,
    },
  },
});

function LocalisedApp() {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={theme}
      // Two-character Chinese buttons would otherwise read "登 录" (and be named so).
      button={{ autoInsertSpace: false }}
      form={{ requiredMark }}
      // Without virtual lists, every select option is a real role="option" (lists here are short).
      virtual={false}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <QueryErrorBridge />
          <BrowserRouter>
            <SessionProvider>
              <AppRoutes />
            </SessionProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <LocalisedApp />
    </I18nProvider>
  );
}
