import { buildDocumentModel } from '/work/main/dist/pipeline.js';
import { pdfRenderer } from '/work/main/dist/renderers/pdf/index.js';
const model = buildDocumentModel({ dataFile: '/work/main/data/dgsn-2017.json', template: 'briefing.ar' });
for (let i = 0; i < 50; i++) await pdfRenderer.render(model, { warn() {} });
const s = performance.now();
for (let i = 0; i < 300; i++) await pdfRenderer.render(model, { warn() {} });
console.log('warm pdf ms', ((performance.now() - s) / 300).toFixed(2));
