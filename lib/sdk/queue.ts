// The client's pending events, serialised once at record() time: the caller may reuse its object, and the
// byte size needed to split requests under the body limit is known up front.

export interface Queued {
  seq: number;
  id: string;
  json: string;
  bytes: number;
}

/** Bytes of `{"events":[]}` around the events. */
export const ENVELOPE_BYTES = '{"events":[]}'.length;

/** UTF-8 length without Buffer (not in every runtime) or an encode per event. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The request body for a batch, built by joining the stored JSON rather than serialising again. */
export function batchBody(batch: readonly Queued[]): string {
  return `{"events":[${batch.map((e) => e.json).join(",")}]}`;
}

/** FIFO with a head index instead of shift(): dropping the oldest of 100,000 events must stay O(1). */
export class EventQueue {
  private items: Array<Queued | undefined> = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  peek(): Queued | undefined {
    return this.items[this.head];
  }

  push(item: Queued): void {
    this.items.push(item);
  }

  dropOldest(): void {
    if (this.size > 0) this.items[this.head++] = undefined;
  }

  /** Up to `maxEvents` from the head whose body stays within `maxBytes` (at least one event). */
  take(maxEvents: number, maxBytes: number): Queued[] {
    const batch: Queued[] = [];
    let bytes = ENVELOPE_BYTES;
    while (batch.length < maxEvents) {
      const next = this.items[this.head];
      const separator = batch.length > 0 ? 1 : 0;
      if (!next || (batch.length > 0 && bytes + separator + next.bytes > maxBytes)) break;
      bytes += separator + next.bytes;
      batch.push(next);
      this.items[this.head++] = undefined;
    }
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return batch;
  }
}
