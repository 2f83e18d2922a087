import type { IacRule } from '../src/iac/rule.ts';
import rootUser from './dockerfile/root-user.ts';

/** Every Dockerfile and workflow rule vigil ships; rules.test.ts checks that each rule file is listed. */
export const iacRules: IacRule[] = [rootUser];
