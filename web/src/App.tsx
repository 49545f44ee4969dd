/**
 * The application's providers, outermost first: data (TanStack Query), 长辈版, antd (zh-CN locale and
 * theme), then the router with the route table.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, useState } from 'react';
import { RouterProvider } from 'react-router';
import { queryClient } from './api/query-client.ts';
import { createRouter } from './routes.tsx';
import { ElderModeProvider, useElderMode } from './shell/elder-mode.tsx';
import { ELDER_THEME, STANDARD_THEME } from './shell/theme.ts';

dayjs.locale('zh-cn');

export function App() {
  const [router] = useState(createRouter);
  return (
    <QueryClientProvider client={queryClient}>
      <ElderModeProvider>
        <Themed>
          <RouterProvider router={router} />
        </Themed>
      </ElderModeProvider>
    </QueryClientProvider>
  );
}

function Themed({ children }: { children: ReactNode }) {
  const { elder } = useElderMode();
  return (
    // No space inserted between two Chinese characters of a button (“登 录” reads as two words), and
    // no click ripple (a moving layer over the page, beside the point for a form).
    <ConfigProvider
      locale={zhCN}
      theme={elder ? ELDER_THEME : STANDARD_THEME}
      button={{ autoInsertSpace: false }}
      wave={{ disabled: true }}
    >
      {children}
    </ConfigProvider>
  );
}
