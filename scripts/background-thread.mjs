// The server's background jobs in a worker thread of the server process (lib/services/background-thread.ts
// starts it): lib/services/background.ts through tsx's loader, as the `vitals` CLI runs it. The options arrive as
// workerData; a "stop" message stops the jobs and ends the thread.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { startBackgroundJobs } = await import("../lib/services/background.ts");
const stop = startBackgroundJobs(workerData);
// The jobs' timers are unref'd; this one keeps the thread alive until it is told to stop.
const keepAlive = setInterval(() => {}, 2 ** 30);
parentPort?.on("message", async (message) => {
  if (message !== "stop") return;
  clearInterval(keepAlive);
  await stop();
  parentPort?.close();
});
