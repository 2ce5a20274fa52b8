// The briefing's colours (part of the theme, ./index.ts): near-greys and a dark navy, chosen to stay distinct
// when the briefing is printed in greyscale.
export const PALETTE = {
  ink: '#1b1b1b',
  heading: '#10263f',
  muted: '#55595f',
  accent: '#1d4e7a',
  rule: '#9aa0a6',
  hairline: '#c9cdd2',
  headerFill: '#dfe4ea',
  zebraFill: '#f3f4f6',
  figureFill: '#eef1f4',
} as const;

export type PaletteColor = keyof typeof PALETTE;

/** A palette colour as OOXML writes it: six hex digits, no '#'. */
export function ooxmlColor(name: PaletteColor): string {
  return PALETTE[name].slice(1).toUpperCase();
}
