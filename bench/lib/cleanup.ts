// Teardown for the benches: whatever they start or create (servers, temp files, scratch databases) registers an
// undo step, run newest first on normal exit, on an error and on Ctrl-C / SIGTERM, each step at most once.

type Step = () => unknown;

const steps: { label: string; run: Step }[] = [];
let running: Promise<void> | null = null;

/** Registers an undo step; returns a function that runs it now (and removes it from the list). */
export function onCleanup(label: string, run: Step): () => Promise<void> {
  const step = { label, run };
  steps.push(step);
  return async () => {
    const index = steps.indexOf(step);
    if (index < 0) return;
    steps.splice(index, 1);
    await step.run();
  };
}

/** Runs every registered step, newest first; a failing step is reported and the rest still run. */
export function cleanup(): Promise<void> {
  running ??= (async () => {
    while (steps.length > 0) {
      const step = steps.pop()!;
      try {
        await step.run();
      } catch (error) {
        console.error(`cleanup: ${step.label} failed:`, (error as Error).message);
      }
    }
  })();
  return running;
}

/**
 * Ctrl-C and SIGTERM clean up, then exit with the conventional code. A second signal must not cut the cleanup
 * short: a terminal's Ctrl-C reaches this process twice under tsx (from the terminal and relayed by tsx).
 */
export function cleanUpOnSignals(): void {
  let stopping = false;
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.error(`\n${signal}: stopping servers and removing scratch data…`);
      void cleanup().finally(() => process.exit(code));
    });
  }
}
