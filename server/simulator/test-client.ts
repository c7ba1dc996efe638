/**
 * A tiny charger client for the simulator's own tests: plain fetch, exactly what goes on the wire.
 */

/** Answers are probed field by field in tests; a loose type keeps those probes readable. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;
export async function login(baseUrl: string, email: string, password: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${baseUrl}/api/webOperatorLogin/`, { method: 'POST', body: new URLSearchParams({ email, password }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function token(baseUrl: string, email: string, password: string): Promise<string> {
  const { body } = await login(baseUrl, email, password);
  if (typeof body.token !== 'string') throw new Error(`login failed: ${JSON.stringify(body)}`);
  return body.token;
}

export function bearer(value: string): Record<string, string> {
  return { authorization: `Bearer ${value}` };
}

export async function getJson(url: string, auth: string): Promise<Loose> {
  const res = await fetch(url, { headers: bearer(auth) });
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

export async function sessionPage(baseUrl: string, auth: string, fields: Record<string, string> = {}): Promise<Loose> {
  const res = await fetch(`${baseUrl}/api/chargingSession/`, { method: 'POST', headers: bearer(auth), body: new URLSearchParams(fields) });
  if (res.status !== 200) throw new Error(`chargingSession: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

export async function profile(baseUrl: string, auth: string, fromMs: number, toMs: number, measure = 'connector1,building,cluster'): Promise<Loose[]> {
  const query = new URLSearchParams({ fromTime: new Date(fromMs).toISOString(), toTime: new Date(toMs).toISOString(), measure });
  return getJson(`${baseUrl}/api/powerProfile/?${query}`, auth);
}
