// Every schema version, in order. migrations[i].version must be i + 1 (a test checks it).
import type { DB } from '../database';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-operators-certificates-imports';
import * as m0003 from './0003-demo-data';
import * as m0004 from './0004-certificate-replacements';
import * as m0005 from './0005-pass-rate-tallies';
import * as m0006 from './0006-tally-triggers-on-change';
import * as m0007 from './0007-candidate-name-characters';
import * as m0008 from './0008-signing-keys-outside';
import * as m0009 from './0009-old-id-numbers-upgraded';
import * as m0010 from './0010-result-notes';
import * as m0011 from './0011-name-readings';
import * as m0012 from './0012-catalogue-as-data';
import * as m0013 from './0013-eligibility';
import * as m0014 from './0014-platform-exchange';
import * as m0015 from './0015-training-and-members';
import * as m0016 from './0016-competitions';
import * as m0017 from './0017-domestic-service-levels';
import * as m0018 from './0018-judge-role';

export interface Migration {
  version: number;
  up(db: DB): void;
}

export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013, m0014, m0015, m0016, m0017, m0018];
