import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'a dedicated public folder',
      code: `const express = require('express');
const path = require('path');
app.use(express.static(path.join(__dirname, 'public')));
app.use('/assets', express.static(__dirname + '/dist'));
app.use(express.static('public'));`,
    },
    {
      name: 'one package’s built files out of node_modules',
      code: `import express from 'express';
app.use('/vendor', express.static('node_modules/bootstrap/dist'));
app.use('/chart', express.static(path.join(__dirname, 'node_modules', 'chart.js', 'dist')));`,
    },
    {
      name: 'a folder from configuration, and a local function named static',
      code: `import serveStatic from 'serve-static';
app.use(serveStatic(config.assetsDir));
const files = { static: (dir) => dir };
files.static('.');`,
    },
    {
      name: 'fastify static with a public root',
      code: `const fastify = require('fastify')();
fastify.register(require('@fastify/static'), { root: path.join(__dirname, 'public') });`,
    },
  ],
  invalid: [
    {
      name: 'directory listings',
      code: `const serveIndex = require('serve-index');
app.use('/reports', serveIndex(path.join(__dirname, 'reports'))); // vigil-expect
app.use('/', serveIndex(__dirname)); // vigil-expect`,
    },
    {
      name: 'the project folder and the working directory',
      code: `const express = require('express');
const path = require('path');
app.use(express.static(__dirname)); // vigil-expect
app.use(express.static('.')); // vigil-expect
app.use(express.static(process.cwd())); // vigil-expect
app.use(express.static(path.join(__dirname, '..'))); // vigil-expect`,
    },
    {
      name: 'a whole node_modules and the home directory',
      code: `import express from 'express';
import os from 'node:os';
app.use('/modules', express.static(__dirname + '/node_modules')); // vigil-expect
app.use('/lib', express.static('node_modules')); // vigil-expect
app.use(express.static(os.homedir())); // vigil-expect`,
    },
    {
      name: 'serve-static, koa-static and @fastify/static',
      code: `const serveStatic = require('serve-static');
const koaStatic = require('koa-static');
const fastify = require('fastify')();
app.use(serveStatic('./')); // vigil-expect
koa.use(koaStatic(__dirname)); // vigil-expect
fastify.register(require('@fastify/static'), { root: __dirname }); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
