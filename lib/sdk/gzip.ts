// Gzip without a dependency. Node gets node:zlib (fast, native); other runtimes (browsers, Deno, edge) use
// CompressionStream when they have it; a runtime with neither sends the body uncompressed.

type Gzip = (data: Uint8Array) => Promise<Uint8Array>;
/** The one function used, typed structurally so the SDK type-checks without @types/node. */
type NodeZlib = { gzip(data: Uint8Array, callback: (error: Error | null, out: Uint8Array) => void): void };

let cached: Promise<Gzip | null> | undefined;

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === "string";
}

async function load(): Promise<Gzip | null> {
  if (isNode()) {
    // A variable specifier keeps bundlers for the browser from trying to resolve node:zlib.
    const specifier = "node:zlib";
    const zlib = (await import(/* webpackIgnore: true */ specifier)) as NodeZlib;
    return (data) =>
      new Promise((resolve, reject) => zlib.gzip(data, (error, out) => (error ? reject(error) : resolve(out))));
  }
  if (typeof CompressionStream === "function") {
    return async (data) => {
      const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream("gzip"));
      return new Uint8Array(await new Response(stream).arrayBuffer());
    };
  }
  return null;
}

/** The gzip of `data`, or null when this runtime cannot compress (send identity then). */
export async function gzipBytes(data: Uint8Array): Promise<Uint8Array | null> {
  cached ??= load().catch(() => null);
  const gzip = await cached;
  return gzip ? gzip(data) : null;
}
