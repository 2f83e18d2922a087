import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'the default: stop at the first error',
      code: `import Ajv from 'ajv';\nconst ajv = new Ajv({ strict: true });\nconst validate = ajv.compile(schema);`,
    },
    {
      name: 'explicitly off, or from configuration',
      code: `const Ajv = require('ajv');\nconst a = new Ajv({ allErrors: false });\nconst b = new Ajv({ allErrors: config.verbose });`,
    },
    {
      name: "another library's option of the same name",
      code: `import { Validator } from 'jsonschema';\nconst v = new Validator({ allErrors: true });\nconst y = yup.object().validate(value, { abortEarly: false });`,
    },
    {
      name: 'in a test file',
      filename: 'schema.spec.ts',
      code: `import Ajv from 'ajv';\nconst ajv = new Ajv({ allErrors: true });`,
    },
  ],
  invalid: [
    {
      name: 'Ajv 8, default export',
      code: `import Ajv from 'ajv';
const ajv = new Ajv({ allErrors: true, coerceTypes: true }); // vigil-expect
export const validateBody = ajv.compile(bodySchema);`,
    },
    {
      name: 'Ajv 6 by require, options in a constant',
      code: `const Ajv = require('ajv');
const OPTIONS = {
  allErrors: true, // vigil-expect
  jsonPointers: true,
};
const ajv = new Ajv(OPTIONS);`,
    },
    {
      name: 'the 2020 draft build, compiled',
      code: `const _2020_1 = __importDefault(require("ajv/dist/2020"));
const ajv = new _2020_1.default({ allErrors: true }); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
