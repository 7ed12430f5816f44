/**
 * Strings interned with a count of their users, so a column can hold a small number instead
 * of its own copy: the question log's texts, intents and item ids repeat a great deal. A
 * string no record uses any more is forgotten and its number used again, so the pool holds
 * only what the records in memory refer to.
 */
export class StringPool {
  private readonly numbers = new Map<string, number>();
  private readonly values: Array<string | undefined> = [];
  private readonly users: number[] = [];
  private readonly free: number[] = [];

  /** The string's number, counting one more user of it. */
  acquire(value: string): number {
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.free.pop() ?? this.values.length;
      this.values[n] = value;
      this.users[n] = 0;
      this.numbers.set(value, n);
    }
    this.users[n]! += 1;
    return n;
  }

  /** One user less; at none the string is forgotten. */
  release(n: number): void {
    this.users[n]! -= 1;
    if (this.users[n]! > 0) return;
    this.numbers.delete(this.values[n]!);
    this.values[n] = undefined;
    this.free.push(n);
  }

  value(n: number): string {
    const value = this.values[n];
    if (value === undefined) throw new Error(`string ${n} is not in the pool`);
    return value;
  }

  /** The number of a string held now, or undefined (nothing is added). */
  numberOf(value: string): number | undefined {
    return this.numbers.get(value);
  }

  /** Distinct strings held. */
  get size(): number {
    return this.numbers.size;
  }
}
