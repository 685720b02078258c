// Add or edit a candidate: the ID is checked as it is typed (check character, birth date, gender),
// and birth date and gender are filled from the ID (domain.md § Identity documents).
import { useEffect, useMemo, useState } from 'react';
import { Alert, AutoComplete, Button, Col, Form, Input, Modal, Radio, Row, Select } from 'antd';
import { checkIdNumber, ID_TYPES, type IdCheck, type IdType } from '../../../services/ids/idNumber';
import { useI18n } from '../i18n';
import { rpc, type OpResult } from '../rpc';
import { useAction } from '../useAction';
import { useRpc } from '../useRpc';
import { PhotoCropper } from './PhotoCropper';
import { ETHNICITIES, ORIGINS } from '../../../services/vocabulary/people';

type Candidate = OpResult<'candidates.get'>;

interface Values {
  idType: string;
  idNumber: string;
  name: string;
  gender?: string;
  birthDate?: string;
  phone?: string;
  education?: string;
  employer?: string;
  ethnicity?: string;
  address?: string;
  origin?: string;
}

const EDUCATION = ['初中', '高中', '中专', '大专', '本科', '研究生'];

export function CandidateModal({
  open,
  candidate,
  onClose,
  onSaved,
}: {
  open: boolean;
  candidate: Candidate | null;
  onClose: () => void;
  onSaved: (c: Candidate) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { busy: saving, error, setError, run } = useAction();
  const [photo, setPhoto] = useState<{ changed: boolean; base64: string | null }>({ changed: false, base64: null });
  const [initialPhoto, setInitialPhoto] = useState<string | null>(null);
  const employers = useRpc('employers.list', {}, open);
  const idType = Form.useWatch('idType', form);
  const idNumber = Form.useWatch('idNumber', form);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setPhoto({ changed: false, base64: null });
    setInitialPhoto(null);
    form.resetFields();
    if (candidate) {
      form.setFieldsValue({
        ...candidate,
        gender: candidate.gender ?? undefined,
        birthDate: candidate.birthDate ?? undefined,
        ethnicity: candidate.ethnicity ?? undefined,
        address: candidate.address ?? undefined,
        origin: candidate.origin ?? undefined,
      } as Values);
      if (candidate.hasPhoto) rpc('candidates.photo', { id: candidate.id }).then((p) => setInitialPhoto(p.base64), () => undefined);
    } else form.setFieldsValue({ idType: '居民身份证' });
  }, [open, candidate, form]);

  // Live check, in the renderer: the same pure module the server uses.
  const check = useMemo(() => (idNumber ? checkIdNumber(idNumber, idType || undefined) : null), [idNumber, idType]);
  const derived = check?.ok && check.birthDate !== undefined;
  useEffect(() => {
    if (check?.ok && check.birthDate) form.setFieldsValue({ birthDate: check.birthDate, gender: check.gender });
  }, [check, form]);

  const save = async () => {
    const v = await form.validateFields();
    await run(async () => {
      const input = { ...v, employer: v.employer || null, phone: v.phone || null, education: v.education || null, gender: v.gender || null, birthDate: v.birthDate || null,
        ethnicity: v.ethnicity || null, address: v.address || null, origin: v.origin || null };
      let saved = candidate ? await rpc('candidates.update', { id: candidate.id, ...input }) : await rpc('candidates.add', input);
      if (photo.changed) saved = await rpc('candidates.setPhoto', { id: saved.id, base64: photo.base64 });
      onSaved(saved);
    });
  };

  return (
    <Modal
      open={open}
      title={candidate ? t('candidate.editTitle', { name: candidate.name }) : t('candidate.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={save}
      onCancel={onClose}
      confirmLoading={saving}
      width={720}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={save}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="idType" label={t('candidate.idType')}>
              <Select options={ID_TYPES.map((x) => ({ value: x, label: x }))} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              name="idNumber"
              label={t('candidate.idNumber')}
              required
              validateStatus={check ? (check.ok ? (check.warnings ? 'warning' : 'success') : 'error') : undefined}
              help={check ? <IdCheckHelp check={check} onType={(type) => form.setFieldsValue({ idType: type })} /> : undefined}
              rules={[{ required: true, message: t('candidate.idRequired') }, { validator: () => (check && !check.ok ? Promise.reject(new Error(check.message)) : Promise.resolve()) }]}
            >
              <Input autoFocus maxLength={20} className="mono" placeholder={t('candidate.idPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="name" label={t('candidate.name')} rules={[{ required: true, whitespace: true, message: t('candidate.nameRequired') }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="gender" label={t('candidate.gender')}>
              <Radio.Group disabled={derived} options={[{ value: '男', label: t('gender.male') }, { value: '女', label: t('gender.female') }]} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="birthDate" label={t('candidate.birthDate')} extra={derived ? t('candidate.fromId') : undefined}>
              <Input disabled={derived} placeholder="YYYY-MM-DD" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="phone" label={t('candidate.phone')}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="education" label={t('candidate.education')}>
              <AutoComplete options={EDUCATION.map((e) => ({ value: e }))} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="employer" label={t('candidate.employer')}>
              <AutoComplete
                options={(employers.data ?? []).map((e) => ({ value: e.name }))}
                filterOption={(input, o) => String(o?.value ?? '').includes(input)}
              />
            </Form.Item>
          </Col>
        </Row>
        {/* What the provincial platform's upload asks (docs/exchange.md). */}
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="ethnicity" label={t('candidate.ethnicity')}>
              <Select allowClear showSearch options={ETHNICITIES.map(([, name]) => ({ value: name, label: name }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="origin" label={t('candidate.origin')}>
              <AutoComplete allowClear options={ORIGINS.map((o) => ({ value: o }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="address" label={t('candidate.address')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('candidate.photo')}>
          <PhotoCropper initial={initialPhoto} onChange={(base64) => setPhoto({ changed: true, base64 })} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

/** What the live check says under the number: the problem, a warning, or what the number tells. */
function IdCheckHelp({ check, onType }: { check: IdCheck; onType: (type: IdType) => void }) {
  const { t } = useI18n();
  if (!check.ok) {
    return (
      <span data-testid="id-problem">
        {check.message}
        {check.suggestedType ? (
          <Button type="link" size="small" onClick={() => onType(check.suggestedType!)}>
            {t('candidate.useType', { type: check.suggestedType })}
          </Button>
        ) : null}
      </span>
    );
  }
  return (
    <span data-testid="id-ok">
      {check.birthDate ? t('candidate.idOk', { birth: check.birthDate, gender: check.gender ?? '' }) : null}
      {check.upgradedFrom ? <div>{t('candidate.idUpgraded', { number: check.idNumber })}</div> : null}
      {check.birthCenturyGuessed ? <div>{t('candidate.idCenturyGuessed')}</div> : null}
      {check.warnings?.map((w) => <div key={w} data-testid="id-warning">{w}</div>)}
    </span>
  );
}
