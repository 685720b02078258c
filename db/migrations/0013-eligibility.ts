// Schema version 13: 申报条件 as data, and the history a clause is checked against
// (docs/eligibility.md). A clause is one alternative of an occupation × level («具备以下条件之一
// 者»): a set of conditions that must all hold, kept as JSON the evaluator reads
// (services/eligibility/evaluate.ts). A person's history is when they started work, when they
// graduated, and certificates CertDesk did not issue (those it issued are read from
// certificates). The first clauses, for 物业管理师 and 保安员, are the ones docs/eligibility.md
// cites; they are written here as data, and the officer corrects them from then on.
import type { DB } from '../database';

export const version = 13;

export function up(db: DB): void {
  db.exec(`
    ALTER TABLE candidates ADD COLUMN work_start_date TEXT;  -- 参加工作时间 (YYYY-MM-DD; YYYY-MM is kept as the 1st)
    ALTER TABLE candidates ADD COLUMN graduation_date TEXT;  -- 毕业时间 of the 文化程度 in education

    -- 申报条件: one row per alternative clause of an occupation × level.
    CREATE TABLE eligibility_clauses (
      id            INTEGER PRIMARY KEY,
      occupation_id INTEGER NOT NULL,
      level         INTEGER NOT NULL,
      label         TEXT NOT NULL,            -- （1）, as the standard numbers it
      text          TEXT NOT NULL,            -- the standard's words
      conditions    TEXT NOT NULL,            -- JSON array; every condition must hold
      source        TEXT NOT NULL DEFAULT '',
      sort          INTEGER NOT NULL,
      FOREIGN KEY (occupation_id, level) REFERENCES occupation_levels(occupation_id, level)
    ) STRICT;
    CREATE INDEX eligibility_clauses_level ON eligibility_clauses(occupation_id, level);

    -- Certificates a person holds that CertDesk did not issue (原证书), and completed training.
    CREATE TABLE candidate_credentials (
      id              INTEGER PRIMARY KEY,
      candidate_id    INTEGER NOT NULL REFERENCES candidates(id),
      kind            TEXT NOT NULL DEFAULT 'certificate' CHECK (kind IN ('certificate', 'training')),
      occupation_id   INTEGER REFERENCES occupations(id),
      occupation_text TEXT,                   -- 原职业 as written, when it is not in the catalogue
      level           INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
      issued_on       TEXT NOT NULL,          -- 取证日期 (or the training's 结业 date)
      number          TEXT,                   -- 原证书编号
      issuer          TEXT,
      created_at      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX candidate_credentials_candidate ON candidate_credentials(candidate_id);
  `);

  const clauses: [code: string, level: number, label: string, text: string, conditions: unknown[], source: string][] = [
    ['4-07-05-01', 5, '（1）', '累计从事本职业或相关职业工作1年（含）以上。', [{ kind: 'work', years: 1 }], SECURITY_2019],
    ['4-07-05-01', 5, '（2）', '军队及武警部队退役义务兵。', [{ kind: 'attested', text: '军队及武警部队退役义务兵' }], SECURITY_2019],
    ['4-07-05-01', 4, '（1）', '取得本职业五级/初级工职业资格证书（技能等级证书）后，累计从事本职业或相关职业工作4年（含）以上。', [{ kind: 'certificate', level: 5, years: 4, related: [] }], SECURITY_2019],
    ['4-06-01-01', 2, '（1）', '取得本职业或相关职业三级/高级工职业资格证书（技能等级证书）后，累计从事本职业或相关职业工作4年（含）以上。', [{ kind: 'certificate', level: 3, years: 4, related: [] }], PROPERTY],
    ['4-06-01-01', 2, '（1）之二', '取得本职业或相关职业三级/高级工职业资格证书（技能等级证书）后，累计从事本职业或相关职业工作2年（含）以上，经本职业二级/技师正规培训达到规定的标准学时数，并取得结业证书。', [{ kind: 'certificate', level: 3, years: 2, related: [] }, { kind: 'training', level: 2 }], PROPERTY],
    ['4-06-01-01', 2, '（2）', '取得本职业或相关职业三级/高级工职业资格证书（技能等级证书）的高级技工学校、技师学院、高等职业学校毕业生，累计从事本职业或相关职业工作3年（含）以上。', [{ kind: 'certificate', level: 3, years: 0, related: [] }, { kind: 'education', min: '大专' }, { kind: 'work', years: 3 }], PROPERTY],
    ['4-06-01-01', 2, '（3）', '取得本职业或相关职业三级/高级工职业资格证书（技能等级证书）的本专业或相关专业本科毕业生，累计从事本职业或相关职业工作2年（含）以上。', [{ kind: 'certificate', level: 3, years: 0, related: [] }, { kind: 'education', min: '本科' }, { kind: 'work', years: 2 }], PROPERTY],
    ['4-06-01-01', 2, '（4）', '取得本专业或相关专业硕士研究生毕业证书。', [{ kind: 'education', min: '硕士' }], PROPERTY],
  ];
  const level = db.prepare("SELECT o.id FROM occupations o JOIN occupation_levels l ON l.occupation_id = o.id WHERE o.code = ? AND o.edition = '2022' AND l.level = ?");
  const insert = db.prepare('INSERT INTO eligibility_clauses (occupation_id, level, label, text, conditions, source, sort) VALUES (?, ?, ?, ?, ?, ?, ?)');
  clauses.forEach(([code, lv, label, text, conditions, source], i) => {
    const row = level.get(code, lv) as { id: number } | undefined;
    // A level the officer already took out gets no clauses.
    if (row) insert.run(row.id, lv, label, text, JSON.stringify(conditions), source, i);
  });
}

const SECURITY_2019 = '《保安员国家职业技能标准（2019年版）》申报条件，见 docs/eligibility.md';
const PROPERTY = '《物业管理师国家职业技能标准》申报条件（二级/技师），见 docs/eligibility.md';
