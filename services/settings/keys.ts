// Every setting an officer can change, with its rule and the message when a value breaks it.
// Other areas add their keys here (one table, one way to validate).

export interface SettingKey {
  label: string;
  default: string;
  /** Returns a Chinese message when the value is not acceptable. */
  validate(value: string): string | null;
}

const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

export const SETTING_KEYS: Record<string, SettingKey> = {
  'institution.name': {
    label: '评价机构名称',
    default: '',
    validate: (v) => (v.trim() ? null : '评价机构名称不能为空，请填写在人社部门备案的机构全称。'),
  },
  'institution.type': {
    label: '机构类型（S 社会培训评价组织 / Y 用人单位）',
    default: 'S',
    validate: (v) => (v === 'S' || v === 'Y' ? null : '机构类型只能是 S（社会培训评价组织）或 Y（用人单位）。'),
  },
  'institution.code': {
    label: '机构代码（人社部备案为 4 位代码，在省备案填 0000）',
    default: '0000',
    validate: (v) => (/^\d{4}$/.test(v) ? null : '机构代码应为 4 位数字；在省级备案的机构填 0000。'),
  },
  'institution.province': {
    label: '省份代码（GB/T 2260 前两位，如 44 广东）',
    default: '',
    validate: (v) => (PROVINCE_CODES.has(v) ? null : '省份代码应为 2 位数字，取行政区划代码前两位，如 44（广东）、51（四川）、31（上海）。'),
  },
  'institution.site': {
    label: '站点序号（省级部门分配的 6 位数字）',
    default: '',
    validate: (v) => (/^\d{6}$/.test(v) ? null : '站点序号应为省级人社部门分配的 6 位数字。'),
  },
  'institution.address': {
    label: '机构地址',
    default: '',
    validate: () => null,
  },
};
