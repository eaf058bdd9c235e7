import { expect, type APIRequestContext } from '@playwright/test';
import type { ChannelName } from '../../../shared/channel-names';
import type { ChannelInput, ChannelResult, InvokeMeta } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import type { DeskwatchServer } from './deskwatch-server';

/** Another client of the browser mode's HTTP API (a second console, a script), holding the token. */
export class ContractClient {
  constructor(
    private readonly request: APIRequestContext,
    private readonly server: DeskwatchServer,
  ) {}

  async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>, meta: InvokeMeta = {}): Promise<Result<ChannelResult<C>>> {
    const response = await this.request.post(`${this.server.origin}/api/invoke/${channel}`, {
      headers: { authorization: `Bearer ${this.server.token}` },
      data: { input, meta },
    });
    expect(response.status(), `HTTP status of ${channel}`).toBe(200);
    return (await response.json()) as Result<ChannelResult<C>>;
  }

  /** Like invoke, for calls the test expects to succeed. */
  async value<C extends ChannelName>(channel: C, input: ChannelInput<C>, meta: InvokeMeta = {}): Promise<ChannelResult<C>> {
    const result = await this.invoke(channel, input, meta);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
    return result.value;
  }
}
