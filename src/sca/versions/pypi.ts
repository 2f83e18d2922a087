import pep440 from '@renovatebot/pep440';
import type { VersionScheme } from '../types.ts';

/**
 * PyPI: PEP 440 via @renovatebot/pep440 (epochs, pre/post/dev releases, local versions,
 * normalisation such as `1.0RC1` = `1.0rc1`). Versions PEP 440 rejects (legacy `LegacyVersion`
 * strings) sort below every valid version, by string among themselves, as pip's old order did.
 */
export const pypi: VersionScheme = {
  compare(a, b) {
    const va = pep440.valid(a) !== null;
    const vb = pep440.valid(b) !== null;
    if (va && vb) return Math.sign(pep440.compare(a, b));
    if (va) return 1;
    if (vb) return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  },
  isValid: (v) => pep440.valid(v) !== null,
};
