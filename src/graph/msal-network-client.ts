import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { HttpsTransport } from './https-transport.js';

/** MSAL's requests (discovery, tokens) over the adapter's transport, so they share its trust. */
export class MsalNetworkClient implements INetworkModule {
  constructor(
    private readonly transport: HttpsTransport,
    private readonly timeoutMs: number,
  ) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private async send<T>(method: string, url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    const reply = await this.transport(url, {
      method,
      headers: options?.headers ?? {},
      body: method === 'POST' ? (options?.body ?? '') : undefined,
      timeoutMs: timeout ?? this.timeoutMs,
    });
    return { status: reply.status, headers: { ...reply.headers }, body: JSON.parse(reply.body) as T };
  }
}
