// What a column of an upload file can hold: one of these fields, its natural value as CertDesk
// keeps it (民族 by name, 等级 as a digit), which the profile's code list may turn into the
// platform's code. The titles and aliases match a platform template's headers to fields
// (docs/exchange.md); the first title is the one built-in profiles write.
import type { FieldSpec } from '../spreadsheets/headers';

export interface ExchangeField extends FieldSpec {
  /** A date, written in the profile's date format. */
  date?: boolean;
}

export const EXCHANGE_FIELDS: readonly ExchangeField[] = [
  { field: 'seq', title: '序号', aliases: ['编号', 'NO', 'NO.'] },
  { field: 'name', title: '姓名', aliases: ['考生姓名', '学员姓名'] },
  { field: 'gender', title: '性别' },
  { field: 'idType', title: '证件类型', aliases: ['证件种类', '证件名称', '身份证件类型'] },
  { field: 'idNumber', title: '证件号码', aliases: ['身份证号', '身份证号码', '公民身份号码', '证件号', '身份证件号码'] },
  { field: 'birthDate', title: '出生日期', aliases: ['出生年月', '出生年月日'], date: true },
  { field: 'ethnicity', title: '民族' },
  { field: 'education', title: '文化程度', aliases: ['学历', '最高学历'] },
  { field: 'phone', title: '联系电话', aliases: ['手机号码', '手机', '手机号', '联系方式', '电话'] },
  { field: 'address', title: '通讯地址', aliases: ['通信地址', '联系地址', '家庭住址', '地址'] },
  { field: 'origin', title: '考生来源', aliases: ['考生类别', '人员类别', '人员来源', '考生身份'] },
  { field: 'workStartDate', title: '参加工作时间', aliases: ['参加工作日期', '参加工作年月'], date: true },
  { field: 'employer', title: '工作单位', aliases: ['所在单位', '单位', '单位名称', '工作单位名称'] },
  { field: 'occupationCode', title: '职业编码', aliases: ['职业代码', '职业(工种)编码', '职业编号'] },
  { field: 'occupationName', title: '职业名称', aliases: ['职业', '职业(工种)', '申报职业'] },
  { field: 'specialty', title: '工种名称', aliases: ['工种', '职业方向', '工种/职业方向'] },
  { field: 'level', title: '职业技能等级', aliases: ['等级', '申报等级', '技能等级', '级别', '等级代码'] },
  { field: 'levelLabel', title: '等级名称', aliases: ['职业技能等级名称'] },
  { field: 'recognition', title: '认定分类', aliases: ['认定类别', '申报类别', '鉴定类别'] },
  { field: 'attempt', title: '考试类型', aliases: ['考核类型', '正考/补考'] },
  { field: 'admissionNumber', title: '准考证号', aliases: ['准考证号码', '考号'] },
  { field: 'examDate', title: '考试日期', aliases: ['认定日期', '考核日期', '考试时间'], date: true },
  { field: 'theory', title: '理论知识成绩', aliases: ['理论知识', '理论成绩', '理论知识考试成绩', '理论'] },
  { field: 'skill', title: '操作技能成绩', aliases: ['操作技能', '技能成绩', '操作技能考核成绩', '实操成绩', '操作'] },
  { field: 'review', title: '综合评审成绩', aliases: ['综合评审', '评审成绩'] },
  { field: 'outcome', title: '考核结果', aliases: ['认定结果', '结果', '是否合格'] },
  { field: 'certificateNumber', title: '证书编号', aliases: ['证书号', '证书号码', '证书编码'] },
  { field: 'issueDate', title: '发证日期', aliases: ['发证时间', '颁证日期'], date: true },
  { field: 'institution', title: '评价机构', aliases: ['评价机构名称', '认定机构'] },
  { field: 'issuer', title: '发证机构', aliases: ['发证单位', '颁证机构'] },
  { field: 'batchNumber', title: '批次号', aliases: ['上报批次号', '批次编号'] },
];

const BY_FIELD = new Map(EXCHANGE_FIELDS.map((f) => [f.field, f]));

export function exchangeField(field: string): ExchangeField | undefined {
  return BY_FIELD.get(field);
}
