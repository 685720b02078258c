// The bar under the drop zone while a large sheet is read, checked and written. It is one bar for
// the whole call, so it never runs backwards between phases: reading fills the first stretch as
// rows arrive; checking and writing, which report no count as they go, hold a place and shimmer.
import { Progress } from 'antd';
import { useI18n } from '../i18n';
import type { ImportProgressShown } from './useImportProgress';

/** Where reading ends on the bar: a preview is mostly reading, a real import also writes. */
const READ_SHARE = { preview: 90, import: 60 } as const;
const CHECKING_AT = { preview: 95, import: 65 } as const;
const WRITING_AT = 85;
/** Without a declared length, the rows read at which the bar is halfway through reading. */
const UNKNOWN_LENGTH_HALF = 20_000;

export function ImportProgressBar({ shown }: { shown: ImportProgressShown | null }) {
  const { t, locale } = useI18n();
  if (!shown) return null;
  const number = new Intl.NumberFormat(locale);
  const which = shown.writes ? 'import' : 'preview';
  const p = shown.progress;

  let percent = 0;
  let text = t('importProgress.opening');
  let failed = false;
  if (p?.phase === 'reading') {
    const rows = number.format(p.done);
    if (p.total) {
      percent = Math.min(1, p.done / p.total) * READ_SHARE[which];
      text = t('importProgress.reading', { rows, total: number.format(p.total) });
    } else {
      // The sheet does not say how long it is (some programs leave <dimension> out): the count
      // alone, on a bar that keeps moving as rows arrive but never claims reading is over.
      percent = (p.done / (p.done + UNKNOWN_LENGTH_HALF)) * READ_SHARE[which];
      text = p.done ? t('importProgress.readingCount', { rows }) : t('importProgress.opening');
    }
  } else if (p?.phase === 'checking') {
    percent = CHECKING_AT[which];
    text = t('importProgress.checking', { rows: number.format(p.done) });
  } else if (p?.phase === 'writing') {
    percent = WRITING_AT;
    text = t('importProgress.writing', { rows: number.format(p.done) });
  } else if (p?.phase === 'done') {
    percent = 99;
    text = t('importProgress.done');
  } else if (p?.phase === 'failed') {
    failed = true;
    text = t('importProgress.failed');
  }

  return (
    <div style={{ marginTop: 16 }} data-testid="import-progress" data-phase={p?.phase ?? 'opening'} role="status" aria-live="polite">
      <div style={{ marginBottom: 4 }}>{text}</div>
      <Progress percent={Math.round(percent)} status={failed ? 'exception' : 'active'} showInfo={false} />
    </div>
  );
}
