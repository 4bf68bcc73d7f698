export type NumberCellResult = { ok: true; value: number | null } | { ok: false; message: string };

export interface ParseNumberOptions {
  /** The indicator's unit: a trailing % is accepted only for %, ‰ only for ‰, any other unit only as itself. */
  unit?: string;
}

const PLAIN = /^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d*)?$|^\.\d+$/;

/**
 * A number typed or pasted by a user: "1,234.5", full-width "１２３" or "１２．５％", a trailing % where the
 * unit is %, a trailing unit ("1,203人"). Blank gives null (not reported). Anything else is rejected with a
 * Chinese message naming what was typed.
 */
export function parseNumberCell(raw: string, options: ParseNumberOptions = {}): NumberCellResult {
  const unit = options.unit ?? '';
  const shown = raw.trim();
  // NFKC folds full-width digits, ．，％＋－ and the ideographic space into their ASCII forms.
  let text = raw.normalize('NFKC').replace(/[\u2212\u2012\u2013]/g, '-').trim();
  if (text === '') return { ok: true, value: null };

  for (const sign of ['%', '‰'] as const) {
    if (text.endsWith(sign)) {
      if (unit !== sign) {
        return {
          ok: false,
          message: `“${shown}”带有${sign === '%' ? '百分号' : '千分号'}，但该指标的单位是${unit || '无单位'}，请只填写数字`,
        };
      }
      text = text.slice(0, -1).trim();
    }
  }
  if (unit !== '' && unit !== '%' && unit !== '‰' && text.endsWith(unit)) text = text.slice(0, -unit.length).trim();

  let sign = 1;
  if (text.startsWith('-') || text.startsWith('+')) {
    if (text.startsWith('-')) sign = -1;
    text = text.slice(1).trim();
  }
  if (!PLAIN.test(text)) {
    if (/^[\d,]+(?:\.\d*)?$/.test(text)) {
      return { ok: false, message: `“${shown}”的千分位逗号位置不正确，应写作如1,234.5` };
    }
    return { ok: false, message: `“${shown}”不是有效的数字，请填写数字（如1,234.5）；无数据请留空` };
  }
  const value = sign * Number(text.replace(/,/g, ''));
  if (!Number.isFinite(value)) return { ok: false, message: `“${shown}”超出可处理的数值范围` };
  // -0 would print as "0" but compare oddly in JSON round trips.
  return { ok: true, value: value === 0 ? 0 : value };
}
