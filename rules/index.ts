import type { RuleModule } from '../src/sast/rule.ts';
import codeInjection from './js/code-injection.ts';
import commandInjection from './js/command-injection.ts';

/** Every SAST rule vigil ships; rules.test.ts checks that each rule file is listed. */
export const sastRules: RuleModule[] = [codeInjection, commandInjection];
