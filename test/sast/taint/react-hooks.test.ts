/**
 * React's hooks hold what their function gives, not what they are keyed or re-run by: data-fetching
 * hooks (SWR, TanStack Query) give back what the fetcher returned, not the key the cache files it
 * under; `useMemo` what its getter returns, not its dependency list; `useCallback` is the function
 * it is given; a function a React context hands out is the program's, whose result holds nothing of
 * its arguments (the body it posts). A response (fetch, ky) is the server's answer, a likely flow.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../../src/sast/engine.ts';
import domXss from '../../../rules/js/dom-xss.ts';
import openRedirect from '../../../rules/js/open-redirect.ts';

function rated(code: string, rule = domXss): string[] {
  const result = runRules('pages/metrics/[id].tsx', code, [rule]);
  expect(result.diagnostics).toEqual([]);
  return result.findings.filter((f) => f.flow).map((f) => `${f.location.startLine} ${f.precision}`);
}

describe('data-fetching hooks', () => {
  it('do not carry the key into the data', () => {
    const code = `import useSWR from 'swr';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/router';
function useApi(path: string) {
  const key = 'org::' + path;
  return useSWR(key, async () => (await fetch(path)).json());
}
export default function Page() {
  const router = useRouter();
  const { data } = useApi('/api/metrics/' + router.query.id);
  const report = useQuery({ queryKey: ['report', router.query.id], queryFn: () => load(router.query.id) });
  document.getElementById('sql').innerHTML = data.sql;
  document.getElementById('report').innerHTML = report.data.html;
  document.getElementById('title').innerHTML = router.query.title as string;
}`;
    expect(rated(code)).toEqual(['14 very-high']);
  });

  it('still follow the key where the program reads it back itself', () => {
    const code = `import { useRouter } from 'next/router';
function useCached(key: string) { return { data: { html: key } }; }
export default function Page() {
  const router = useRouter();
  const { data } = useCached(router.query.id as string);
  document.body.innerHTML = data.html;
}`;
    expect(rated(code)).toEqual(['6 very-high']);
  });

  it("take a React context's functions for the program's own", () => {
    const code = `import React, { useContext } from 'react';
import { useRouter } from 'next/router';
const AuthContext = React.createContext({ apiCall: async (url: string, init?: RequestInit) => undefined as any });
const useAuth = () => useContext(AuthContext);
export default function Consent() {
  const { query } = useRouter();
  const { apiCall } = useAuth();
  async function approve() {
    const res = await apiCall('/oauth/authorize', { method: 'POST', body: JSON.stringify({ redirect_uri: query.redirect_uri }) });
    window.location.assign(res.redirectTo);
  }
  const deny = () => window.location.assign(query.redirect_uri as string);
}`;
    expect(rated(code, openRedirect)).toEqual(['12 very-high']);
  });

  it("hold useMemo's returned fields, not its dependency list", () => {
    const code = `import { useMemo } from 'react';
import { useRouter } from 'next/router';
export default function List() {
  const router = useRouter();
  const value = router.query.q as string;
  const { filtered, term } = useMemo(() => {
    const term = value.trim();
    return { filtered: ITEMS.slice(0, 10), term };
  }, [value]);
  const shown = useMemo(() => '<b>' + value + '</b>', [value]);
  document.getElementById('list').innerHTML = filtered[0].html;
  document.getElementById('term').innerHTML = term;
  document.getElementById('shown').innerHTML = shown;
}`;
    expect(rated(code)).toEqual(['12 very-high', '13 very-high']);
  });

  it('take useCallback for its function, and a response for the server answer', () => {
    const code = `import { useCallback } from 'react';
import ky from 'ky';
import { useParams } from 'react-router-dom';
export default function Social() {
  const { connectorId } = useParams();
  const start = useCallback(async (payload: { connectorId?: string }) => {
    return ky.post('/api/verifications/social', { json: payload }).json<{ authorizationUri: string }>();
  }, []);
  const echo = useCallback((text?: string) => '<p>' + text + '</p>', []);
  async function go() {
    const result = await start({ connectorId });
    window.location.assign(result.authorizationUri);
    document.body.innerHTML = echo(connectorId);
  }
}`;
    expect(rated(code, openRedirect)).toEqual(['12 medium']);
    expect(rated(code)).toEqual(['13 very-high']);
  });
});
