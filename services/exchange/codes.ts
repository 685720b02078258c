// The code lists a platform profile starts from (docs/exchange.md cites each source). Each maps
// CertDesk's natural value of a field (民族 by name, 证件类型 by name) to the platform's code; the
// officer edits them per profile, since provinces differ.
import { ETHNICITIES } from '../vocabulary/people';

export type CodeList = Record<string, string>;

/**
 * 证件类型 as the 人社/医保 information systems code it (证件类型 AAC058 / psn_cert_type): 01
 * 居民身份证（户口簿）, 04 香港特区护照/港澳居民来往内地通行证 (05 for a Macao resident's: the
 * officer changes the row's code), 06 台湾居民来往大陆通行证, 07 外国人永久居留证, 08 外国人护照,
 * 17 港澳台居民居住证, 99 其他身份证件.
 */
export const ID_TYPE_CODES: CodeList = {
  居民身份证: '01',
  港澳居民来往内地通行证: '04',
  台湾居民来往大陆通行证: '06',
  外国人永久居留身份证: '07',
  护照: '08',
  港澳台居民居住证: '17',
  其他: '99',
};

/** GB/T 2261.1-2003 人的性别代码. */
export const GENDER_CODES: CodeList = { 男: '1', 女: '2' };

/** GB/T 3304-1991: the two-digit code of each 民族. */
export const ETHNICITY_CODES: CodeList = Object.fromEntries(ETHNICITIES.map(([code, name]) => [name, code]));

/**
 * GB/T 4658-2006 学历代码, for the words rosters use: 11 博士研究生, 14 硕士研究生, 10 研究生,
 * 20 大学本科, 30 大学专科, 41 中等专科, 44 职业高中, 47 技工学校, 60 普通高中, 70 初中, 80 小学, 90 其他.
 */
export const EDUCATION_CODES: CodeList = {
  博士: '11',
  博士研究生: '11',
  硕士: '14',
  硕士研究生: '14',
  研究生: '10',
  本科: '20',
  大学本科: '20',
  大专: '30',
  专科: '30',
  大学专科: '30',
  高职: '30',
  中专: '41',
  中职: '41',
  中等专业学校: '41',
  职高: '44',
  技校: '47',
  技工学校: '47',
  高中: '60',
  普通高中: '60',
  初中: '70',
  小学: '80',
  其他: '90',
};

/** The lists a new platform profile starts with, by field. */
export function standardCodeLists(): Record<string, CodeList> {
  return { idType: { ...ID_TYPE_CODES }, gender: { ...GENDER_CODES }, ethnicity: { ...ETHNICITY_CODES }, education: { ...EDUCATION_CODES } };
}
