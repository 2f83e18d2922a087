/**
 * Request validation middleware at a route, or a NestJS validation pipe checking a parameter's
 * class, lowers the shape findings (NoSQL operators, mass assignment, loop bounds) of the handler
 * it guards, wherever the handler is defined; other findings, and handlers reachable without
 * validation, stay as they were.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sastRules } from '../../../rules/index.ts';
import type { DraftFinding } from '../../../src/core/finding.ts';
import { lowerValidatedShapes } from '../../../src/sast/routes/validated.ts';
import { buildImportGraph } from '../../../src/sast/workers/graph.ts';
import { scanJsFiles } from '../../../src/sast/workers/index.ts';
import { findingsOf, writeTree } from '../../support/sast-tree.ts';

const files: Record<string, string> = {
  'utils/catchAsync.js': `module.exports = (fn) => (req, res, next) => {
  Promise.resolve(fn(req, res, next)).catch(next);
};`,
  'middlewares/validate.js': `module.exports = (schema) => (req, res, next) => {
  const { error } = schema.body.validate(req.body);
  if (error) return res.status(400).end();
  return next();
};`,
  'validations/account.js': `const Joi = require('joi');
module.exports = {
  signIn: { body: Joi.object().keys({ email: Joi.string().required() }) },
  lookup: { body: Joi.object().keys({ handle: Joi.string().required() }) },
  byOwner: { params: Joi.object().keys({ id: Joi.string() }) },
};`,
  'controllers/account.controller.js': `const catchAsync = require('../utils/catchAsync');
const signIn = catchAsync(async (req, res) => {
  res.json(await Account.findOne({ email: req.body.email }));
});
const search = catchAsync(async (req, res) => {
  res.json(await Account.find({ owner: req.query.owner }));
});
const lookup = async (req, res) => {
  res.json(await Account.findOne({ handle: req.body.handle }));
};
const byOwner = async (req, res) => {
  res.json(await Account.find({ owner: req.body.owner }));
};
function byEmail(req, res) {
  Account.findOne({ email: req.body.email }).then((a) => res.json(a));
}
module.exports = { signIn, search, lookup, byOwner, byEmail };`,
  'controllers/index.js': `module.exports.accountController = require('./account.controller');`,
  'routes/account.route.js': `const express = require('express');
const validate = require('../middlewares/validate');
const schemas = require('../validations/account');
const { accountController } = require('../controllers');
const router = express.Router();
router.post('/sign-in', validate(schemas.signIn), accountController.signIn);
router.get('/search', accountController.search);
router.post('/lookup', validate(schemas.lookup), accountController.lookup);
router.post('/lookup-again', accountController.lookup);
router.post('/owners/:id', validate(schemas.byOwner), accountController.byOwner);
router.post('/by-email', validate(schemas.signIn), require('../controllers').accountController.byEmail);
module.exports = router;`,
  'profiles/handlers.ts': `import type { Request, Response } from 'express';
export async function create(req: Request, res: Response) {
  res.json(await Profile.create(req.body));
}
export async function rename(req: Request, res: Response) {
  res.json(await db.query('UPDATE profiles SET name = ' + req.body.name));
}
class Settings {
  async save(req: Request, res: Response) {
    res.json(await Setting.create(req.body));
  }
}
export const settings = new Settings();`,
  'profiles/routes.ts': `import { Router } from 'express';
import { celebrate, Joi, Segments } from 'celebrate';
import { create, rename, settings } from './handlers';
import { validateBody } from '../middlewares/zod';
const router = Router();
router
  .route('/profiles')
  .post(celebrate({ [Segments.BODY]: Joi.object({ name: Joi.string() }) }), create);
router.route('/profiles/:id').put(celebrate({ [Segments.BODY]: Joi.object({ name: Joi.string() }) }), rename);
router.post('/settings', validateBody(settingsSchema), settings.save);
export default router;`,
  'middlewares/zod.ts': `import type { NextFunction, Request, Response } from 'express';
export const validateBody = (schema: any) => (req: Request, res: Response, next: NextFunction) =>
  schema.safeParse(req.body).success ? next() : res.status(400).end();`,
  'webhooks/controller.ts': `import type { Request, Response } from 'express';
export const toggle = async (req: Request, res: Response) => {
  res.json(await Webhook.findOne({ id: req.body.webhookId }));
};`,
  'webhooks/router.ts': `import express from 'express';
import { z } from 'zod';
import { wrapController } from '../utils/wrapController';
import { validateRequestMiddleware } from '../middlewares/validateRequestMiddleware';
import * as rawController from './controller';
const controller = wrapController(rawController);
const router = express.Router();
router.post('/webhooks/toggle', validateRequestMiddleware({ body: z.object({ webhookId: z.string() }).strict() }), controller.toggle);
export default router;`,
  'utils/wrapController.ts': `import asyncHandler from 'express-async-handler';
export function wrapController(controller: Record<string, any>) {
  const wrapped: Record<string, any> = {};
  for (const key of Object.keys(controller)) wrapped[key] = asyncHandler(controller[key]);
  return wrapped;
}`,
  'koa.js': `const Router = require('@koa/router');
const validate = require('./middlewares/validate');
const router = new Router();
router.post('/items', validate({ body: itemSchema }), async (ctx) => {
  ctx.body = await Item.findOne({ name: ctx.request.body.name });
});
router.post('/items/search', validate({ query: itemQuery }), async (ctx) => {
  ctx.body = await Item.find({ name: ctx.request.body.name });
});
module.exports = router;`,
  'hono/users.ts': `import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
const users = new Hono();
users.get('/users', zValidator('query', z.object({ team: z.string() })), async (c) => {
  return c.json(await User.find(c.req.valid('query')));
});
users.post('/users', zValidator('json', userSchema), async (c) => {
  return c.json(await User.create(c.req.valid('json')));
});
users.post('/users/find', zValidator('query', z.object({ team: z.string() })), async (c) => {
  return c.json(await User.find(await c.req.json()));
});
export default users;`,
  'server.js': `const express = require('express');
const { body, query } = require('express-validator');
const validate = require('./middlewares/validate');
const app = express();
function register(req, res) {
  Member.create(req.body).then(() => res.end());
}
app.post('/members', [body('email').isEmail(), body('name').isString()], register);
app.get('/members', query('name').isString(), (req, res) => {
  Member.find({ team: req.body.team }).then((m) => res.json(m));
});
app.post('/inline', validate(memberSchema), (req, res) => {
  Member.findOne({ email: req.body.email }).then((m) => res.json(m));
});
app.post('/notes', validateToken(secret), (req, res) => {
  Note.findOne({ title: req.body.title }).then((n) => res.json(n));
});
app.post('/where', validate(memberSchema), (req, res) => {
  Member.find({ $where: 'this.name == "' + req.body.name + '"' }).then((m) => res.json(m));
});
app.listen(3000);`,
};

let dir: string;
let findings: DraftFinding[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-validated-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  const list = Object.keys(files).map((path) => ({ path, absPath: join(dir, path) }));
  const result = await scanJsFiles(list, { rules: sastRules, root: dir, workers: 0 });
  expect(result.diagnostics).toEqual([]);
  findings = result.findings;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The finding of a rule whose source is on this line of this file. */
