/**
 * A small ICC v2 monochrome display profile (gray, D50 white, gamma 2.2), built here rather than shipped: a PDF/A
 * output intent needs an embedded profile, Debian installs none by default, and a reader copy's pages are grayscale
 * (poppler's `-gray`) with a gray mark, so every colour in it is DeviceGray, which an output intent of any profile
 * makes device-independent (ISO 19005-2 §6.2.4.3).
 */
export function grayIccProfile(): Uint8Array {
  const s15 = (value: number) => Math.round(value * 65536);
  const tag = (signature: string, body: Buffer) => ({ signature, body });
  const description = 'E-Office gray gamma 2.2 (D50)';
  const desc = Buffer.alloc(12 + description.length + 1 + 8 + 3 + 67);
  desc.write('desc', 0, 'latin1');
  desc.writeUInt32BE(description.length + 1, 8);
  desc.write(description, 12, 'latin1');
  // Unicode language code and count (0), ScriptCode code (0), count (0) and its 67 bytes: all left as zeros.
  const copyright = 'No copyright, use freely';
  const cprt = Buffer.alloc(8 + copyright.length + 1);
  cprt.write('text', 0, 'latin1');
  cprt.write(copyright, 8, 'latin1');
  const wtpt = Buffer.alloc(20);
  wtpt.write('XYZ ', 0, 'latin1');
  [0.9642, 1, 0.8249].forEach((v, i) => wtpt.writeInt32BE(s15(v), 8 + 4 * i));
  const kTRC = Buffer.alloc(14);
  kTRC.write('curv', 0, 'latin1');
  kTRC.writeUInt32BE(1, 8);
  kTRC.writeUInt16BE(Math.round(2.2 * 256), 12);
  const tags = [tag('desc', desc), tag('cprt', cprt), tag('wtpt', wtpt), tag('kTRC', kTRC)];
  const align = (n: number) => (n + 3) & ~3;
  let offset = 128 + 4 + 12 * tags.length;
  const placed = tags.map((t) => {
    const at = offset;
    offset = align(offset + t.body.length);
    return { ...t, at };
  });
  const profile = Buffer.alloc(offset);
  profile.writeUInt32BE(offset, 0);
  profile.writeUInt32BE(0x02100000, 8);
  profile.write('mntr', 12, 'latin1');
  profile.write('GRAY', 16, 'latin1');
  profile.write('XYZ ', 20, 'latin1');
  [2026, 1, 1, 0, 0, 0].forEach((v, i) => profile.writeUInt16BE(v, 24 + 2 * i));
  profile.write('acsp', 36, 'latin1');
  [0.9642, 1, 0.8249].forEach((v, i) => profile.writeInt32BE(s15(v), 68 + 4 * i));
  profile.writeUInt32BE(tags.length, 128);
  placed.forEach((t, i) => {
    const entry = 132 + 12 * i;
    profile.write(t.signature, entry, 'latin1');
    profile.writeUInt32BE(t.at, entry + 4);
    profile.writeUInt32BE(t.body.length, entry + 8);
    t.body.copy(profile, t.at);
  });
  return new Uint8Array(profile);
}
