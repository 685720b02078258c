// Candidates (考生) and their employers: search, register, correct, photos, ID checks.
import { z } from 'zod';
import { command, FileArg, Id, NoArgs, query } from '../op';
import { listEmployers } from '../../services/candidates/employers';
import {
  addCandidate,
  findCandidateByIdNumber,
  getCandidate,
  getCandidatePhoto,
  noCandidateWithIdNumber,
  searchCandidates,
  setCandidatePhoto,
  updateCandidate,
} from '../../services/candidates/candidates';
import { candidateHistory } from '../../services/candidates/history';
import { importPhotos } from '../../services/candidates/photoImport';
import { photoFromBase64 } from '../../services/candidates/photo';
import { correctIdentity } from '../../services/candidates/identity';
import { checkIdNumber } from '../../services/ids/idNumber';

const optText = z.string().nullish();

export const CandidateInput = z.object({
  idType: z.string().optional(),
  idNumber: z.string(),
  name: z.string(),
  gender: optText,
  birthDate: optText,
  phone: optText,
  education: optText,
  employer: optText,
  ethnicity: optText,
  address: optText,
  origin: optText,
});

export const candidateOperations = {
  'employers.list': query({ title: '查看工作单位' }, NoArgs, (ctx) => listEmployers(ctx)),
  'ids.check': query({ title: '核对证件号码' }, z.object({ idNumber: z.string(), idType: z.string().optional() }), (_ctx, a) => checkIdNumber(a.idNumber, a.idType)),

  'candidates.search': query(
    { title: '查找考生' },
    z.object({ query: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).default(0) }),
    (ctx, a) => searchCandidates(ctx, a.query, a.limit, a.offset),
  ),
  'candidates.get': query({ title: '查看考生' }, z.object({ id: Id }), (ctx, a) => getCandidate(ctx, a.id)),
  /** Everything about one person: enrolments, each part's score, outcomes, certificates. By id (the window) or ID number (the CLI). */
  'candidates.history': query(
    { title: '查看考生档案' },
    z.union([z.object({ id: Id }), z.object({ idNumber: z.string().min(1) })]),
    (ctx, a) => {
      if ('id' in a) return candidateHistory(ctx, a.id);
      const found = findCandidateByIdNumber(ctx, a.idNumber);
      if (!found) throw noCandidateWithIdNumber(a.idNumber.trim());
      return candidateHistory(ctx, found.id);
    },
  ),
  'candidates.add': command({ title: '登记考生' }, CandidateInput, (ctx, a) => addCandidate(ctx, a)),
  'candidates.update': command({ title: '修改考生信息' }, CandidateInput.extend({ id: Id }), (ctx, { id, ...a }) => updateCandidate(ctx, id, a)),
  // The identity of someone with a certificate or a finalized result changes only this way: shown on the certificate record.
  'candidates.correctIdentity': command(
    { title: '更正已发证考生的身份信息', access: 'admin' },
    z.object({
      id: Id,
      name: z.string().optional(),
      idType: z.string().optional(),
      idNumber: z.string().optional(),
      gender: z.string().nullable().optional(),
      birthDate: z.string().nullable().optional(),
      reason: z.string(),
    }),
    (ctx, a) => correctIdentity(ctx, a),
  ),
  'candidates.setPhoto': command({ title: '设置考生照片' }, z.object({ id: Id, base64: z.string().nullable() }), (ctx, a) =>
    setCandidatePhoto(ctx, a.id, a.base64 === null ? null : photoFromBase64(a.base64)),
  ),
  'candidates.photo': query({ title: '查看考生照片' }, z.object({ id: Id }), (ctx, a) => {
    const p = getCandidatePhoto(ctx, a.id);
    return { base64: p ? p.toString('base64') : null };
  }),
  /** A folder or .zip of photos named by ID number (a page uploads a .zip; only the CLI and the desktop name a folder). */
  'photos.import': command({ title: '批量导入考生照片', backup: 'import' }, z.object({ from: FileArg, replace: z.boolean().optional() }), (ctx, a) =>
    importPhotos(ctx, a.from, { replace: a.replace }),
  ),
};
