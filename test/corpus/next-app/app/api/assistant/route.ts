import OpenAI from 'openai';
import { NextRequest, NextResponse } from 'next/server';

const openai = new OpenAI();
const STYLES: Record<string, string> = { short: 'Answer in one sentence.', long: 'Answer in detail.' };

export async function POST(request: NextRequest) {
  const { question, persona, style } = await request.json();
  // The client picks who the assistant is: its instructions are the client's.
  const answer = await openai.chat.completions.create({ // vuln: js/prompt-injection
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: `You are ${persona}. Only answer questions about our store.` },
      { role: 'user', content: question },
    ],
  });
  // A constant system prompt and a style looked up in a fixed table; the question stays the user's.
  const styled = await openai.chat.completions.create({ // safe: js/prompt-injection
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'You answer questions about our store. ' + (STYLES[style] ?? STYLES.short) },
      { role: 'user', content: question },
    ],
  });
  return NextResponse.json({ answer: answer.choices[0], styled: styled.choices[0] });
}

export async function PUT(request: NextRequest) {
  const limit = Number(request.nextUrl.searchParams.get('words'));
  const tone = request.nextUrl.searchParams.get('tone');
  const brief = await openai.responses.create({ instructions: `Use at most ${limit} words.`, model: 'gpt-4.1', input: 'Summarise today.' }); // safe: js/prompt-injection
  const toned = await openai.responses.create({ instructions: `Write in a ${tone} tone.`, model: 'gpt-4.1', input: 'Summarise today.' }); // vuln: js/prompt-injection
  return NextResponse.json({ brief: brief.output_text, toned: toned.output_text });
}
