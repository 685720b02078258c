// The spreadsheets officers hand on (services/spreadsheets/export): built on the server and
// downloaded here; in Electron the same bytes go through the browser download as well.
import { App, Button, Dropdown } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../i18n';
import { downloadFile, rpc } from '../rpc';
import { errorText, useAction } from '../useAction';

type Scope = { sessionId?: number; from?: string; to?: string };
type ExportOp = 'export.passRate' | 'export.passed' | 'export.issueList' | 'export.report' | 'export.roster' | 'export.scores';

export interface ExportChoice {
  key: string;
  label: MessageKey;
  run: () => ReturnType<typeof rpc<ExportOp>>;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ExportMenu({ choices, testId }: { choices: ExportChoice[]; testId?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { busy, run: runAction } = useAction();
  const run = (choice: ExportChoice) =>
    runAction(async () => {
      try {
        const file = await choice.run();
        if ('base64' in file) {
          downloadFile(file, file.name.endsWith('.csv') ? 'text/csv' : XLSX);
          message.success(t('export.done', { name: file.name }));
        } else message.success(t('export.savedTo', { path: file.path }));
      } catch (e) {
        // A menu has no room for an alert: the message says what to do, long enough to read.
        message.error(errorText(e), 8);
      }
    });
  return (
    <Dropdown
      trigger={['click']}
      menu={{ items: choices.map((c) => ({ key: c.key, label: t(c.label) })), onClick: ({ key }) => void run(choices.find((c) => c.key === key)!) }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid={testId}>
        {t('export.button')}
      </Button>
    </Dropdown>
  );
}

/** Exports for a period (报表) or one session. */
export function scopeExports(scope: Scope): ExportChoice[] {
  return [
    { key: 'passRate', label: 'export.passRate', run: () => rpc('export.passRate', scope) },
    { key: 'passed', label: 'export.passed', run: () => rpc('export.passed', scope) },
    { key: 'issueList', label: 'export.issueList', run: () => rpc('export.issueList', scope) },
    { key: 'report', label: 'export.report', run: () => rpc('export.report', { ...scope, format: 'xlsx' }) },
    { key: 'reportCsv', label: 'export.reportCsv', run: () => rpc('export.report', { ...scope, format: 'csv' }) },
  ];
}

/** Exports only a session has: its roster and its score sheet (filled, or blank for the exam site). */
export function sessionExports(sessionId: number): ExportChoice[] {
  return [
    { key: 'roster', label: 'export.roster', run: () => rpc('export.roster', { sessionId }) },
    { key: 'scores', label: 'export.scores', run: () => rpc('export.scores', { sessionId }) },
    { key: 'scoresBlank', label: 'export.scoresBlank', run: () => rpc('export.scores', { sessionId, blank: true }) },
    ...scopeExports({ sessionId }),
  ];
}
