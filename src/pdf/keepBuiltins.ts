/**
 * The objects whose built-in methods a module may replace with slower stand-ins: pdfjs-dist's
 * legacy build carries core-js, which on Node 20 (V8 11) swaps `Array.prototype.push` for a
 * JavaScript loop (for an error on arrays with a read-only length), `JSON.parse` and
 * `JSON.stringify` for wrappers (for proposals nothing here uses) and
 * `Function.prototype.toString`. Every `push` of the pipeline then ran through that loop once a
 * PDF had been opened: the image pipeline on a paper's rasters took about 1.4 times the CPU.
 */
const GUARDED: readonly object[] = [Array.prototype, JSON, Function.prototype];

/**
 * Runs `load` (an import) and puts back every built-in method of Array.prototype, JSON and
 * Function.prototype that it replaced; what it adds (methods Node lacks) stays. Returns what
 * `load` resolves to, and restores even when it rejects.
 */
export async function keepBuiltins<T>(load: () => Promise<T>): Promise<T> {
  const saved = GUARDED.map(
    (target) =>
      new Map(
        Reflect.ownKeys(target).map((key) => [key, Object.getOwnPropertyDescriptor(target, key)!]),
      ),
  );
  try {
    return await load();
  } finally {
    for (const [i, target] of GUARDED.entries()) {
      for (const [key, descriptor] of saved[i]) {
        const now = Object.getOwnPropertyDescriptor(target, key);
        if (
          now?.value !== descriptor.value ||
          now?.get !== descriptor.get ||
          now?.set !== descriptor.set
        ) {
          Object.defineProperty(target, key, descriptor);
        }
      }
    }
  }
}
