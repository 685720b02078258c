// 操作员: accounts with a role — 录入员 (clerk) keys in data, 管理员 (admin) also manages accounts,
// restores backups and corrects finalized sessions, 裁判 (judge) enters only the marks of the
// competition events assigned to them (judges.ts). Until the first account exists the app works
// as before (first run); after that the window and the browser need a login.
//
// The command line keeps acting as the OS account (cli/operator.ts, "cli:NAME"): whoever can run it
// can already read and write the file, so it is trusted like an administrator. Logins may not
// contain ":", so such a name can never be mistaken for an account.
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { cachedStatement, inTransaction, type Ctx } from '../shared/context';
import { nowIso } from '../shared/dates';
import { checkPassword, hashPassword } from './passwords';
import { closeLoginSessionsOf } from './loginSessions';

export type Role = 'clerk' | 'admin' | 'judge';
export const ROLE_LABELS: Record<Role, string> = { clerk: '录入员', admin: '管理员', judge: '裁判' };

export interface Operator {
  login: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

interface OperatorRow {
  login: string;
  name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  created_at: string;
}

const MIN_PASSWORD = 8;

function toOperator(r: OperatorRow): Operator {
  return { login: r.login, name: r.name, role: r.role, disabled: r.disabled === 1, createdAt: r.created_at };
}

function findRow(ctx: Ctx, login: string): OperatorRow | undefined {
  return cachedStatement(ctx.db, 'SELECT * FROM operators WHERE login = ?').get(login.trim()) as OperatorRow | undefined;
}

export function hasOperators(ctx: Ctx): boolean {
  return cachedStatement(ctx.db, 'SELECT 1 FROM operators LIMIT 1').get() !== undefined;
}

export function listOperators(ctx: Ctx): Operator[] {
  return (ctx.db.prepare("SELECT * FROM operators ORDER BY disabled, role = 'admin' DESC, login").all() as OperatorRow[]).map(toOperator);
}

/** The account behind ctx.operator, or null for the command line / a database without accounts. */
export function currentOperator(ctx: Ctx): Operator | null {
  const row = findRow(ctx, ctx.operator);
  return row ? toOperator(row) : null;
}

/**
 * The role of the account acting, or null for the command line / a database without accounts:
 * from the login session's look-up when this call came through one (access.ts), else read.
 */
export function currentRole(ctx: Ctx): Role | null {
  return sessionAccount(ctx)?.role ?? currentOperator(ctx)?.role ?? null;
}

/** The account a login session read, enabled and with its role, at the start of this call — if it is the one acting. */
function sessionAccount(ctx: Ctx): Ctx['account'] {
  return ctx.account && ctx.account.login === ctx.operator ? ctx.account : undefined;
}

/** Nobody is logged in (an expired login says so in its own words: access.ts). */
export function loginRequired(): AppError {
  return new AppError('LOGIN_REQUIRED', '请先登录。');
}

/** A disabled account, whether it is logging in or already holds a login. */
export function operatorDisabled(login: string): AppError {
  return new AppError('OPERATOR_DISABLED', `账号「${login}」已停用，请联系管理员。`);
}

function setupDone(): AppError {
  return new AppError('SETUP_DONE', '已经有操作员账号了，不能再次初始化。请用管理员账号登录后添加操作员。');
}

/** Administrators, the command line, and anyone while no account exists yet. */
export function requireAdmin(ctx: Ctx, what: string): void {
  if (ctx.anonymous) throw loginRequired();
  const account = sessionAccount(ctx);
  if (account) {
    if (account.role !== 'admin') throw adminRequired(what);
    return;
  }
  const op = currentOperator(ctx);
  if (op === null) {
    // ctx.operator names no account: the trusted command line (cli:NAME) or the first run.
    if (ctx.operator.includes(':') || !hasOperators(ctx)) return;
    throw loginRequired();
  }
  if (op.disabled) throw operatorDisabled(op.login);
  if (op.role !== 'admin') throw adminRequired(what);
}

function adminRequired(what: string): AppError {
  return new AppError('ADMIN_REQUIRED', `${what}需要管理员账号。请让管理员登录后操作。`);
}

/**
 * For an operation a judge may not call (api/op.ts: access 'operator'): a 裁判 account is refused,
 * everyone else passes (clerks, administrators, the command line, the first run).
 */
export function refuseJudge(ctx: Ctx, what: string): void {
  if (ctx.anonymous || ctx.operator.includes(':')) return;
  if (currentRole(ctx) === 'judge') {
    throw new AppError('JUDGE_NOT_ALLOWED', `裁判账号只能录入分配给自己的竞赛项目的分数，不能${what}。如需${what}，请用录入员或管理员账号登录。`);
  }
}

function checkLogin(raw: string): string {
  const login = raw.trim();
  if (!/^[A-Za-z0-9._@\-\u4e00-\u9fff]{2,32}$/.test(login)) {
    throw new AppError('LOGIN_INVALID', `登录名「${raw}」不可用：请用 2–32 个字母、数字、汉字或 . _ - @，不能有空格或冒号。`);
  }
  return login;
}

function checkNewPassword(password: string): void {
  if (password.length < MIN_PASSWORD) throw new AppError('PASSWORD_TOO_SHORT', `密码至少 ${MIN_PASSWORD} 位，请换一个更长的密码。`);
}

export interface NewOperator {
  login: string;
  name: string;
  role: Role;
  password: string;
}

/** The account is checked before its password is hashed (a second's work), and inserted after. */
function checkNewOperator(ctx: Ctx, input: NewOperator): { login: string; name: string } {
  const login = checkLogin(input.login);
  const name = input.name.trim();
  if (!name) throw new AppError('OPERATOR_NAME_REQUIRED', '请填写操作员的姓名。');
  checkNewPassword(input.password);
  if (findRow(ctx, login)) throw new AppError('LOGIN_TAKEN', `登录名「${login}」已被使用，请换一个。`);
  return { login, name };
}

function insertOperator(ctx: Ctx, input: NewOperator, passwordHash: string): Operator {
  const { login, name } = checkNewOperator(ctx, input);
  ctx.db
    .prepare('INSERT INTO operators (login, name, role, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, 0, ?)')
    .run(login, name, input.role, passwordHash, nowIso());
  const op = toOperator(findRow(ctx, login)!);
  // Never the password or its hash: the audit log is read by people.
  recordAudit(ctx, { entity: 'operator', entityId: login, action: 'create', newValue: { login, name, role: op.role } });
  return op;
}

/** First run: the first administrator, only while no account exists. */
export async function setupFirstAdmin(ctx: Ctx, input: Omit<NewOperator, 'role'>): Promise<Operator> {
  const wanted = { ...input, role: 'admin' as const };
  if (hasOperators(ctx)) throw setupDone();
  checkNewOperator(ctx, wanted);
  const hash = await hashPassword(input.password);
  return inTransaction(ctx.db, () => {
    // Checked again inside the write: two first-run windows racing create one administrator.
    if (hasOperators(ctx)) throw setupDone();
    return insertOperator(ctx, wanted, hash);
  });
}

export async function addOperator(ctx: Ctx, input: NewOperator): Promise<Operator> {
  requireAdmin(ctx, '添加操作员');
  checkNewOperator(ctx, input);
  const hash = await hashPassword(input.password);
  return inTransaction(ctx.db, () => {
    requireAdmin(ctx, '添加操作员');
    return insertOperator(ctx, input, hash);
  });
}

function requireRow(ctx: Ctx, login: string): OperatorRow {
  const row = findRow(ctx, login);
  if (!row) throw new AppError('OPERATOR_NOT_FOUND', `没有登录名为「${login}」的操作员。`);
  return row;
}

function activeAdmins(ctx: Ctx): number {
  return (ctx.db.prepare("SELECT count(*) AS n FROM operators WHERE role = 'admin' AND disabled = 0").get() as { n: number }).n;
}

export function setOperatorDisabled(ctx: Ctx, login: string, disabled: boolean): Operator {
  return inTransaction(ctx.db, () => {
    requireAdmin(ctx, '停用或启用操作员');
    const row = requireRow(ctx, login);
    if (disabled && row.role === 'admin' && row.disabled === 0 && activeAdmins(ctx) === 1) {
      throw new AppError('LAST_ADMIN', '这是最后一个可用的管理员账号，不能停用。请先添加另一名管理员。');
    }
    ctx.db.prepare('UPDATE operators SET disabled = ? WHERE login = ?').run(disabled ? 1 : 0, row.login);
    recordAudit(ctx, { entity: 'operator', entityId: row.login, action: disabled ? 'disable' : 'enable', oldValue: { disabled: row.disabled === 1 }, newValue: { disabled } });
    if (disabled) closeLoginSessionsOf(row.login);
    return toOperator(requireRow(ctx, row.login));
  });
}

/** An administrator sets anyone's password; an operator changes their own with the current one. */
export async function setOperatorPassword(ctx: Ctx, login: string, password: string, currentPassword?: string): Promise<{ login: string }> {
  const row = requireRow(ctx, login);
  const self = currentOperator(ctx);
  if (self && self.login.toLowerCase() === row.login.toLowerCase() && self.role !== 'admin') {
    if (currentPassword === undefined || !(await checkPassword(currentPassword, row.password_hash))) {
      throw new AppError('PASSWORD_WRONG', '当前密码不对，密码没有修改。');
    }
  } else {
    requireAdmin(ctx, '重设其他操作员的密码');
  }
  checkNewPassword(password);
  const hash = await hashPassword(password);
  return inTransaction(ctx.db, () => {
    ctx.db.prepare('UPDATE operators SET password_hash = ? WHERE login = ?').run(hash, row.login);
    recordAudit(ctx, { entity: 'operator', entityId: row.login, action: 'set-password' });
    closeLoginSessionsOf(row.login);
    return { login: row.login };
  });
}

/** For logging in (login.ts): the account row with its hash, never handed further. */
export function accountForLogin(ctx: Ctx, login: string): { operator: Operator; passwordHash: string } | undefined {
  const row = findRow(ctx, login);
  return row && { operator: toOperator(row), passwordHash: row.password_hash };
}

/** A hash made at an older cost, replaced at a successful login (not audited: the password did not change). */
export function replacePasswordHash(ctx: Ctx, login: string, passwordHash: string): void {
  ctx.db.prepare('UPDATE operators SET password_hash = ? WHERE login = ?').run(passwordHash, login);
}
