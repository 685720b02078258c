// 考生: search as you type (name, pinyin initials, ID number, employer — the server does the matching).
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Empty, Input, Table, Tag, Tooltip, type InputRef } from 'antd';
import { PictureOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { useRpc } from '../useRpc';
import { CandidateModal } from '../components/CandidateModal';
import { PhotoImportModal } from '../components/PhotoImportModal';
import { routeHash } from '../router';
import type { OpResult } from '../rpc';

type Candidate = OpResult<'candidates.get'>;

export function CandidatesPage() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Candidate | null | undefined>(undefined);
  const [importingPhotos, setImportingPhotos] = useState(false);
  const search = useRef<InputRef>(null);
  const found = useRpc('candidates.search', { query, limit: 200 });

  // Typing is not held up by the server: the query follows the text after a short pause.
  useEffect(() => {
    const h = setTimeout(() => setQuery(text.trim()), 120);
    return () => clearTimeout(h);
  }, [text]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        search.current?.focus();
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        setEditing(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const items = found.data?.items ?? [];
  return (
    <div className="page">
      <div className="page-head">
        <h2>{t('nav.candidates')}</h2>
        <span style={{ display: 'flex', gap: 8 }}>
          <Button icon={<PictureOutlined />} onClick={() => setImportingPhotos(true)} data-testid="photos-import">
            {t('photos.title')}
          </Button>
          <Tooltip title={t('candidates.addTooltip')}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              {t('candidates.add')}
            </Button>
          </Tooltip>
        </span>
      </div>
      <Card size="small">
        <Input
          ref={search}
          allowClear
          autoFocus
          size="large"
          prefix={<SearchOutlined />}
          placeholder={t('candidates.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ marginBottom: 12 }}
          data-testid="candidate-search"
        />
        {found.error ? <Alert type="error" showIcon message={found.error.message} style={{ marginBottom: 12 }} /> : null}
        <div className="muted" style={{ marginBottom: 8, fontSize: 12 }}>
          {query ? t('candidates.foundCount', { n: items.length }) : t('candidates.totalCount', { n: found.data?.total ?? 0 })}
        </div>
        {found.data && found.data.total === 0 && !query ? (
          <Empty className="empty-box" description={t('candidates.empty')}>
            <Button type="primary" onClick={() => setEditing(null)}>
              {t('candidates.add')}
            </Button>
          </Empty>
        ) : (
        <Table
          size="small"
          rowKey="id"
          loading={found.loading}
          dataSource={items}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: t('candidates.noMatch', { q: query }) }}
          onRow={(r) => ({ onDoubleClick: () => setEditing(r) })}
          columns={[
            {
              title: t('candidate.name'),
              dataIndex: 'name',
              width: 110,
              render: (v: string, r) => (
                <a href={routeHash({ page: 'candidate', id: r.id })} title={t('person.open')}>
                  {v}
                </a>
              ),
            },
            { title: t('candidate.gender'), dataIndex: 'gender', width: 60, render: (v: string | null) => (v ? t(v === '男' ? 'gender.male' : 'gender.female') : '') },
            { title: t('candidate.idType'), dataIndex: 'idType', width: 130, ellipsis: true },
            { title: t('candidate.idNumber'), dataIndex: 'idNumber', width: 190, render: (v) => <span className="mono">{v}</span> },
            { title: t('candidate.birthDate'), dataIndex: 'birthDate', width: 110 },
            { title: t('candidate.employer'), dataIndex: 'employer', ellipsis: true },
            { title: t('candidate.phone'), dataIndex: 'phone', width: 130 },
            { title: t('candidate.photo'), dataIndex: 'hasPhoto', width: 70, render: (v) => (v ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>) },
            {
              title: '',
              width: 70,
              render: (_, r) => (
                <Button size="small" type="link" onClick={() => setEditing(r)}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
        )}
      </Card>
      <PhotoImportModal open={importingPhotos} onClose={() => setImportingPhotos(false)} onImported={() => found.reload()} />
      <CandidateModal
        open={editing !== undefined}
        candidate={editing ?? null}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          found.reload();
        }}
      />
    </div>
  );
}
