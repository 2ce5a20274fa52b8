// Model inlines as the text engine's spans: the one mapping every renderer that measures or lays out text uses.
import { unreachable } from '../model/layout-units.js';
import type { Inline } from '../model/types.js';
import type { StyledText } from '../text/index.js';

/** Model inlines as text-engine spans; a forced break (`<br>`) becomes '\n', a mandatory break in UAX #14. */
export function spansOf(inlines: readonly Inline[]): StyledText[] {
  return inlines.map((inline): StyledText => {
    switch (inline.kind) {
      case 'text':
        return { text: inline.text, bold: inline.bold, italic: inline.italic };
      case 'break':
        return { text: '\n', bold: false, italic: false };
      default:
        return unreachable(inline);
    }
  });
}
