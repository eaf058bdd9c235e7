/**
 * One-click unsubscribe from announcement emails (RFC 8058). Every announcement sent to a person
 * names, in its List-Unsubscribe header and at its end, `/api/mail/unsubscribe?token=…`, where
 * the token is signed by the server (electron/core/mail/unsubscribe-tokens.ts) and names the
 * address and the topic.
 *
 * - `GET` shows a page with a button and changes nothing: mail filters and link previews open
 *   links on their own, and must not unsubscribe anyone by doing so.
 * - `POST` records the opt-out: the mail client's one-click (body `List-Unsubscribe=One-Click`,
 *   no cookies, no session: the signed token is the authority) or the page's button.
 *
 * A token this server did not sign is refused with a page saying so; nothing is recorded.
 */
import { CONTENT_SECURITY_POLICY, readBody } from '../web/http-kit';
import { escapeHtml, sendPage } from './plain-page';
import type { Exchange, ServerContext } from './server-context';

const TOPIC_WORDS = { announcements: 'announcement emails (planned maintenance, outages, upgrades)' } as const;
const BAD_LINK = {
  title: 'This unsubscribe link is not valid',
  message: 'The link may have been cut short or changed. Use the link in the email as it came, or ask the Help Desk to stop the emails.',
};
/** The one-click body is one short form field; anything bigger is not a mail client's. */
const MAX_BODY = 1_000;

/** `GET /api/mail/unsubscribe?token=`: a page with a button that posts back here. */
export async function unsubscribePage(c: Pick<ServerContext, 'core'>, ex: Exchange): Promise<void> {
  const token = ex.url.searchParams.get('token');
  const claim = await c.core.services.unsubscribeTokens.verify(token);
  if (!claim) return sendPage(ex.res, 400, BAD_LINK, ex.headers);
  const done = await c.core.services.mailOptOuts.has(claim.address, claim.topic);
  if (done) return sendPage(ex.res, 200, { title: 'You are unsubscribed', message: `${claim.address} receives no more ${TOPIC_WORDS[claim.topic]}.` }, ex.headers);
  const action = `/api/mail/unsubscribe?token=${encodeURIComponent(token as string)}`;
  const body = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Unsubscribe · Deskwatch</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<main>
<h1>Stop announcement emails?</h1>
<p>${escapeHtml(claim.address)} will receive no more ${escapeHtml(TOPIC_WORDS[claim.topic])}. Emails about your own requests still come.</p>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit" style="font-size: 1rem; padding: 0.5rem 1rem">Unsubscribe</button>
</form>
</main>
</body>
</html>
`;
  // The server's policy forbids every form (form-action 'none'); this page's one form posts back here.
  const csp = CONTENT_SECURITY_POLICY.replace("form-action 'none'", "form-action 'self'");
  ex.res.writeHead(200, { ...ex.headers, 'content-security-policy': csp, 'content-type': 'text/html; charset=utf-8' });
  ex.res.end(body);
}

/** `POST /api/mail/unsubscribe?token=`: records the opt-out (RFC 8058 one-click, or the page's button). */
export async function unsubscribeOneClick(c: Pick<ServerContext, 'core'>, ex: Exchange): Promise<void> {
  const body = await readBody(ex.req, MAX_BODY);
  if (body === 'too_large') return sendPage(ex.res, 413, { title: 'Request too large', message: 'An unsubscribe request carries one short field.' }, ex.headers);
  const claim = await c.core.services.unsubscribeTokens.verify(ex.url.searchParams.get('token'));
  if (!claim) return sendPage(ex.res, 400, BAD_LINK, ex.headers);
  await c.core.services.mailOptOuts.record(claim.address, claim.topic);
  c.core.logger.info(`deskwatch mail: an address unsubscribed from ${claim.topic}`);
  sendPage(ex.res, 200, { title: 'You are unsubscribed', message: `${claim.address} receives no more ${TOPIC_WORDS[claim.topic]}. Emails about your own requests still come.` }, ex.headers);
}
