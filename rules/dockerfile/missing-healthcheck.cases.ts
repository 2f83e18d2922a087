import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'healthcheck present',
      code: `FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK CMD curl -f http://127.0.0.1/ || exit 1`,
    },
    { name: 'explicitly none', code: `FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK NONE` },
    { name: 'nothing exposed', code: `FROM debian:12\nCMD ["batch-job"]` },
    {
      name: 'EXPOSE only in a discarded stage',
      code: `FROM node:20 AS dev\nEXPOSE 3000\nFROM node:20-slim\nCMD ["node", "cli.js"]`,
    },
  ],
  invalid: [
    { name: 'exposed without healthcheck', code: `FROM nginx:1.27\nEXPOSE 80 # vigil-expect` },
    {
      name: 'healthcheck only in a discarded stage',
      code: `FROM node:20 AS build\nHEALTHCHECK CMD true\nFROM node:20-slim\nEXPOSE 3000/tcp # vigil-expect`,
    },
    {
      name: 'EXPOSE in the parent stage',
      code: `FROM python:3.12 AS base\nEXPOSE 8000 # vigil-expect\nFROM base\nCMD ["gunicorn"]`,
    },
  ],
} satisfies RuleCases;
