import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startOsvStandIn, type StandIn } from '../../support/osv-stand-in.ts';
import { planAdvisories } from './advisories.ts';
import { LOCKFILES, PACKAGE_JSON, RELEASES } from './universe.ts';
import { startRegistry, type LocalRegistry } from './verdaccio.ts';

/** What a PR-summary plan test runs against, all on 127.0.0.1, stopped by `close`. */
export interface PlanWorld {
  /** The operator's registry: a Verdaccio holding the plan tests' packages. */
  registry: LocalRegistry;
  /** OSV's API over the plan tests' advisories. */
  osv: StandIn;
  /** A registry a pull request's .npmrc names; `requests` must stay empty. */
  hostile: { url: string; requests: string[] };
  /** The PR's files: the plan tests' project, with an .npmrc pointing at `hostile`. */
  pullFiles(): Record<string, string>;
  close(): Promise<void>;
}

export async function startPlanWorld(): Promise<PlanWorld> {
  const registry = await startRegistry();
  for (const release of RELEASES) await registry.publish(release);
  const osv = await startOsvStandIn(planAdvisories());
  const requests: string[] = [];
  const hostile = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => hostile.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
  return {
    registry,
    osv,
    hostile: { url, requests },
    pullFiles: () => ({
      'package.json': PACKAGE_JSON,
      'package-lock.json': LOCKFILES['package-lock v3']!.text(),
      '.npmrc': `registry=${url}/\n`,
    }),
    async close() {
      await registry.stop();
      await osv.close();
      await new Promise((r) => hostile.close(r));
    },
  };
}
