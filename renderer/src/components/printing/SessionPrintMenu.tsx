// 「打印」 on the session page: the session's paper for the exam day as PDFs built on the server
// (services/printing) and downloaded — the list as printed paper, not the screen.
import { Button, Dropdown } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../../i18n';
import { rpc } from '../../rpc';
import { usePdfDownload } from './usePdfDownload';

const KINDS: { kind: 'admission-list' | 'sign-in' | 'tickets' | 'score-sheet'; label: MessageKey }[] = [
  { kind: 'admission-list', label: 'print.admissionList' },
  { kind: 'sign-in', label: 'print.signIn' },
  { kind: 'tickets', label: 'print.tickets' },
  { kind: 'score-sheet', label: 'print.scoreSheet' },
];

type Kind = (typeof KINDS)[number]['kind'];

const usePrintList = (sessionId: number) => usePdfDownload((kind: Kind) => rpc('sessions.print', { sessionId, kind }));

/** One list as a primary button (the admission-number list's preview prints the PDF, not the scrolled screen). */
export function PrintListButton({ sessionId, kind }: { sessionId: number; kind: Kind }) {
  const { t } = useI18n();
  const { busy, print } = usePrintList(sessionId);
  return (
    <Button type="primary" icon={<PrinterOutlined />} loading={busy} onClick={() => void print(kind)} data-testid={`print-list-${kind}`}>
      {t('admission.print')}
    </Button>
  );
}

export function SessionPrintMenu({ sessionId, disabled }: { sessionId: number; disabled?: boolean }) {
  const { t } = useI18n();
  const { busy, print } = usePrintList(sessionId);
  return (
    <Dropdown
      trigger={['click']}
      disabled={disabled}
      menu={{ items: KINDS.map((k) => ({ key: k.kind, label: <span data-testid={`print-${k.kind}`}>{t(k.label)}</span> })), onClick: ({ key }) => void print(key as Kind) }}
    >
      <Button icon={<PrinterOutlined />} loading={busy} disabled={disabled} data-testid="session-print">
        {t('print.button')}
      </Button>
    </Dropdown>
  );
}