function fromSource(ruleId: string, path: string, line: number): DraftFinding {
  const found = findings.filter(
    (f) =>
      f.ruleId === ruleId &&
      [f.flow, ...(f.otherFlows ?? [])].some(
        (flow) => flow?.[0]?.location.path === path && flow[0].location.startLine === line,
      ),
  );
  expect(found, `${ruleId} from ${path}:${line}`).toHaveLength(1);
  return found[0]!;
}

describe('request validation middleware', () => {
  it('lowers a controller’s NoSQL finding when its only route validates the request (through a barrel and a wrapper)', () => {
    const f = fromSource('js/nosql-injection', 'controllers/account.controller.js', 3);
    expect(f.precision).toBe('medium');
    expect(f.message).toContain(
      'The route validates the request first (validate(...) at routes/account.route.js:6)',
    );
  });

  it('keeps a handler whose route has no validation, or that has one route without it', () => {
    expect(fromSource('js/nosql-injection', 'controllers/account.controller.js', 6).precision).toBe(
      'very-high',
    );
    const twice = fromSource('js/nosql-injection', 'controllers/account.controller.js', 9);
    expect(twice.precision).toBe('very-high');
    expect(twice.message).not.toContain('validates');
  });

  it('keeps a source in a part the schema does not cover', () => {
    // The schema names only `params`; the handler reads the body.
    expect(fromSource('js/nosql-injection', 'controllers/account.controller.js', 12).precision).toBe(
      'very-high',
    );
    // express-validator checks the query string; the handler reads the body.
    expect(fromSource('js/nosql-injection', 'server.js', 10).precision).toBe('very-high');
  });

  it('lowers mass assignment behind celebrate on a router.route chain, ESM imports', () => {
    const f = fromSource('js/mass-assignment', 'profiles/handlers.ts', 3);
    expect(f.precision).toBe('medium');
    expect(f.message).toContain('(celebrate(...) at profiles/routes.ts:8)');
  });

  it('finds handlers through an inline require of a barrel and through a method of an exported instance', () => {
    const inline = fromSource('js/nosql-injection', 'controllers/account.controller.js', 15);
    expect(inline.message).toContain('(validate(...) at routes/account.route.js:11)');
    expect(inline.precision).toBe('medium');
    const method = fromSource('js/mass-assignment', 'profiles/handlers.ts', 10);
    expect(method.message).toContain('(validateBody(...) at profiles/routes.ts:10)');
    expect(method.precision).toBe('medium');
  });

  it('finds a handler through a wrapper of the whole controller module (`wrapController(controllers).toggle`)', () => {
    const f = fromSource('js/nosql-injection', 'webhooks/controller.ts', 3);
    expect(f.message).toContain('(validateRequestMiddleware(...) at webhooks/router.ts:8)');
    expect(f.precision).toBe('medium');
  });

  it('leaves injections a string is enough for', () => {
    expect(fromSource('js/sql-injection', 'profiles/handlers.ts', 6).precision).toBe('very-high');
    // `$where` runs JavaScript: a string passes any schema and still injects.
    expect(fromSource('js/nosql-injection', 'server.js', 19).precision).toBe('very-high');
  });

  it('reads express-validator chains and same-file handlers, local or inline', () => {
    const local = fromSource('js/mass-assignment', 'server.js', 6);
    expect(local.precision).toBe('medium');
    expect(local.message).toContain('(body(...) at server.js:8)');
    expect(fromSource('js/nosql-injection', 'server.js', 13).precision).toBe('medium');
  });

  it('reads the part of a Koa context’s request, covered by the schema object’s keys or not', () => {
    expect(fromSource('js/nosql-injection', 'koa.js', 5).precision).toBe('medium');
    expect(fromSource('js/nosql-injection', 'koa.js', 8).precision).toBe('very-high');
  });

  it('reads the part a Hono handler reads, `c.req.valid(target)` included, against the validator’s target', () => {
    const query = fromSource('js/nosql-injection', 'hono/users.ts', 6);
    expect(query.precision).toBe('medium');
    expect(query.message).toContain('(zValidator(...) at hono/users.ts:5)');
    expect(fromSource('js/mass-assignment', 'hono/users.ts', 9).precision).toBe('medium');
    // The query is validated; the body the handler reads is not.
    expect(fromSource('js/nosql-injection', 'hono/users.ts', 12).precision).toBe('very-high');
  });

  it('does not take a check of who sends the request for one of its shape', () => {
    expect(fromSource('js/nosql-injection', 'server.js', 16).precision).toBe('very-high');
  });
});

