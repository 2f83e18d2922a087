import { instructionSpan } from '../../src/iac/dockerfile/run.ts';
import { defineDockerfileRule } from '../../src/iac/rule.ts';

/** `registry:5000/team/app:tag@sha256:…` → its tag and digest. */
function splitImage(ref: string): { name: string; tag?: string; digest?: string } {
  const at = ref.indexOf('@');
  const digest = at === -1 ? undefined : ref.slice(at + 1);
  const rest = at === -1 ? ref : ref.slice(0, at);
  const colon = rest.lastIndexOf(':');
  // A colon before the last slash belongs to a registry port, not a tag.
  const hasTag = colon > rest.lastIndexOf('/');
  return {
    name: hasTag ? rest.slice(0, colon) : rest,
    ...(hasTag ? { tag: rest.slice(colon + 1) } : {}),
    ...(digest ? { digest } : {}),
  };
}

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/unpinned-base-image',
    kind: 'config',
    title: 'Base image not pinned (no tag or `latest`)',
    severity: 'medium',
    cwe: ['CWE-1357', 'CWE-494'],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    help:
      'A `FROM` without a tag, or with `latest`, builds on whatever the registry serves that day: builds ' +
      'are not reproducible and a compromised or broken upstream push flows straight into your image. ' +
      'Pin a version tag at least, and better a digest, which cannot be moved:\n\n' +
      '```dockerfile\nFROM node:20.11-bookworm-slim@sha256:<digest>\n```\n\n' +
      'Tags coming from `ARG` are resolved from their defaults (`ARG TAG=latest` is flagged; an ARG ' +
      'without a default is left alone, its value comes from the build). `scratch` and earlier stages ' +
      '(`FROM builder`) are not images and are never flagged.',
    fixHint: 'Pin the base image to a version tag and a digest (`image:1.2.3@sha256:…`).',
  },
  check(file, report) {
    for (const stage of file.stages) {
      if (stage.parent !== undefined) continue;
      const image = stage.resolvedImage;
      if (image === undefined || image === '' || image.toLowerCase() === 'scratch') continue;
      const { name, tag, digest } = splitImage(image);
      if (digest) continue;
      if (tag !== undefined && tag !== 'latest') continue;
      const via = stage.imageVariables.length ? ` (from ARG ${stage.imageVariables.join(', ')})` : '';
      report({
        at: instructionSpan(stage.from),
        message:
          tag === 'latest'
            ? `Base image ${name} uses the moving tag latest${via}; pin a version and a digest.`
            : `Base image ${name} has no tag, so it means latest${via}; pin a version and a digest.`,
      });
    }
  },
});
