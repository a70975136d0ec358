// The report's two sources, read over HTTP: Prometheus (instant and range queries) and
// Alertmanager (its v2 API). Any failure names the URL; the report is then never written.
export interface Sample { metric: Record<string, string>; value: number }
export interface Series { metric: Record<string, string>; points: [number, number][] }
export interface AmAlert { labels: Record<string, string>; status: { state: string; inhibitedBy: string[]; silencedBy: string[] } }

export class SourceError extends Error {}

async function getJson(url: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  } catch (e) {
    throw new SourceError(`cannot reach ${url.split("?")[0]}: ${(e as Error).cause ? String((e as { cause: unknown }).cause) : (e as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) throw new SourceError(`${url.split("?")[0]} answered HTTP ${res.status}: ${text.slice(0, 200)}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new SourceError(`${url.split("?")[0]} did not answer JSON`);
  }
}

export class Prometheus {
  constructor(readonly url: string) {}

  private async api(path: string, params: Record<string, string>): Promise<{ resultType: string; result: unknown[] }> {
    const body = await getJson(`${this.url}${path}?${new URLSearchParams(params)}`) as { status: string; error?: string; data: { resultType: string; result: unknown[] } };
    if (body.status !== "success") throw new SourceError(`${this.url}${path} refused ${params.query}: ${body.error}`);
    return body.data;
  }

  async instant(query: string, at: number): Promise<Sample[]> {
    const data = await this.api("/api/v1/query", { query, time: String(at) });
    if (data.resultType === "scalar") return [{ metric: {}, value: Number((data.result as unknown as [number, string])[1]) }];
    return (data.result as { metric: Record<string, string>; value: [number, string] }[])
      .map((r) => ({ metric: r.metric, value: Number(r.value[1]) })).filter((s) => Number.isFinite(s.value));
  }

  async range(query: string, start: number, end: number, step: number): Promise<Series[]> {
    const data = await this.api("/api/v1/query_range", { query, start: String(start), end: String(end), step: String(step) });
    return (data.result as { metric: Record<string, string>; values: [number, string][] }[])
      .map((r) => ({ metric: r.metric, points: r.values.map(([t, v]) => [t, Number(v)] as [number, number]).filter(([, v]) => Number.isFinite(v)) }))
      .filter((s) => s.points.length > 0);
  }

  /** Answers, or throws naming the URL: the report checks its sources before it starts. */
  async ready(): Promise<void> {
    await this.instant("vector(1)", Date.now() / 1000);
  }
}

export class Alertmanager {
  constructor(readonly url: string) {}

  async alerts(): Promise<AmAlert[]> {
    return await getJson(`${this.url}/api/v2/alerts`) as AmAlert[];
  }

  async activeSilences(): Promise<number> {
    const silences = await getJson(`${this.url}/api/v2/silences`) as { status: { state: string } }[];
    return silences.filter((s) => s.status.state === "active").length;
  }
}
