// A worker thread of the batch pool (piscina): builds one briefing per task. Fonts, templates and the text
// engine's caches load once per worker and serve every task it gets.
import { buildBriefing, type BriefingOutcome, type BriefingTask } from './briefing-task.js';

export default function run(task: BriefingTask): Promise<BriefingOutcome> {
  return buildBriefing(task);
}
