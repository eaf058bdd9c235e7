/**
 * The helper thread of a large `sla batch` (built to out/cli/sla-batch-worker.cjs): answers the
 * runs of lines the main thread sends, with the batch's settings, and sends the bytes back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BatchAnswerer, type BatchSettings } from './sla-batch-answers';

export interface BatchJob {
  id: number;
  text: string;
  firstLine: number;
}

export interface BatchJobDone {
  id: number;
  chunks: Buffer[];
  failed: boolean;
}

const answerer = new BatchAnswerer(workerData as BatchSettings);
parentPort?.on('message', (job: BatchJob) => {
  const { chunks, failed } = answerer.answer(job.text, job.firstLine);
  const done: BatchJobDone = { id: job.id, chunks, failed };
  // Chunks own their memory (one buffer each), so it moves to the main thread without a copy.
  parentPort?.postMessage(done, chunks.map((chunk) => chunk.buffer as ArrayBuffer));
});