describe('lowerValidatedShapes on hostile input', () => {
  /** A controller of `n` handlers and a routes file registering each behind validation; the finding is h0's. */
  function project(n: number, lastUnvalidated: boolean) {
    const controller = ['exports.h0 = (req, res) => User.findOne({ email: req.body.email });'];
    for (let i = 1; i < n; i++) controller.push(`exports.h${i} = (req, res) => res.end();`);
    const routes = ["const c = require('./c');", "const validate = require('./v');"];
    for (let i = 0; i < n; i++) routes.push(`router.post('/p${i}', validate(s), c.h${i % 10});`);
    if (lastUnvalidated) routes.push("router.post('/open', c.h0);");
    // Re-exports in a cycle and a 1,000-long alias chain must end, not loop or recurse deeply.
    const aliases = ['const a0 = c.h0;'];
    for (let i = 1; i < 1000; i++) aliases.push(`const a${i} = a${i - 1};`);
    aliases.push("export * from './cycle-b';", "router.get('/alias', validate(s), a999);");
    const texts = new Map([
      ['c.js', controller.join('\n')],
      ['v.js', 'module.exports = (s) => (req, res, next) => next();'],
      ['routes.js', routes.join('\n')],
      ['cycle-a.js', `import './c.js';\n${aliases.join('\n')}`],
      [
        'cycle-b.js',
        "export * from './cycle-a';\nimport { nothing } from './cycle-a';\nrouter.get('/x', nothing);",
      ],
    ]);
    const column = controller[0]!.indexOf('req.body') + 1;
    const at = (startColumn: number) => ({
      path: 'c.js',
      startLine: 1,
      startColumn,
      endLine: 1,
      endColumn: startColumn + 1,
    });
    const finding: DraftFinding = {
      ruleId: 'js/nosql-injection',
      kind: 'sast',
      severity: 'high',
      precision: 'very-high',
      title: 'NoSQL injection',
      message: 'Untrusted data reaches a MongoDB query object.',
      location: at(column),
      flow: [
        { location: at(column), message: 'source: request body' },
        { location: at(column), message: 'sink: a MongoDB query object' },
      ],
    };
    return { texts, finding };
  }

  it('stays linear in the number of route registrations, and ends on cycles and long alias chains', async () => {
    const run = async (n: number, open: boolean) => {
      const { texts, finding } = project(n, open);
      const started = performance.now();
      const [out] = await lowerValidatedShapes([finding], texts, buildImportGraph(texts));
      return { precision: out!.precision, ms: performance.now() - started };
    };
    const small = Math.min((await run(1_000, false)).ms, (await run(1_000, false)).ms);
    const validated = await run(10_000, false);
    expect(validated.precision).toBe('medium');
    expect((await run(1_000, true)).precision).toBe('very-high');
    const large = validated.ms;
    // Ten times the registrations: about ten times the time (quadratic work would be a hundred).
    expect(large).toBeLessThan(Math.max(40 * small, 2_000));
  });
});

