/** Starts Debian's yaz-ztest (a real Z39.50/SRU test server) on a free port, or says why it cannot. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface ZtestServer {
  url: string;
  port: number;
  stop: () => void;
}

/** Why yaz-ztest cannot run here, or null. */
export function ztestUnavailable(): string | null {
  const probe = spawnSync('yaz-ztest', ['-V']);
  return probe.error ? 'yaz-ztest is not on PATH (apt-get install yaz)' : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A port nothing listens on (for "server unreachable"). */
export const closedPort = freePort;

export async function startZtest(): Promise<ZtestServer> {
  const port = await freePort();
  const child: ChildProcess = spawn('yaz-ztest', [`@:${port}`], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  // Wait until it answers; yaz-ztest starts in milliseconds, the loop only guards the race.
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      const res = await fetch(`${url}/Default?version=1.2&operation=explain`);
      if (res.ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  return { url, port, stop: () => child.kill('SIGTERM') };
}
