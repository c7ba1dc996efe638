/**
 * Pieces shared by the browser-page benches (power chart, energy bars): a static server for a
 * page Vite built into bench/out/, and the renderers' main-thread CPU time read from /proc.
 */
import { createReadStream, existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

export function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(join(dir, new URL(req.url ?? '/', 'http://x').pathname.replace(/\/$/, '/index.html')));
    if (!path.startsWith(dir) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * CPU time of the renderers’ main threads (Linux /proc), which grows far less than wall time
 * when other processes share the cores: a second view of the same work, readable on a busy
 * machine. CDP's throttling inflates it (the throttled thread is charged while held back), so it
 * is taken unthrottled; ×4 estimates the tablet.
 */
export function rendererCpuMs(browserPid: number | undefined): (() => number) | null {
  if (browserPid === undefined || !existsSync('/proc/self/stat')) return null;
  const statFields = (path: string) => readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
  const parentOf = (pid: string) => {
    try {
      return Number(statFields(`/proc/${pid}/stat`)[1]);
    } catch {
      return 0;
    }
  };
  const descends = (pid: string) => {
    for (let p = Number(pid), hops = 0; p > 1 && hops < 10; p = parentOf(String(p)), hops++) if (p === browserPid) return true;
    return false;
  };
  const renderers = () =>
    readdirSync('/proc').filter((pid) => {
      if (!/^\d+$/.test(pid)) return false;
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer') && descends(pid);
      } catch {
        return false;
      }
    });
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  return () =>
    renderers().reduce((sum, pid) => {
      try {
        const f = statFields(`/proc/${pid}/task/${pid}/stat`);
        return sum + (Number(f[11]) + Number(f[12])) / ticksPerMs;
      } catch {
        return sum;
      }
    }, 0);
}
