/** A thin fetch wrapper for tests: real HTTP against a real listening app. */
export interface HttpResult<T = any> {
  status: number;
  body: T;
  text: string;
}

export class Http {
  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    options: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    let payload: string | undefined = options.raw;
    if (options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const text = await response.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Non-JSON answers (metrics, docs) stay text.
    }
    return { status: response.status, body, text };
  }

  get<T = any>(path: string, key?: string) {
    return this.request<T>('GET', path, { key });
  }

  post<T = any>(path: string, body: unknown, key?: string, headers?: Record<string, string>) {
    return this.request<T>('POST', path, { key, body, headers });
  }
}
