// The 16 property-management occupations of domain.md (国家职业分类大典, 2022 edition).
// Levels and 工种 are starting data the officer edits, not rules.

export interface SeedOccupation {
  code: string;
  name: string;
  specialties?: string[];
  levels?: number[];
}

export const SEED_OCCUPATIONS: readonly SeedOccupation[] = [
  { code: '4-06-01-01', name: '物业管理师' },
  { code: '4-06-01-02', name: '中央空调系统运行操作员' },
  { code: '4-06-01-03', name: '停车管理员' },
  { code: '4-06-01-04', name: '智能楼宇管理员' },
  { code: '4-07-05-01', name: '保安员' },
  { code: '4-07-05-02', name: '安检员' },
  { code: '4-07-05-03', name: '消防设施操作员', specialties: ['消防设施监控操作', '消防设施检测维修保养'] },
  { code: '4-07-05-04', name: '安全防范系统安装维护员' },
  { code: '4-09-08-01', name: '保洁员' },
  { code: '4-09-09-00', name: '有害生物防制员' },
  { code: '4-09-10-01', name: '园林绿化工' },
  { code: '4-10-01-06', name: '家政服务员' },
  { code: '6-28-01-11', name: '锅炉操作工' },
  { code: '6-29-03-03', name: '电梯安装维修工' },
  { code: '6-29-03-05', name: '制冷空调系统安装维修工' },
  { code: '6-31-01-03', name: '电工' },
];
