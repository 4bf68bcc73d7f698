/**
 * Full-width digits and signs (０-９ ％ ． ／) become ASCII so one set of patterns reads both spellings.
 * Every character maps to exactly one character: offsets in the normalised text are offsets in the original.
 */
export function normalizeForMatching(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xff10 + 0x30);
    else if (code === 0xff05) out += '%';
    else if (code === 0xff0e) out += '.';
    else if (code === 0xff0f) out += '/';
    else out += text[i];
  }
  return out;
}
