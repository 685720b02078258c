// 设置 → 职业目录: the occupation catalogue is the officer's data (docs/catalogue.md). Occupations
// with their code and 大典 edition, found by name, code or pinyin initials as the other pickers
// find them; each opens to its levels, parts, 工种 and 申报条件. Taking out a row a session uses
// retires it (the server decides), so the answer says which of the two happened.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n, type Translate } from '../../i18n';
import { useRpc } from '../../useRpc';
import { rpc, type OpResult } from '../../rpc';
import { useAction } from '../../useAction';
import { useIsAdmin } from '../SessionFlow';
import { OccupationDetail } from './OccupationDetail';
import { changeMessage, LEVELS, levelsText, shortLevel } from './words';

export type Occupation = OpResult<'occupations.list'>[number];

/** By name or code as typed, or by pinyin initials (物业管理师: wygls), as SessionsPage's picker finds them. */
export function occupationMatches(o: Pick<Occupation, 'code' | 'name' | 'initials'>, typed: string): boolean {
  const q = typed.trim().toLowerCase();
  if (!q) return true;
  return `${o.code} ${o.name}`.toLowerCase().includes(q) || o.initials.includes(q.replace(/\s+/g, ''));
}

export function CataloguePanel() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const catalog = useRpc('occupations.list', {});
  const isAdmin = useIsAdmin();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Occupation | 'new' | null>(null);
  const [expanded, setExpanded] = useState<number[]>([]);
  const row = useAction();
  const rows = (catalog.data ?? []).filter((o) => occupationMatches(o, query));

  const retire = (o: Occupation) =>
    row.run(async () => {
      const r = await rpc('occupations.retire', { occupation: o.code });
      message.success(changeMessage(t, r.change, o.name));
      catalog.reload();
    });
  const restore = (o: Occupation) =>
    row.run(async () => {
      await rpc('occupations.add', { code: o.code, name: o.name, edition: o.edition });
      message.success(t('catalogue.restored', { name: o.name }));
      catalog.reload();
    });

  return (
    <div data-testid="catalogue">
      <Typography.Paragraph className="muted">{t('catalogue.intro')}</Typography.Paragraph>
      {row.error ? <Alert type="error" showIcon message={row.error} style={{ marginBottom: 12 }} data-testid="catalogue-error" /> : null}
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder={t('catalogue.searchPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} style={{ width: 320 }} data-testid="catalogue-search" />
        {isAdmin ? (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="occupation-add">
            {t('catalogue.addOccupation')}
          </Button>
        ) : (
          <span className="muted">{t('catalogue.adminOnly')}</span>
        )}
      </Space>
      <Table
        size="small"
        rowKey="id"
        loading={catalog.loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys as number[]),
          expandedRowRender: (o) => <OccupationDetail occupation={o} isAdmin={isAdmin} onChanged={catalog.reload} />,
        }}
        onRow={(o) => ({ 'data-occupation': o.name }) as never}
        columns={[
          {
            title: t('catalogue.occupation'),
            render: (_, o) => (
              <Space size={6} wrap>
                <span className="mono">{o.code}</span>
                <b>{o.name}</b>
                <Tag>{t('catalogue.edition', { edition: o.edition })}</Tag>
                {o.retired ? <Tag color="default">{t('catalogue.retired')}</Tag> : null}
                {o.olderCodes.map((c) => (
                  <Tag key={`${c.edition}:${c.code}`} color="blue" title={c.name}>
                    {t('catalogue.olderCode', { code: c.code, edition: c.edition })}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t('catalogue.levels'), width: 260, render: (_, o) => <LevelTags t={t} levels={o.levels} /> },
          {
            title: t('catalogue.specialties'),
            render: (_, o) =>
              o.specialtyDetails.length === 0 ? (
                <span className="muted">—</span>
              ) : (
                <Space size={4} wrap>
                  {o.specialtyDetails.map((s) => (
                    <Tag key={s.name} color={s.retired ? 'default' : undefined} style={s.retired ? { textDecoration: 'line-through' } : undefined}>
                      {t('catalogue.specialtyWithLevels', { name: s.name, levels: levelsText(t, s.levels) })}
                    </Tag>
                  ))}
                </Space>
              ),
          },
          {
            title: '',
            width: 170,
            render: (_, o) =>
              isAdmin ? (
                <Space size={4}>
                  <Button size="small" type="link" onClick={() => setEditing(o)} data-testid={`occupation-edit-${o.code}`}>
                    {t('catalogue.correct')}
                  </Button>
                  {o.retired ? (
                    <Button size="small" type="link" onClick={() => void restore(o)}>
                      {t('catalogue.restore')}
                    </Button>
                  ) : (
                    <Popconfirm title={t('catalogue.retireConfirm', { name: o.name })} okText={t('catalogue.retire')} cancelText={t('common.cancel')} onConfirm={() => retire(o)}>
                      <Button size="small" type="link" danger>
                        {t('catalogue.retire')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ) : null,
          },
        ]}
      />
      <OccupationModal
        editing={editing}
        catalog={catalog.data ?? []}
        onClose={() => setEditing(null)}
        onSaved={(o) => {
          setEditing(null);
          catalog.reload();
          if (o) setExpanded((keys) => (keys.includes(o.id) ? keys : [...keys, o.id]));
        }}
      />
    </div>
  );
}

export function LevelTags({ t, levels }: { t: Translate; levels: Occupation['levels'] }) {
  return (
    <Space size={4} wrap>
      {levels.map((l) => (
        <Tag key={l.level} color={l.retired ? 'default' : 'geekblue'} style={l.retired ? { textDecoration: 'line-through' } : undefined} title={l.retired ? t('catalogue.levelRetiredHint') : undefined}>
          {shortLevel(t, l.level)}
        </Tag>
      ))}
    </Space>
  );
}

interface OccupationForm {
  code: string;
  name: string;
  edition: '2022' | '2015';
  levels: number[];
  successor?: string;
}

/** A new occupation (or a 2015 code for an existing one), or a correction of name and code. */
function OccupationModal({ editing, catalog, onClose, onSaved }: { editing: Occupation | 'new' | null; catalog: Occupation[]; onClose: () => void; onSaved: (o: Occupation | null) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<OccupationForm>();
  const { busy, error, setError, run } = useAction();
  useEffect(() => setError(null), [editing, setError]);
  const edition = Form.useWatch('edition', form);
  const isNew = editing === 'new';
  const existing = editing !== 'new' ? editing : null;

  const save = async () => {
    const v = await form.validateFields();
    await run(async () => {
      if (existing) {
        const r = await rpc('occupations.update', { occupation: existing.code, name: v.name, code: v.code });
        message.success(changeMessage(t, r.change, r.occupation.name));
        onSaved(r.occupation);
        return;
      }
      const older = v.edition === '2015' && v.successor;
      const r = await rpc('occupations.add', { code: v.code, name: v.name, edition: v.edition, ...(older ? { successor: v.successor } : { levels: v.levels }) });
      message.success(changeMessage(t, r.change, v.name));
      onSaved(r.occupation);
    });
  };

  return (
    <Modal
      open={editing !== null}
      title={isNew ? t('catalogue.addOccupation') : t('catalogue.correctTitle', { name: existing?.name ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={save}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="occupation-error" /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        // The dialog is rebuilt each time it opens (destroyOnHidden), so these are what it starts from.
        initialValues={existing ? { code: existing.code, name: existing.name, edition: existing.edition } : { edition: '2022', levels: [...LEVELS] }}
      >
        <Form.Item name="name" label={t('catalogue.name')} rules={[{ required: true, message: t('catalogue.nameRequired') }]}>
          <Input autoFocus placeholder="物业管理师" data-testid="occupation-name" />
        </Form.Item>
        <Form.Item name="code" label={t('catalogue.code')} rules={[{ required: true, pattern: /^\d-\d\d-\d\d-\d\d$/, message: t('catalogue.codeFormat') }]}>
          <Input placeholder="4-06-01-01" className="mono" data-testid="occupation-code" />
        </Form.Item>
        {isNew ? (
          <>
            <Form.Item name="edition" label={t('catalogue.editionLabel')} extra={t('catalogue.editionHint')}>
              <Select options={['2022', '2015'].map((e) => ({ value: e, label: t('catalogue.edition', { edition: e }) }))} style={{ width: 160 }} />
            </Form.Item>
            {edition === '2015' ? (
              <Form.Item name="successor" label={t('catalogue.successor')} extra={t('catalogue.successorHint')}>
                <Select
                  showSearch
                  allowClear
                  filterOption={(input, option) => !!option && occupationMatches(option.occupation, input)}
                  options={catalog.filter((o) => !o.retired).map((o) => ({ value: o.code, label: `${o.code} ${o.name}`, occupation: o }))}
                />
              </Form.Item>
            ) : null}
            <Form.Item name="levels" label={t('catalogue.levels')} extra={t('catalogue.levelsHint')}>
              <Checkbox.Group options={LEVELS.map((l) => ({ value: l, label: shortLevel(t, l) }))} />
            </Form.Item>
          </>
        ) : (
          <Typography.Paragraph className="muted">{t('catalogue.correctHint')}</Typography.Paragraph>
        )}
      </Form>
    </Modal>
  );
}
