import { NextRequest, NextResponse } from 'next/server';
import { apiGet, fetchAllowed, readTarget } from '../../../lib/http.ts';

export async function GET(request: NextRequest) {
  const target = request.nextUrl.searchParams.get('url');
  const upstream = await fetch(target!); // vuln: js/ssrf
  return new NextResponse(upstream.body);
}

export async function POST(request: NextRequest) {
  const { url } = await request.json();
  const res = await fetchAllowed(url); // safe: js/ssrf
  const other = await apiGet(url); // safe: js/ssrf
  return NextResponse.json({ status: res.status, other: other.status });
}

export async function PUT(request: Request) {
  const target = readTarget(request);
  await fetch(target, { method: 'PUT' }); // vuln: js/ssrf
  await fetch(`https://hooks.example.com/notify/${encodeURIComponent(target)}`); // safe: js/ssrf
  return NextResponse.redirect(new URL(request.url).searchParams.get('back')!); // vuln: js/open-redirect
}
