import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: "multer's none() on every route: text fields only, any file refused",
      code: `import multer from 'multer';
const upload = multer();
router.use(upload.none());`,
    },
    {
      name: 'parsers of JSON and forms only',
      code: `const express = require('express');\nconst app = express();\napp.use(express.json());\napp.use(express.urlencoded({ extended: false }));`,
    },
    {
      name: 'multer on the one route that takes the upload',
      code: `import multer from 'multer';\nconst upload = multer({ dest: 'uploads/', limits: { fileSize: 1e6 } });\napp.post('/avatar', upload.single('avatar'), saveAvatar);`,
    },
    {
      name: 'mounted under a path',
      code: `const multer = require('multer');\nconst upload = multer({ dest: 'tmp/' });\napp.use('/imports', upload.single('file'));\napp.use(/^\\/files/, upload.any());`,
    },
    {
      name: "a program's own upload helper with the same method names",
      code: `const upload = makeUploader();\napp.use(upload.any());\nrouter.use(validator.single('id'));`,
    },
    {
      name: 'Express 4 body-parser, which parses no multipart',
      code: `const bodyParser = require('body-parser');\napp.use(bodyParser.json());\napp.use(bodyParser.urlencoded({ extended: true }));`,
    },
  ],
  invalid: [
    {
      name: "Express 3's bodyParser, multipart included",
      code: `var express = require('express');\nvar app = express();\napp.configure(function () {\n  app.use(express.bodyParser()); // vigil-expect\n  app.use(express.methodOverride());\n});`,
    },
    {
      name: "Connect 2's multipart and connect-multiparty",
      code: `import connect from 'connect';\nimport multipart from 'connect-multiparty';\nserver.use(connect.multipart({ uploadDir: '/tmp' })); // vigil-expect\nserver.use(multipart()); // vigil-expect`,
    },
    {
      name: 'multer as global middleware, made in place or held',
      code: `const multer = require('multer');\nconst upload = multer({ dest: 'uploads/' });\nconst anyFile = upload;\napp.use(anyFile.any()); // vigil-expect\nrouter.use(auth, multer().array('docs')); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
