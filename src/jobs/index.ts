export { JobQueue, backoffMs, type JobHandler, type JobRow, type EnqueueOptions } from './queue.js';
