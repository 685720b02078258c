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
  // Certificates (services/certificates), domain.md § The certificate.
  'certificate.serialScope': {
    label: '证书流水号范围（year 每年从 1 编起 / year-level 每年每个等级各自编号）',
    default: 'year',
    validate: (v) => (v === 'year' || v === 'year-level' ? null : '只能填 year（每年一个流水号序列）或 year-level（每年每个等级各一个序列）。'),
  },
  'certificate.issuer': {
    label: '发证机构名称（数据上报用；空则与评价机构名称相同）',
    default: '',
    validate: () => null,
  },
  'certificate.font': {
    label: '证书字体（bundled 为随附的思源宋体，或本机字体文件路径，如 C:\\Windows\\Fonts\\simfang.ttf 仿宋）',
    default: 'bundled',
    validate: (v) => (v === 'bundled' || /\.(ttf|otf|ttc)$/i.test(v) ? null : '请填 bundled，或一个 .ttf / .otf / .ttc 字体文件的完整路径。'),
  },
  'certificate.orientation': {
    label: '证书版式（portrait 竖版 / landscape 横版）',
    default: 'portrait',
    validate: (v) => (v === 'portrait' || v === 'landscape' ? null : '只能填 portrait（A4 竖版）或 landscape（A4 横版）。'),
  },
  'certificate.bilingual': {
    label: '中英文双语（yes / no）',
    default: 'no',
    validate: (v) => (v === 'yes' || v === 'no' ? null : '只能填 yes 或 no。'),
  },
  'certificate.stockOffsetX': {
    label: '套打水平偏移（毫米，正数向右）',
    default: '0',
    validate: (v) => (/^-?\d{1,2}(\.\d)?$/.test(v) ? null : '偏移量应为 -99 到 99 之间的毫米数，最多一位小数，如 2.5 或 -1。'),
  },
  'certificate.stockOffsetY': {
    label: '套打垂直偏移（毫米，正数向下）',
    default: '0',
    validate: (v) => (/^-?\d{1,2}(\.\d)?$/.test(v) ? null : '偏移量应为 -99 到 99 之间的毫米数，最多一位小数，如 2.5 或 -1。'),
  },
  'certificate.seal': {
    label: '印章图片（PNG 文件路径，透明背景；空则不印章）',
    default: '',
    validate: (v) => (v === '' || /\.png$/i.test(v) ? null : '印章图片请用透明背景的 PNG 文件，填完整路径；不需要印章就留空。'),
  },
  'certificate.sealPosition': {
    label: '印章位置（毫米：距左边,距上边,直径，如 119,193,40；留空则盖在评价机构名称和日期上）',
    default: '',
    validate: (v) => (v === '' || /^\d{1,3}(\.\d)?,\d{1,3}(\.\d)?,\d{1,2}(\.\d)?$/.test(v) ? null : '请写成「距左边,距上边,直径」三个毫米数，用英文逗号隔开，如 119,193,40；留空则自动放在落款处。'),
  },
  'certificate.lookupUrl': {
    label: '证书查询网址',
    default: 'http://jndj.osta.org.cn',
    validate: (v) => (/^https?:\/\/\S+$/.test(v) ? null : '请填以 http:// 或 https:// 开头的网址。'),
  },
  'certificate.bodyLookupUrl': {
    label: '评价机构查询网址',
    default: 'http://pjjg.osta.org.cn',
    validate: (v) => (/^https?:\/\/\S+$/.test(v) ? null : '请填以 http:// 或 https:// 开头的网址。'),
  },
  // Operators (services/operators/access.ts): the window locks after this many idle minutes.
  'security.lockAfterMinutes': {
    label: '无操作自动锁定（分钟，0 为不锁定）',
    default: '15',
    validate: (v) => (/^\d{1,3}$/.test(v) ? null : '请填 0 到 999 之间的整数分钟数，0 表示不自动锁定。'),
  },
};
