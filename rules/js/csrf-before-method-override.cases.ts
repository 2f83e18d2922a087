import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'method override first',
      code: `const express = require('express');\napp.use(express.methodOverride());\napp.use(express.csrf());`,
    },
    {
      name: 'csurf after method-override',
      code: `import methodOverride from 'method-override';\nimport csurf from 'csurf';\napp.use(methodOverride('_method'));\napp.use(csurf());`,
    },
    {
      name: 'no CSRF middleware',
      code: `import methodOverride from 'method-override';\napp.use(methodOverride());`,
    },
    {
      name: 'local helpers with the same names',
      code: `function csrf() {}\nfunction methodOverride() {}\ncsrf();\nmethodOverride();`,
    },
  ],
  invalid: [
    {
      name: 'Express 3 order',
      code: `const express = require('express');\napp.use(express.csrf());\napp.use(express.methodOverride()); // vigil-expect`,
    },
    {
      name: 'csurf then method-override',
      code: `import csurf from 'csurf';\nimport methodOverride from 'method-override';\napp.use(csurf({ cookie: true }));\napp.use(methodOverride('X-HTTP-Method-Override')); // vigil-expect`,
    },
    {
      name: 'one line',
      code: `var express = require('express');\nexpress.csrf(); express.methodOverride(); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
