/**
 * Per-query accumulators as flat arrays indexed by item slot, reused between queries (the
 * index answers one question at a time: JavaScript is single-threaded and search is sync).
 * Only the slots a query touched are cleared, so a query costs its postings, not the index.
 */
export class Scratch {
  /** Σ rank weight × match score, per item. */
  score = new Float64Array(0);
  /** Σ coverage weight × similarity, per item. */
  matched = new Float64Array(0);
  /** Items any unit of this query matched. */
  readonly touched: number[] = [];
  /** Items the current unit matched, with its best score and similarity in each. */
  readonly unitTouched: number[] = [];
  private unitScore = new Float64Array(0);
  private unitSimilarity = new Float64Array(0);
  private seen = new Uint8Array(0);

  /** Clears the previous query's slots and makes room for `capacity` slots. */
  reset(capacity: number): this {
    if (this.score.length < capacity) {
      const size = Math.max(capacity, this.score.length * 2, 64);
      this.score = new Float64Array(size);
      this.matched = new Float64Array(size);
      this.unitScore = new Float64Array(size);
      this.unitSimilarity = new Float64Array(size);
      this.seen = new Uint8Array(size);
    } else {
      for (const slot of this.touched) {
        this.score[slot] = 0;
        this.matched[slot] = 0;
        this.seen[slot] = 0;
      }
    }
    this.touched.length = 0;
    this.unitTouched.length = 0;
    return this;
  }

  /** An alternative of the current unit matched `slot`; keeps the best. */
  offer(slot: number, score: number, similarity: number): void {
    if (this.unitSimilarity[slot] === 0 && this.unitScore[slot] === 0) this.unitTouched.push(slot);
    if (score > (this.unitScore[slot] ?? 0)) this.unitScore[slot] = score;
    if (similarity > (this.unitSimilarity[slot] ?? 0)) this.unitSimilarity[slot] = similarity;
  }

  /** Adds the current unit's matches, weighted, to the query totals and starts the next unit. */
  foldUnit(rank: number, coverage: number): void {
    for (const slot of this.unitTouched) {
      this.score[slot] = (this.score[slot] ?? 0) + rank * (this.unitScore[slot] ?? 0);
      this.matched[slot] = (this.matched[slot] ?? 0) + coverage * (this.unitSimilarity[slot] ?? 0);
      if (this.seen[slot] === 0) {
        this.seen[slot] = 1;
        this.touched.push(slot);
      }
      this.unitScore[slot] = 0;
      this.unitSimilarity[slot] = 0;
    }
    this.unitTouched.length = 0;
  }
}
