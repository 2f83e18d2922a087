import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'a packet header parsed with bounds checks off',
      code: `export function header(packet: Buffer, at: number) {
  const length = packet.readUInt16BE(at, true); // vigil-expect
  const kind = packet.readInt8(at + 2, true); // vigil-expect
  return { length, kind, ts: packet.readDoubleLE(at + 3, true) }; // vigil-expect
}`,
    },
    {
      name: 'writes past the end allowed, fixed and variable width',
      code: `const out = Buffer.alloc(8);
function put(value, offset) {
  out.writeUInt32LE(value, offset, true); // vigil-expect
  out.writeIntBE(value, offset, 3, true); // vigil-expect
}`,
    },
    {
      name: 'a variable-width read and a named constant flag',
      code: `const NO_ASSERT = true;
function read(buf, pos) {
  return buf.readUIntLE(pos, 6, NO_ASSERT) + buf.readFloatBE(pos, NO_ASSERT); // vigil-expect
}`,
    },
  ],
  valid: [
    {
      name: 'checked reads and writes',
      code: `function read(buf, pos) {
  if (pos + 4 > buf.length) throw new RangeError('short');
  buf.writeUInt32LE(7, pos);
  return buf.readUInt32LE(pos) + buf.readUInt8(pos, false);
}`,
    },
    {
      name: 'the byte length of a variable-width read is not the flag',
      code: `function read(buf) {
  return buf.readUIntLE(0, 6) + buf.writeIntBE(-1, 0, 3);
}`,
    },
    {
      name: 'a non-constant flag and a second argument that is a byte length',
      code: `function read(buf, checked) {
  return buf.readInt32BE(0, !checked) + buf.readIntLE(0, 1);
}`,
    },
    {
      name: 'methods of the same name on other APIs, and a plain function',
      code: `const readUInt8 = (offset, loose) => offset;
readUInt8(0, true);
stream.read(0, true);
reader.readString(0, true);`,
    },
  ],
} satisfies RuleCases;
