// A specimen page of the engine's hard cases, written to $TEXT_SPECIMEN (when set) for looking at:
// `TEXT_SPECIMEN=/tmp/specimen.pdf npx vitest run test/pdf-text-specimen.test.ts && pdftoppm -r 110 -png /tmp/specimen.pdf /tmp/s`
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { ParagraphSpec } from '../src/text/index.js';
import { extractedPages } from './helpers/cli-pdf.js';
import { describeWithTools } from './helpers/pdf.js';
import { scratchDir } from './helpers/scratch.js';
import { renderParagraphs, spec } from './fixtures/text/article.js';

const percent = new Intl.NumberFormat('ar-MA', { style: 'percent', maximumFractionDigits: 1 }).format(0.105);
const date = new Intl.DateTimeFormat('ar-MA', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date('2017-12-22T00:00:00Z'));

export const SPECIMEN: ParagraphSpec[] = [
  spec('الأمن الوطني أصدر حوالي مليوني بطاقة تعريف إلكترونية خلال 2017', { size: 18, spans: [{ text: 'الأمن الوطني أصدر حوالي مليوني بطاقة تعريف إلكترونية خلال 2017', bold: true, italic: false }] }),
  spec(`تم إصدار 1.965.644 بطاقة تعريف إلكترونية، من بينها 206.464 بطاقة لفائدة أفراد الجالية المغربية بالخارج (${date}).`),
  spec('تحرير من طرف Le360 مع و.م.ع — أيام الأبواب المفتوحة (14 و15 و16 شتنبر 2017).'),
  spec(`نسبة الارتفاع ${percent} مقارنة بسنة 2016؛ الأرقام الهندية: ٠١٢٣٤٥٦٧٨٩ و١٬٩٦٥٬٦٤٤.`),
  {
    ...spec(''),
    spans: [
      { text: 'نص عادي، ثم ', bold: false, italic: false },
      { text: 'نص عريض', bold: true, italic: false },
      { text: ' ثم ', bold: false, italic: false },
      { text: 'نص مؤكد', bold: false, italic: true },
      { text: ' و', bold: false, italic: false },
      { text: 'Latin emphasis', bold: false, italic: true },
      { text: ' و', bold: false, italic: false },
      { text: 'Bold Latin', bold: true, italic: false },
      { text: '، وحركات: مُحَمَّدٌ رَسُولُ اللَّهِ.', bold: false, italic: false },
    ],
  },
  {
    ...spec(''),
    spans: [
      { text: 'تغيير الخط وسط الكلمة: ال', bold: false, italic: false },
      { text: 'مغرب', bold: true, italic: false },
      { text: ' لل', bold: false, italic: false },
      { text: 'أمن', bold: true, italic: false },
      { text: ' بطا', bold: true, italic: false },
      { text: 'قة', bold: false, italic: false },
    ],
  },
  spec('وأوضحت المديرية العامة، في بلاغ حول حصيلة المنجزات والخدمات السنوية، أنه في مجال تبسيط الخدمات الأمنية وتدعيم التواصل والانفتاح، تم إصدار 1.965.644 بطاقة تعريف إلكترونية، من بينها 206.464 بطاقة لفائدة أفراد الجالية المغربية بالخارج، مشيرة إلى أنه يجري حاليا تطوير الجيل الثاني من البطاقة الوطنية.', { align: 'justify' }),
  spec('سطر في الوسط (centre) مع رقم 19', { align: 'center' }),
  spec('سطر في النهاية (end)', { align: 'end' }),
  spec('English paragraph, left to right, with an Arabic phrase: المديرية العامة للأمن الوطني (DGSN), 22/12/2017.', { direction: 'ltr' }),
  spec('English justified paragraph that runs long enough to wrap onto a second line, so that the spaces between its words stretch to fill the measure.', { direction: 'ltr', align: 'justify' }),
  spec('كلمة_طويلة_جدا_لا_تتسع_في_السطر_الواحد_فتنكسر_بين_الحروف_المركبة_كلمة_طويلة_جدا_لا_تتسع_في_السطر'),
  spec('رمز غير مغطى: 😀 يبقى التخطيط سليما'),
];

it('renders the specimen page, warning only of the character no font has', async () => {
  const pdf = await renderParagraphs(SPECIMEN, 300);
  expect(pdf.warnings.map((w) => w.message)).toEqual(['PDF: no font has 😀 U+1F600 (Emoticons) (drawn as a box)']);
  if (process.env.TEXT_SPECIMEN) writeFileSync(process.env.TEXT_SPECIMEN, pdf.bytes);
});

describeWithTools(['pdftotext'], 'the specimen page copied out', () => {
  it('gives back its hard cases in logical order: figures, Latin in Arabic, Arabic in English, brackets, harakat', async () => {
    const file = join(scratchDir('pdf-specimen-'), 'specimen.pdf');
    writeFileSync(file, (await renderParagraphs(SPECIMEN, 300)).bytes);
    const text = extractedPages(file).join('\n').replace(/[\u200e\u200f\u202a-\u202e]/g, '').replace(/\s+/g, ' ').normalize('NFC');
    // Compared in NFC: poppler gives a letter's marks in drawing order (shadda, then fatha), canonically the same.
    for (const expected of [
      'الأمن الوطني أصدر حوالي مليوني بطاقة تعريف إلكترونية خلال 2017',
      'تم إصدار 1.965.644 بطاقة تعريف إلكترونية',
      'تحرير من طرف Le360 مع و.م.ع',
      'سطر في الوسط (centre) مع رقم 19',
      'English paragraph, left to right, with an Arabic phrase:',
      'Latin emphasis',
      'مُحَمَّدٌ رَسُولُ اللَّهِ',
    ]) {
      expect(text, expected).toContain(expected.normalize('NFC'));
    }
  }, 60_000);
});
