import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

// A local HTTP endpoint for outbound-channel tests: records every request (method, path, headers, raw body)
// and answers from a per-path script (default 200), so a test can make a receiver fail, rate-limit or recover.

export interface Captured {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
}

export interface CaptureServer {
  base: string;
  requests: Captured[];
  /** requests to one path, in arrival order */
  on: (path: string) => Captured[];
  /** answers for a path: replies are used in order, the last one repeats */
  reply: (path: string, ...replies: Reply[]) => void;
  close: () => Promise<void>;
}

export async function startCaptureServer(): Promise<CaptureServer> {
  const requests: Captured[] = [];
  const scripts = new Map<string, Reply[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      requests.push({ method: req.method ?? "", path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const script = scripts.get(path) ?? [];
      const reply = (script.length > 1 ? script.shift() : script[0]) ?? { status: 200 };
      res.writeHead(reply.status, reply.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    on: (path) => requests.filter((r) => r.path === path),
    reply: (path, ...replies) => scripts.set(path, replies),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
