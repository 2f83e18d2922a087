import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    { name: 'non-root user last', code: `FROM node:20\nRUN useradd app\nUSER app\nCMD ["node", "a.js"]` },
    {
      name: 'root only in a build stage',
      code: `FROM golang:1.22 AS build\nUSER root\nRUN go build -o /app\nFROM debian:12-slim\nCOPY --from=build /app /app\nUSER 10001\nENTRYPOINT ["/app"]`,
    },
    {
      name: 'nonroot distroless base',
      code: `FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app`,
    },
    {
      name: 'USER set in the stage the final one builds on',
      code: `FROM python:3.12 AS base\nUSER 1000:1000\nFROM base\nCOPY . /app`,
    },
    {
      name: 'root then dropped',
      code: `FROM alpine:3.20\nUSER root\nRUN apk add --no-cache curl\nUSER nobody`,
    },
  ],
  invalid: [
    { name: 'no USER at all', code: `FROM node:20 # vigil-expect\nCMD ["node", "a.js"]` },
    {
      name: 'USER root last',
      code: `FROM node:20\nUSER node\nRUN npm ci\nUSER root # vigil-expect\nCMD ["node", "a.js"]`,
    },
    {
      name: 'multi-stage where only the build stage has a user',
      code: `FROM node:20 AS build\nUSER node\nRUN npm ci\nFROM node:20-slim # vigil-expect\nCOPY --from=build /app /app`,
    },
    { name: 'uid 0 through an ARG', code: `FROM debian:12\nARG RUN_AS=0\nUSER \${RUN_AS}:0 # vigil-expect` },
  ],
} satisfies RuleCases;
