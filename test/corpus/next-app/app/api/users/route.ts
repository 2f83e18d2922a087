import { NextRequest, NextResponse } from 'next/server';
import { users } from '../../../lib/mongo.ts';

export async function POST(request: NextRequest) {
  const body = await request.json();
  const user = await users.findOne({ email: body.email, password: body.password }); // vuln: js/nosql-injection
  return NextResponse.json(user);
}

export async function PATCH(request: NextRequest) {
  const body = await request.json();
  const user = await users.findOne({ email: String(body.email) }); // safe: js/nosql-injection
  await users.updateOne({ _id: user?._id }, { $set: { name: `${body.name}` } }); // safe: js/nosql-injection
  return NextResponse.json(user);
}

export async function GET(request: NextRequest) {
  const q = request.nextUrl.searchParams.get('q');
  const found = await users.find({ $where: `this.name.startsWith('${q}')` }).toArray(); // vuln: js/nosql-injection
  const pattern = new RegExp(q ?? '', 'i'); // vuln: js/regexp-injection
  const fixed = /^[a-z]+$/i.test(q ?? ''); // safe: js/regexp-injection
  return NextResponse.json({ found, pattern: pattern.source, fixed });
}