describe('NestJS validation pipes', () => {
  const controller = `import { Body, Controller, Post, Query, UsePipes, ValidationPipe } from '@nestjs/common';
import { FindDto } from './find.dto';
@Controller('users')
export class UsersController {
  @Post('find')
  find(@Body() dto: FindDto) { return User.findOne({ email: dto.email }); }
  @Post('raw')
  raw(@Body() body: any) { return User.findOne({ email: body.email }); }
  @Post('shaped')
  shaped(@Body() body: FindShape) { return User.findOne({ email: body.email }); }
  @Post('count')
  count(@Query() { tags }: FindDto) { for (let i = 0; i < tags.length; i++) User.touch(i); }
}
interface FindShape { email: string }`;
  const dto = `import { IsString } from 'class-validator';
export class FindDto {
  @IsString() email: string;
  @IsString({ each: true }) tags: string[];
}`;
  const withPipe: Record<string, string> = {
    'src/users.controller.ts': controller,
    'src/find.dto.ts': dto,
    'src/main.ts': `import { NestFactory } from '@nestjs/core';
import { ValidationPipe } from '@nestjs/common';
const app = await NestFactory.create(AppModule);
app.useGlobalPipes(new ValidationPipe({ whitelist: true }));`,
  };
  const withoutPipe: Record<string, string> = {
    'src/users.controller.ts': controller.replace(
      "@Post('find')",
      "@UsePipes(new ValidationPipe())\n  @Post('find')",
    ),
    'src/find.dto.ts': dto,
    'src/main.ts': `const app = await NestFactory.create(AppModule);`,
  };
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  const scan = async (tree: Record<string, string>) => {
    const d = await writeTree(tree);
    dirs.push(d);
    const found = [
      ...(await findingsOf(d, tree, 'js/nosql-injection')),
      ...(await findingsOf(d, tree, 'js/loop-bound-injection')),
    ];
    return found.map((f) => `${f.ruleId} ${f.location.startLine} ${f.precision}`).sort();
  };

  it('lowers shape findings from a parameter typed with a class behind a global pipe', async () => {
    expect(await scan(withPipe)).toEqual([
      'js/loop-bound-injection 12 medium',
      'js/nosql-injection 10 very-high',
      'js/nosql-injection 6 medium',
      'js/nosql-injection 8 very-high',
    ]);
  });

  it('keeps them without a pipe, and reads a pipe on the method', async () => {
    expect(await scan(withoutPipe)).toEqual([
      'js/loop-bound-injection 13 very-high',
      'js/nosql-injection 11 very-high',
      'js/nosql-injection 7 medium',
      'js/nosql-injection 9 very-high',
    ]);
  });
});
