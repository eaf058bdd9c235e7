import { expect, type APIRequestContext } from '@playwright/test';
import type { ChannelName } from '../../../shared/channel-names';
import type { ChannelInput, ChannelResult } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import type { DeskwatchServer } from './deskwatch-server';

/** Who a call is made as: the console a test opens as that staff member (none: the run token alone). */
export interface CallAs {
  actorId?: number;
}

/**
 * Other consoles of the browser mode's HTTP API (a second desk, a script), holding the run token.
 * A call made as someone goes through a console of their own, chosen once (`/api/session/choose`),
 * exactly as a page does: the request never names its actor.
 */
export class ContractClient {
  private readonly consoles = new Map<number, Promise<string>>();
  /** The run the console tokens belong to: a restarted server has a new run token and knows none of them. */
  private consolesOfRun = '';

  constructor(
    private readonly request: APIRequestContext,
    private readonly server: DeskwatchServer,
  ) {}

  private consoleToken(actorId: number | undefined): Promise<string> {
    if (actorId === undefined) return Promise.resolve(this.server.token);
    if (this.consolesOfRun !== this.server.token) {
      this.consoles.clear();
      this.consolesOfRun = this.server.token;
    }
    let token = this.consoles.get(actorId);
    if (!token) {
      token = this.request
        .post(`${this.server.origin}/api/session/choose`, { headers: { authorization: `Bearer ${this.server.token}` }, data: { staffId: actorId } })
        .then(async (response) => {
          const body = (await response.json()) as Result<{ token: string }>;
          if (!body.ok) throw new Error(`could not open a console as staff ${actorId}: ${body.error.message}`);
          return body.value.token;
        });
      this.consoles.set(actorId, token);
    }
    return token;
  }

  async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>, as: CallAs = {}): Promise<Result<ChannelResult<C>>> {
    const response = await this.request.post(`${this.server.origin}/api/invoke/${channel}`, {
      headers: { authorization: `Bearer ${await this.consoleToken(as.actorId)}` },
      data: { input },
    });
    expect(response.status(), `HTTP status of ${channel}`).toBe(200);
    return (await response.json()) as Result<ChannelResult<C>>;
  }

  /** Like invoke, for calls the test expects to succeed. */
  async value<C extends ChannelName>(channel: C, input: ChannelInput<C>, as: CallAs = {}): Promise<ChannelResult<C>> {
    const result = await this.invoke(channel, input, as);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
    return result.value;
  }
}
