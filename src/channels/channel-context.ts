import type { ChannelClientEntity } from '../channel-clients/channel-client.entity';
import type { RequestContext } from '../common/request-context';

/**
 * The audit actor of a channel delivery: the client, named as `<kind>:<client id>`, so every
 * audit event of the delivery names its channel and its channel client. Whoever filed the tip
 * for the caller (an operator) is recorded on the tip itself.
 */
export function channelContext(requestId: string, client: ChannelClientEntity): RequestContext {
  return { requestId, actor: { type: 'channel', id: `${client.kind}:${client.id}` } };
}
