// The columns of each sheet officers exchange, with the wordings associations use for them
// (domain.md § The spreadsheets officers exchange). The first title is the one templates write.
import type { FieldSpec } from './headers';
import { PART_ALIASES, PART_LABELS, PARTS } from '../vocabulary/words';

/** 证件类型: where a sheet has the column, an ID number is checked as that document's (docs/identity.md). */
export const ID_TYPE_FIELD: FieldSpec = { field: 'idType', title: '证件类型', aliases: ['证件种类', '证件名称'] };

export const ROSTER_FIELDS: readonly FieldSpec[] = [
  { field: 'seq', title: '序号', aliases: ['编号', 'NO', 'NO.'] },
  { field: 'name', title: '姓名', aliases: ['考生姓名', '学员姓名', '名字'], required: true },
  { field: 'gender', title: '性别' },
  ID_TYPE_FIELD,
  { field: 'idNumber', title: '证件号码', aliases: ['身份证号', '身份证号码', '公民身份号码', '身份证', '证件号', '身份证件号码', '身份证明号码'], required: true },
  { field: 'birthDate', title: '出生日期', aliases: ['出生年月', '出生年月日', '生日'] },
  { field: 'phone', title: '手机号码', aliases: ['手机', '手机号', '联系电话', '电话', '联系方式', '电话号码'] },
  { field: 'education', title: '文化程度', aliases: ['学历', '最高学历'] },
  { field: 'employer', title: '工作单位', aliases: ['单位', '所在单位', '单位名称', '工作单位名称', '所属单位', '企业名称'] },
  { field: 'occupation', title: '职业(工种)', aliases: ['职业', '工种', '职业名称', '申报职业', '职业工种', '申报职业(工种)'] },
  { field: 'level', title: '申报等级', aliases: ['等级', '级别', '申报级别', '职业技能等级'] },
  { field: 'attempt', title: '考试类型', aliases: ['考核类型', '正考/补考', '类型'] },
  { field: 'admissionNumber', title: '准考证号', aliases: ['准考证号码', '考号'] },
  // The history 申报条件 are checked against (docs/eligibility.md): stored with the person.
  { field: 'workStartDate', title: '参加工作时间', aliases: ['参加工作日期', '参加工作年月', '工作时间', '从业时间'] },
  { field: 'priorOccupation', title: '原职业', aliases: ['原职业(工种)', '原职业名称', '原证书职业'] },
  { field: 'priorLevel', title: '原证书等级', aliases: ['原等级', '原职业等级', '原证书级别'] },
  { field: 'priorNumber', title: '原证书编号', aliases: ['原证书号', '原证书号码'] },
  { field: 'priorDate', title: '取证日期', aliases: ['原证书取证日期', '原证书发证日期', '取证时间'] },
  { field: 'claimedClause', title: '申报条件', aliases: ['符合申报条件', '申报条件类别'] },
  // What the provincial platform's upload asks of a person and an enrolment (docs/exchange.md).
  { field: 'ethnicity', title: '民族', aliases: ['民族名称'] },
  { field: 'address', title: '通讯地址', aliases: ['通信地址', '联系地址', '家庭住址', '家庭地址', '现住址', '地址', '住址'] },
  { field: 'origin', title: '考生来源', aliases: ['考生类别', '人员类别', '人员来源', '学员来源', '考生身份', '人员身份'] },
  { field: 'recognition', title: '认定分类', aliases: ['认定类别', '申报类别', '鉴定类别', '报考类别', '初次/晋级'] },
];

export const SCORE_FIELDS: readonly FieldSpec[] = [
  { field: 'seq', title: '序号', aliases: ['编号'] },
  { field: 'admissionNumber', title: '准考证号', aliases: ['准考证号码', '考号'] },
  { field: 'name', title: '姓名', aliases: ['考生姓名'] },
  { field: 'gender', title: '性别' },
  { field: 'idNumber', title: '证件号码', aliases: ['身份证号', '身份证号码', '公民身份号码', '身份证', '证件号'], required: true },
  { field: 'employer', title: '单位', aliases: ['工作单位', '所在单位', '单位名称'] },
  { field: 'occupation', title: '职业(工种)', aliases: ['职业', '工种', '职业名称'] },
  { field: 'level', title: '等级', aliases: ['申报等级', '级别'] },
  // A part’s column takes every wording of the part (services/vocabulary/words.ts), so the sheet and `--part` agree.
  ...PARTS.map((part): FieldSpec => ({ field: part, title: PART_LABELS[part], aliases: PART_ALIASES[part] })),
  { field: 'outcome', title: '结果', aliases: ['考核结果', '是否合格', '总评', '结论'] },
];

/** Externally assigned certificate numbers (domain.md § The certificate). */
export const CERTIFICATE_FIELDS: readonly FieldSpec[] = [
  { field: 'name', title: '姓名', required: true },
  ID_TYPE_FIELD,
  { field: 'idNumber', title: '证件号码', aliases: ['身份证号', '身份证号码', '公民身份号码', '身份证'], required: true },
  { field: 'certificateNumber', title: '证书编号', aliases: ['证书号', '证书号码', '证书编码'], required: true },
  { field: 'issueDate', title: '发证日期', aliases: ['发证时间', '颁证日期', '发证日'], required: true },
];
