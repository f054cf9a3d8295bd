/**
 * Stories to (re)index, collected from events and written one batch at a time, in the background:
 * an event handler never waits for the index, and two quick saves of one story cost one write
 * (the second finds the first still pending). Each write reads the story as it is then, so the last
 * write always reflects the last save.
 */
export class IndexQueue {
  private readonly pending = new Set<number>();
  private running: Promise<void> | null = null;

  constructor(
    private readonly write: (ids: number[]) => Promise<unknown>,
    private readonly onError: (err: unknown, ids: number[]) => void,
    private readonly batch = 100,
  ) {}

  add(id: number): void {
    this.pending.add(id);
    this.running ??= this.drain().finally(() => {
      this.running = null;
      // Added while the last batch was being written, after the loop looked.
      if (this.pending.size) this.add([...this.pending][0]!);
    });
  }

  /** Resolves when everything added so far is written (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    // Let the emitter's transaction finish and a burst of events gather before the first read.
    await new Promise((r) => setImmediate(r));
    while (this.pending.size) {
      const ids = [...this.pending].slice(0, this.batch);
      for (const id of ids) this.pending.delete(id);
      try {
        await this.write(ids);
      } catch (err) {
        // The catch-up finds these stories again (their entry is older than the story).
        this.onError(err, ids);
      }
    }
  }
}
