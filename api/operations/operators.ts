// Operator accounts and logging in.
//
//   operators.status     {}                                   → { setupRequired, current: Operator|null, lockAfterMinutes }
//   operators.setup      { login, name, password }            → { operator, session }   first administrator; only while no account exists
//   operators.login      { login, password }                  → { operator, session }
//   operators.logout     {}                                   → { loggedOut: true }
//   operators.list       {}                                   → Operator[]               Operator = { login, name, role: 'clerk'|'admin'|'judge', disabled, createdAt }
//   operators.add        { login, name, role, password }      → Operator                 admin only
//   operators.disable    { login, disabled = true }           → Operator                 admin only; disabled:false enables again
//   operators.setPassword { login, password, currentPassword? } → { login }              admin for anyone; a clerk for themself with currentPassword
//
// Over HTTP the `session` from setup/login goes back in the X-CertDesk-Session header (the server
// also sets it as an HttpOnly cookie). Once an account exists, every other operation needs it;
// an expired one answers LOGIN_REQUIRED and the window shows its lock screen.
import { z } from 'zod';
import { command, NoArgs, query } from '../op';
import { addOperator, currentOperator, hasOperators, listOperators, setOperatorDisabled, setOperatorPassword, setupFirstAdmin } from '../../services/operators/operators';
import { logIn } from '../../services/operators/login';
import { openLoginSession } from '../../services/operators/loginSessions';
import { lockAfterMinutes } from '../../services/operators/access';

const Login = z.string().min(1);
const Password = z.string().min(1);

export const operatorOperations = {
  'operators.status': query({ title: '查看登录状态', access: 'public' }, NoArgs, (ctx) => ({
    setupRequired: !hasOperators(ctx),
    current: currentOperator(ctx),
    lockAfterMinutes: lockAfterMinutes(ctx),
  })),
  'operators.setup': command({ title: '创建第一个管理员', access: 'public', backup: 'none', login: 'opens' }, z.object({ login: Login, name: z.string(), password: Password }), async (ctx, a) => {
    const operator = await setupFirstAdmin(ctx, a);
    return { operator, session: openLoginSession(operator.login) };
  }),
  'operators.login': command({ title: '登录', access: 'public', backup: 'none', login: 'opens' }, z.object({ login: Login, password: Password }), async (ctx, a) => {
    const operator = await logIn(ctx, a.login, a.password);
    return { operator, session: openLoginSession(operator.login) };
  }),
  // The adapter ends the caller's own session: it knows which one that is.
  'operators.logout': command({ title: '退出登录', access: 'public', backup: 'none', login: 'closes' }, NoArgs, () => ({ loggedOut: true as const })),
  'operators.list': query({ title: '查看操作员' }, NoArgs, (ctx) => listOperators(ctx)),
  'operators.add': command(
    { title: '添加操作员', access: 'admin', backup: 'none' },
    z.object({ login: Login, name: z.string(), role: z.enum(['clerk', 'admin', 'judge']), password: Password }),
    (ctx, a) => addOperator(ctx, a),
  ),
  'operators.disable': command({ title: '停用或启用操作员', access: 'admin', backup: 'none' }, z.object({ login: Login, disabled: z.boolean().default(true) }), (ctx, a) =>
    setOperatorDisabled(ctx, a.login, a.disabled),
  ),
  // A clerk may change their own password (with the current one); the service checks who is whom.
  'operators.setPassword': command(
    { title: '修改密码', access: 'judge', backup: 'none' },
    z.object({ login: Login, password: Password, currentPassword: z.string().optional() }),
    (ctx, a) => setOperatorPassword(ctx, a.login, a.password, a.currentPassword),
  ),
};
