// One occupation opened in 设置 → 职业目录: each level with its parts (pass mark, required,
// weighting) and its 申报条件, and the 工种 with the levels each offers. Open sessions follow a
// changed part; finalized ones keep what they were locked with (docs/catalogue.md).
import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { rpc } from '../../rpc';
import { useAction } from '../../useAction';
import { levelLabel, partLabel } from '../../labels';
import type { Occupation } from './CataloguePanel';
import { ClausesModal } from './ClausesModal';
import { changeMessage, LEVELS, levelsText, shortLevel } from './words';

type Level = Occupation['levels'][number];
type Part = Level['parts'][number];
type Specialty = Occupation['specialtyDetails'][number];

const PARTS = ['theory', 'skill', 'review'] as const;

export function OccupationDetail({ occupation: o, isAdmin, onChanged }: { occupation: Occupation; isAdmin: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const act = useAction();
  const [part, setPart] = useState<{ level: number; part: Part | null } | null>(null);
  const [specialty, setSpecialty] = useState<Specialty | 'new' | null>(null);
  const [clauses, setClauses] = useState<number | null>(null);
  const [newLevel, setNewLevel] = useState<number | undefined>();
  const missing = LEVELS.filter((l) => !o.levels.some((x) => x.level === l && !x.retired));

  const edit = (work: () => Promise<{ change: string }>, what: string) =>
    act.run(async () => {
      const r = await work();
      message.success(changeMessage(t, r.change, what));
      onChanged();
    });

  return (
    <div className="catalogue-detail" data-testid={`occupation-detail-${o.code}`}>
      {act.error ? <Alert type="error" showIcon message={act.error} style={{ marginBottom: 8 }} data-testid="catalogue-detail-error" /> : null}
      <Table
        size="small"
        rowKey="level"
        pagination={false}
        dataSource={o.levels}
        onRow={(l) => ({ 'data-level': l.level }) as never}
        columns={[
          {
            title: t('catalogue.level'),
            width: 170,
            render: (_, l) => (
              <Space size={4}>
                <span style={l.retired ? { textDecoration: 'line-through' } : undefined}>{levelLabel(t, l.level)}</span>
                {l.retired ? (
                  <Tooltip title={t('catalogue.levelRetiredHint')}>
                    <Tag>{t('catalogue.retired')}</Tag>
                  </Tooltip>
                ) : null}
              </Space>
            ),
          },
          {
            title: t('settings.partsAndMarks'),
            render: (_, l) => (
              <Space size={4} wrap>
                {l.parts.map((p) => (
                  <Tooltip key={p.part} title={isAdmin ? t('catalogue.partEdit') : undefined}>
                    <Tag
                      data-part={p.part}
                      color={p.required ? undefined : 'default'}
                      style={{ cursor: isAdmin ? 'pointer' : undefined, ...(p.required ? {} : { borderStyle: 'dashed' }) }}
                      onClick={isAdmin ? () => setPart({ level: l.level, part: p }) : undefined}
                    >
                      {t('session.partWithMark', { part: partLabel(t, p.part), mark: p.passMark })}
                      {p.weight !== null ? ` · ${t('catalogue.weightShort', { weight: p.weight })}` : ''}
                      {p.required ? '' : ` · ${t('catalogue.notRequired')}`}
                    </Tag>
                  </Tooltip>
                ))}
                {isAdmin && l.parts.length < PARTS.length ? (
                  <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => setPart({ level: l.level, part: null })}>
                    {t('catalogue.addPart')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
          {
            title: t('catalogue.eligibility'),
            width: 120,
            render: (_, l) => (
              <Button size="small" type="link" onClick={() => setClauses(l.level)} data-testid={`clauses-${o.code}-${l.level}`}>
                {t('catalogue.eligibilityOpen')}
              </Button>
            ),
          },
          {
            title: '',
            width: 110,
            render: (_, l) =>
              !isAdmin ? null : l.retired ? (
                <Button size="small" type="link" onClick={() => void edit(() => rpc('occupations.addLevel', { occupation: o.code, level: l.level }), `${o.name}${shortLevel(t, l.level)}`)}>
                  {t('catalogue.restore')}
                </Button>
              ) : (
                <Popconfirm
                  title={t('catalogue.removeLevelConfirm', { name: o.name, level: shortLevel(t, l.level) })}
                  okText={t('catalogue.removeLevel')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => edit(() => rpc('occupations.removeLevel', { occupation: o.code, level: l.level }), `${o.name}${shortLevel(t, l.level)}`)}
                >
                  <Button size="small" type="link" danger data-testid={`level-remove-${o.code}-${l.level}`}>
                    {t('catalogue.removeLevel')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {isAdmin && missing.length > 0 ? (
        <Space style={{ margin: '8px 0' }}>
          <Select
            placeholder={t('catalogue.addLevel')}
            value={newLevel}
            onChange={setNewLevel}
            style={{ width: 180 }}
            options={missing.map((l) => ({ value: l, label: levelLabel(t, l) }))}
            data-testid={`level-add-select-${o.code}`}
          />
          <Button
            disabled={newLevel === undefined}
            onClick={() => {
              const level = newLevel!;
              setNewLevel(undefined);
              void edit(() => rpc('occupations.addLevel', { occupation: o.code, level }), `${o.name}${shortLevel(t, level)}`);
            }}
            data-testid={`level-add-${o.code}`}
          >
            {t('catalogue.addLevel')}
          </Button>
        </Space>
      ) : null}

      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('catalogue.specialties')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={o.specialtyDetails}
        locale={{ emptyText: t('catalogue.noSpecialties') }}
        onRow={(s) => ({ 'data-specialty': s.name }) as never}
        columns={[
          {
            title: t('session.specialty'),
            render: (_, s) => (
              <Space size={4}>
                <span style={s.retired ? { textDecoration: 'line-through' } : undefined}>{s.name}</span>
                {s.retired ? <Tag>{t('catalogue.retired')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('catalogue.levels'), render: (_, s) => levelsText(t, s.levels) },
          {
            title: '',
            width: 170,
            render: (_, s) =>
              isAdmin ? (
                <Space size={4}>
                  <Button size="small" type="link" onClick={() => setSpecialty(s)}>
                    {s.retired ? t('catalogue.restore') : t('catalogue.correct')}
                  </Button>
                  {s.retired ? null : (
                    <Popconfirm
                      title={t('catalogue.removeSpecialtyConfirm', { name: s.name })}
                      okText={t('catalogue.retire')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => edit(() => rpc('occupations.removeSpecialty', { occupation: o.code, name: s.name }), s.name)}
                    >
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
      {isAdmin ? (
        <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => setSpecialty('new')} data-testid={`specialty-add-${o.code}`}>
          {t('catalogue.addSpecialty')}
        </Button>
      ) : null}

      <PartModal occupation={o} editing={part} onClose={() => setPart(null)} onSaved={() => (setPart(null), onChanged())} />
      <SpecialtyModal occupation={o} editing={specialty} onClose={() => setSpecialty(null)} onSaved={() => (setSpecialty(null), onChanged())} />
      <ClausesModal occupation={o} level={clauses} isAdmin={isAdmin} onClose={() => setClauses(null)} />
    </div>
  );
}

interface PartForm {
  part: string;
  passMark: string;
  required: boolean;
  weight: number | null;
}

/** A part of a level: its pass mark, whether it is required, its weighting (occupations.setPart, the one path). */
function PartModal({ occupation: o, editing, onClose, onSaved }: { occupation: Occupation; editing: { level: number; part: Part | null } | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PartForm>();
  const { busy, error, run } = useAction();
  const level = o.levels.find((l) => l.level === editing?.level);
  const p = editing?.part ?? null;

  const save = async () => {
    const v = await form.validateFields();
    await run(async () => {
      const r = await rpc('occupations.setPart', {
        occupation: o.code,
        level: editing!.level,
        part: v.part,
        passMark: String(v.passMark).trim(),
        required: v.required,
        weight: v.weight === null || v.weight === undefined ? '' : v.weight,
      });
      message.success(t('catalogue.partSaved', { part: partLabel(t, v.part), recomputed: r.recomputed }));
      onSaved();
    });
  };

  return (
    <Modal
      open={editing !== null}
      title={editing ? t('catalogue.partTitle', { name: o.name, level: levelLabel(t, editing.level) }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={save}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="part-error" /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={p ? { part: p.part, passMark: String(p.passMark), required: p.required, weight: p.weight } : { passMark: '60', required: true, weight: null }}
      >
        <Form.Item name="part" label={t('catalogue.part')} rules={[{ required: true, message: t('catalogue.partRequired') }]}>
          <Select
            disabled={p !== null}
            options={PARTS.filter((x) => p?.part === x || !level?.parts.some((y) => y.part === x)).map((x) => ({ value: x, label: partLabel(t, x) }))}
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item name="passMark" label={t('catalogue.passMark')} rules={[{ required: true, message: t('catalogue.passMarkRequired') }]}>
          <Input autoFocus suffix={t('settings.points')} style={{ width: 160 }} data-testid="part-pass-mark" onPressEnter={save} />
        </Form.Item>
        <Form.Item name="required" label={t('catalogue.required')} valuePropName="checked" extra={t('catalogue.requiredHint')}>
          <Switch />
        </Form.Item>
        <Form.Item name="weight" label={t('catalogue.weight')} extra={t('catalogue.weightHint')}>
          <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: 160 }} />
        </Form.Item>
      </Form>
      <Typography.Paragraph className="muted" style={{ marginBottom: 0 }}>
        {t('settings.passMarkHint')}
      </Typography.Paragraph>
    </Modal>
  );
}

/** A 工种 and the levels it offers: added, corrected, or taken back after it was retired. */
function SpecialtyModal({ occupation: o, editing, onClose, onSaved }: { occupation: Occupation; editing: Specialty | 'new' | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; levels: number[] }>();
  const { busy, error, run } = useAction();
  const existing = editing !== 'new' ? editing : null;
  const offered = o.levels.filter((l) => !l.retired).map((l) => l.level);

  const save = async () => {
    const v = await form.validateFields();
    await run(async () => {
      const r = await rpc('occupations.setSpecialty', { occupation: o.code, name: v.name, levels: v.levels });
      message.success(changeMessage(t, r.change, v.name));
      onSaved();
    });
  };

  return (
    <Modal
      open={editing !== null}
      title={existing ? t('catalogue.specialtyTitle', { name: existing.name }) : t('catalogue.addSpecialty')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={save}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="specialty-error" /> : null}
      <Form form={form} layout="vertical" onFinish={save} initialValues={existing ? { name: existing.name, levels: existing.levels } : { levels: [] }}>
        <Form.Item name="name" label={t('session.specialty')} rules={[{ required: true, message: t('catalogue.specialtyRequired') }]}>
          <Input autoFocus disabled={existing !== null} placeholder="消防设施监控操作" data-testid="specialty-name" />
        </Form.Item>
        <Form.Item name="levels" label={t('catalogue.specialtyLevels')} rules={[{ required: true, type: 'array', min: 1, message: t('catalogue.specialtyLevelsRequired') }]} extra={t('catalogue.specialtyLevelsHint')}>
          <Checkbox.Group data-testid="specialty-levels" options={offered.map((l) => ({ value: l, label: shortLevel(t, l) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
