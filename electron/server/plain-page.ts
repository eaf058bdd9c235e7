/**
 * The few pages the server writes itself (a sign-in that could not finish, a person who is not on
 * the staff list): plain HTML without script, which the content security policy allows.
 */
import type http from 'node:http';

export function sendPage(
  res: http.ServerResponse,
  status: number,
  page: { title: string; message: string; link?: { href: string; text: string } },
  headers: Record<string, string>,
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const link = page.link ? `\n<p><a href="${escapeHtml(page.link.href)}">${escapeHtml(page.link.text)}</a></p>` : '';
  const body = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(page.title)} · Deskwatch</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<main>
<h1>${escapeHtml(page.title)}</h1>
<p>${escapeHtml(page.message)}</p>${link}
</main>
</body>
</html>
`;
  res.writeHead(status, { ...headers, 'content-type': 'text/html; charset=utf-8' });
  res.end(body);
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
