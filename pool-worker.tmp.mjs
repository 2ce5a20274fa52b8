import { threadId } from 'node:worker_threads';
import { buildBriefing } from '/work/main/dist/cli/briefing-task.js';
const t0 = performance.timeOrigin;
export default async function (task) { const start = performance.timeOrigin + performance.now(); const r = await buildBriefing(task); return { thread: threadId, start: start - Number(process.env.T0 ?? 0) - 0, ok: r.ok }; }
