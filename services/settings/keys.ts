// Every setting CertDesk reads, with its type, default, rule and who may change it. This table is
// the only list: a setting not named here cannot be read (getSetting takes a SettingName) nor
// written (setSetting refuses it), so an area that needs a new setting adds it here.

import { parseStockLayout } from '../certificates/stockLayout';

/** How the value is read: text as is, an integer or a decimal number, one word of a fixed list, a file path, a web address. */
export type SettingType = 'text' | 'integer' | 'decimal' | 'choice' | 'path' | 'url';

/** Who may change a setting: any logged-in operator, or only an administrator (and the command line). */
export type SettingChanger = 'operator' | 'admin';

export interface SettingKey {
  label: string;
  type: SettingType;
  default: string;
  changedBy: SettingChanger;
  /** Returns a Chinese message when the value is not acceptable. */
  validate(value: string): string | null;
}

const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

export const SETTING_KEYS = {
  'institution.name': {
    label: '评价机构名称',
    type: 'text',
    default: '',
    changedBy: 'operator',
    validate: (v) => (v.trim() ? null : '评价机构名称不能为空，请填写在人社部门备案的机构全称。'),
  },
  'institution.type': {
    label: '机构类型（S 社会培训评价组织 / Y 用人单位）',
    type: 'choice',
    default: 'S',
    changedBy: 'operator',
    validate: (v) => (v === 'S' || v === 'Y' ? null : '机构类型只能是 S（社会培训评价组织）或 Y（用人单位）。'),
  },
  'institution.code': {
    label: '机构代码（人社部备案为 4 位代码，在省备案填 0000）',
    type: 'text',
    default: '0000',
    changedBy: 'operator',
    validate: (v) => (/^\d{4}$/.test(v) ? null : '机构代码应为 4 位数字；在省级备案的机构填 0000。'),
  },
  'institution.province': {
    label: '省份代码（GB/T 2260 前两位，如 44 广东）',
    type: 'choice',
    default: '',
    changedBy: 'operator',
    validate: (v) => (PROVINCE_CODES.has(v) ? null : '省份代码应为 2 位数字，取行政区划代码前两位，如 44（广东）、51（四川）、31（上海）。'),
  },
  'institution.site': {
    label: '站点序号（省级部门分配的 6 位数字）',
    type: 'text',
    default: '',
    changedBy: 'operator',
    validate: (v) => (/^\d{6}$/.test(v) ? null : '站点序号应为省级人社部门分配的 6 位数字。'),
  },
  'institution.address': {
    label: '机构地址',
    type: 'text',
    default: '',
    changedBy: 'operator',
    validate: () => null,
  },
  // Certificates (services/certificates), domain.md § The certificate.
  'certificate.serialScope': {
    label: '证书流水号范围（year 每年从 1 编起 / year-level 每年每个等级各自编号）',
    type: 'choice',
    default: 'year',
    changedBy: 'operator',
    validate: (v) => (v === 'year' || v === 'year-level' ? null : '只能填 year（每年一个流水号序列）或 year-level（每年每个等级各一个序列）。'),
  },
  'certificate.issuer': {
    label: '发证机构名称（数据上报用；空则与评价机构名称相同）',
    type: 'text',
    default: '',
    changedBy: 'operator',
    validate: () => null,
  },
  'certificate.font': {
    label: '证书字体（bundled 为随附的思源宋体，或本机字体文件路径，如 C:\\Windows\\Fonts\\simfang.ttf 仿宋）',
    type: 'path',
    default: 'bundled',
    changedBy: 'operator',
    validate: (v) => (v === 'bundled' || /\.(ttf|otf|ttc)$/i.test(v) ? null : '请填 bundled，或一个 .ttf / .otf / .ttc 字体文件的完整路径。'),
  },
  'certificate.orientation': {
    label: '证书版式（portrait 竖版 / landscape 横版）',
    type: 'choice',
    default: 'portrait',
    changedBy: 'operator',
    validate: (v) => (v === 'portrait' || v === 'landscape' ? null : '只能填 portrait（A4 竖版）或 landscape（A4 横版）。'),
  },
  'certificate.bilingual': {
    label: '中英文双语（yes / no）',
    type: 'choice',
    default: 'no',
    changedBy: 'operator',
    validate: (v) => (v === 'yes' || v === 'no' ? null : '只能填 yes 或 no。'),
  },
  'certificate.stockOffsetX': {
    label: '套打水平偏移（毫米，正数向右）',
    type: 'decimal',
    default: '0',
    changedBy: 'operator',
    validate: (v) => (/^-?\d{1,2}(\.\d)?$/.test(v) ? null : '偏移量应为 -99 到 99 之间的毫米数，最多一位小数，如 2.5 或 -1。'),
  },
  'certificate.stockOffsetY': {
    label: '套打垂直偏移（毫米，正数向下）',
    type: 'decimal',
    default: '0',
    changedBy: 'operator',
    validate: (v) => (/^-?\d{1,2}(\.\d)?$/.test(v) ? null : '偏移量应为 -99 到 99 之间的毫米数，最多一位小数，如 2.5 或 -1。'),
  },
  'certificate.stockLayout': {
    label: '套打版式（每一项在证书纸上的位置，毫米；用证书页的「套打版式」或 certdesk certificates layout set 修改）',
    type: 'text',
    default: '',
    changedBy: 'operator',
    validate: (v) => {
      try {
        parseStockLayout(v);
        return null;
      } catch (e) {
        return (e as Error).message;
      }
    },
  },
  'certificate.seal': {
    label: '印章图片（PNG 文件路径，透明背景；空则不印章）',
    type: 'path',
    default: '',
    changedBy: 'operator',
    validate: (v) => (v === '' || /\.png$/i.test(v) ? null : '印章图片请用透明背景的 PNG 文件，填完整路径；不需要印章就留空。'),
  },
  'certificate.sealPosition': {
    label: '印章位置（毫米：距左边,距上边,直径，如 119,193,40；留空则盖在评价机构名称和日期上）',
    type: 'text',
    default: '',
    changedBy: 'operator',
    validate: (v) => (v === '' || /^\d{1,3}(\.\d)?,\d{1,3}(\.\d)?,\d{1,2}(\.\d)?$/.test(v) ? null : '请写成「距左边,距上边,直径」三个毫米数，用英文逗号隔开，如 119,193,40；留空则自动放在落款处。'),
  },
  'certificate.lookupUrl': {
    label: '证书查询网址',
    type: 'url',
    default: 'http://jndj.osta.org.cn',
    changedBy: 'operator',
    validate: (v) => (/^https?:\/\/\S+$/.test(v) ? null : '请填以 http:// 或 https:// 开头的网址。'),
  },
  'certificate.bodyLookupUrl': {
    label: '评价机构查询网址',
    type: 'url',
    default: 'http://pjjg.osta.org.cn',
    changedBy: 'operator',
    validate: (v) => (/^https?:\/\/\S+$/.test(v) ? null : '请填以 http:// 或 https:// 开头的网址。'),
  },
  // Printing (services/printing): the notes under every 准考证.
  'printing.ticketNotes': {
    label: '准考证上的考场须知（留空则不印）',
    type: 'text',
    default:
      '1. 考生须携带本准考证和有效身份证件，于开考前 30 分钟到达考场，凭证入场。2. 开考 15 分钟后不得入场。3. 手机等通讯工具须关机并放在指定位置，不得带到座位。4. 遵守考场纪律，服从考务人员安排；违纪者按有关规定处理。',
    changedBy: 'operator',
    validate: (v) => (v.length <= 400 ? null : '考场须知最多 400 字，请精简后再保存。'),
  },
  // Operators (services/operators/access.ts): the window locks after this many idle minutes.
  'security.lockAfterMinutes': {
    label: '无操作自动锁定（分钟，0 为不锁定）',
    type: 'integer',
    default: '15',
    changedBy: 'operator',
    validate: (v) => (/^\d{1,3}$/.test(v) ? null : '请填 0 到 999 之间的整数分钟数，0 表示不自动锁定。'),
  },
  // 补考 (services/sessions/enrolments.ts): how long a passed part is kept for a retake;
  // docs/domain.md § Exam parts and passing (commonly one year).
  'results.retakeKeepMonths': {
    label: '补考时保留已合格科目的期限（月）',
    type: 'integer',
    default: '12',
    changedBy: 'admin',
    validate: (v) => (/^\d{1,3}$/.test(v) && Number(v) <= 120 ? null : '请填 0 到 120 之间的整数月数，常见为 12（一年）；0 表示补考时所有科目都要重考。'),
  },
  // 补考 (services/sessions/enrolments.ts): a part passed in a sitting where the candidate had
  // 违纪 on another part. No national rule found allows keeping it, so the stricter reading is
  // the default; docs/domain.md § The rules CertDesk applies.
  'results.carryAfterMisconduct': {
    label: '违纪场次中合格的科目补考时是否保留（yes 保留 / no 不保留，全部重考）',
    type: 'choice',
    default: 'no',
    changedBy: 'admin',
    validate: (v) => (v === 'yes' || v === 'no' ? null : '只能填 yes（保留）或 no（不保留，违纪场次的科目补考时全部重考）。'),
  },
  // 申报条件 (services/eligibility): whether a person no clause admits is refused at enrolment
  // (yes; an administrator may still enrol them with a reason) or only reported in the check,
  // the roster preview and the 资格审核花名册 (no). Off by default: files from before 申报条件
  // were data hold no 参加工作时间 or earlier certificates, so every returning person would be
  // refused until their history is keyed in (docs/eligibility.md § Enforcing).
  'eligibility.enforce': {
    label: '报名时是否拒绝不符合申报条件的考生（yes 拒绝，管理员可填原因强制报名 / no 只提示）',
    type: 'choice',
    default: 'no',
    changedBy: 'admin',
    validate: (v) => (v === 'yes' || v === 'no' ? null : '只能填 yes（拒绝不符合条件的报名）或 no（只提示）。'),
  },
} as const satisfies Record<string, SettingKey>;

/** The name of a setting listed above. */
export type SettingName = keyof typeof SETTING_KEYS;

/** The definition of `key`, or undefined for a name not listed (including Object's own names such as __proto__). */
export function settingKey(key: string): SettingKey | undefined {
  return Object.hasOwn(SETTING_KEYS, key) ? SETTING_KEYS[key as SettingName] : undefined;
}

export function isSettingName(key: string): key is SettingName {
  return Object.hasOwn(SETTING_KEYS, key);
}
