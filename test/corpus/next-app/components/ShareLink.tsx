'use client';
import { useSearchParams } from 'next/navigation';
import { useEffect, useRef } from 'react';

export function ShareLink() {
  const params = useSearchParams();
  const anchor = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    const target = params.get('share') ?? '/';
    anchor.current!.href = target; // vuln: js/dom-url-injection
    anchor.current!.setAttribute('title', target); // safe: js/dom-url-injection
    anchor.current!.setAttribute('href', '/share/' + encodeURIComponent(target)); // safe: js/dom-url-injection
  }, [params]);
  return <a ref={anchor}>share</a>;
}
