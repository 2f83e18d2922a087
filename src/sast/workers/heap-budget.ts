import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A worker's heap is capped (resourceLimits); the main thread's is not, and when the main thread
 * analyses files itself V8 may let its heap grow far past what is live — one 421 KB generated file
 * builds a 113 MB tree, and peaks of 1.3 GB were seen on bench/sast against a usual 0.7–0.9 GB.
 * Between files, a collection is forced once the heap has grown past the budget, and the next
 * limit is then twice the heap as it stands after it: a large live set (a huge repository's
 * texts) can never mean a collection per file.
 */
export class HeapBudget {
  private limit: number;
  private readonly budget: number;
  private collect: (() => void) | undefined;
  /** Collections forced so far. */
  collections = 0;

  constructor(budgetBytes: number) {
    this.budget = budgetBytes;
    this.limit = budgetBytes;
  }

  /** Call between two files. */
  check(): void {
    // The heap's statistics only: process.memoryUsage() also reads the resident set from the OS.
    if (getHeapStatistics().total_heap_size <= this.limit) return;
    // Not exposed without --expose-gc; a fresh context created after setting the flag has it.
    if (!this.collect) {
      setFlagsFromString('--expose-gc');
      this.collect = runInNewContext('gc') as () => void;
    }
    this.collect();
    this.collections++;
    this.limit = Math.max(this.budget, 2 * getHeapStatistics().total_heap_size);
  }
}
