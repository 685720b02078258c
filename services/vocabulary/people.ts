// What the provincial platform asks of a person beyond the certificate (docs/exchange.md): 民族 by
// its name in GB/T 3304-1991 (the two-digit code is the platform profile's business), and the
// usual 考生来源. Pure: runs in Node and in the renderer.
import { compactText } from './text';

/** GB/T 3304-1991 中国各民族名称的罗马字母拼写法和代码: code → name, in the standard's order. */
export const ETHNICITIES: readonly (readonly [code: string, name: string])[] = [
  ['01', '汉族'], ['02', '蒙古族'], ['03', '回族'], ['04', '藏族'], ['05', '维吾尔族'], ['06', '苗族'], ['07', '彝族'], ['08', '壮族'],
  ['09', '布依族'], ['10', '朝鲜族'], ['11', '满族'], ['12', '侗族'], ['13', '瑶族'], ['14', '白族'], ['15', '土家族'], ['16', '哈尼族'],
  ['17', '哈萨克族'], ['18', '傣族'], ['19', '黎族'], ['20', '傈僳族'], ['21', '佤族'], ['22', '畲族'], ['23', '高山族'], ['24', '拉祜族'],
  ['25', '水族'], ['26', '东乡族'], ['27', '纳西族'], ['28', '景颇族'], ['29', '柯尔克孜族'], ['30', '土族'], ['31', '达斡尔族'], ['32', '仫佬族'],
  ['33', '羌族'], ['34', '布朗族'], ['35', '撒拉族'], ['36', '毛南族'], ['37', '仡佬族'], ['38', '锡伯族'], ['39', '阿昌族'], ['40', '普米族'],
  ['41', '塔吉克族'], ['42', '怒族'], ['43', '乌孜别克族'], ['44', '俄罗斯族'], ['45', '鄂温克族'], ['46', '德昂族'], ['47', '保安族'], ['48', '裕固族'],
  ['49', '京族'], ['50', '塔塔尔族'], ['51', '独龙族'], ['52', '鄂伦春族'], ['53', '赫哲族'], ['54', '门巴族'], ['55', '珞巴族'], ['56', '基诺族'],
  ['97', '其他'], ['98', '外国血统中国籍人士'],
];

const ETHNICITY_NAMES = new Set(ETHNICITIES.map(([, n]) => n));
// Older documents write 毛难族 (renamed 毛南族 in 1986); rosters write the name without 族, or the code.
const ETHNICITY_ALIASES: Record<string, string> = { 毛难族: '毛南族', 其他民族: '其他', 未识别民族: '其他' };

/** 民族 as written (汉, 汉族, 01) → its name in the standard; null when it is none of them. */
export function ethnicityName(text: string): string | null {
  const t = compactText(text);
  if (ETHNICITY_NAMES.has(t)) return t;
  if (ETHNICITY_ALIASES[t]) return ETHNICITY_ALIASES[t]!;
  if (ETHNICITY_NAMES.has(`${t}族`)) return `${t}族`;
  const byCode = ETHNICITIES.find(([code]) => code === t.padStart(2, '0'));
  return /^\d{1,2}$/.test(t) && byCode ? byCode[1] : null;
}

/**
 * 考生来源 as provincial 职业技能等级认定 platforms commonly list it; the officer may write any
 * other (a province's own word), which an export profile then maps to the platform's code.
 */
export const ORIGINS = ['企业职工', '院校学生', '社会人员', '失业人员', '农民工', '退役军人'] as const;

/** 认定分类 of an enrolment: 初次 (a first level in the occupation) or 晋级 (above one held). */
export const RECOGNITIONS = { initial: '初次', promotion: '晋级' } as const;
export type Recognition = keyof typeof RECOGNITIONS;

/** 初次/晋级 (初次认定, 晋级认定, 首次) → the stored word; null when it is neither. */
export function parseRecognition(text: string): Recognition | null {
  const t = compactText(text).replace(/(认定|鉴定|申报)$/, '');
  if (t === '初次' || t === '首次' || t === '新申报') return 'initial';
  if (t === '晋级' || t === '晋升' || t === '升级') return 'promotion';
  return null;
}
