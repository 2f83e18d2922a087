import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    { name: 'version tag', code: `FROM node:20.11-bookworm-slim\nRUN true` },
    {
      name: 'digest pin with a registry port',
      code: `FROM registry.local:5000/team/app@sha256:4b1c3e7a0f0d1e2c3b4a59687766554433221100ffeeddccbbaa998877665544`,
    },
    {
      name: 'scratch and an earlier stage',
      code: `FROM golang:1.22 AS build\nFROM scratch\nFROM build AS again`,
    },
    { name: 'ARG tag with a pinned default', code: `ARG VERSION=3.20\nFROM alpine:\${VERSION}` },
    { name: 'ARG without default is decided at build time', code: `ARG IMAGE\nFROM \${IMAGE}` },
  ],
  invalid: [
    { name: 'no tag', code: `FROM ubuntu # vigil-expect\nRUN true` },
    {
      name: 'latest with platform flag',
      code: `FROM --platform=linux/amd64 node:latest AS app # vigil-expect`,
    },
    { name: 'latest through an ARG default', code: `ARG TAG=latest\nFROM python:\${TAG} # vigil-expect` },
    {
      name: 'only the unpinned stage of several',
      code: `FROM golang:1.22 AS build\nFROM registry.local:5000/base # vigil-expect\nCOPY --from=build /a /a`,
    },
  ],
} satisfies RuleCases;
