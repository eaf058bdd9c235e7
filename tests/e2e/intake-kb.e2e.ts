import type { StaffMember } from '../../shared/domain';
import type { Article } from '../../shared/knowledge';
import { CasePage } from './pages/case-page';
import { KbSuggestionsPanel } from './pages/kb-suggestions';
import { ONE_PERSON_SLOWED } from './pages/intake-page';
import type { ContractClient } from './support/contract-client';
import { expect, rememberAtTheConsole, test, type DirectorySeed } from './support/intake-fixtures';

const PROJECTOR = {
  title: 'Ceiling projector shows no signal after a laptop is plugged in',
  problem: 'The projector lamp is on but the screen says **No signal**. It often happens after a substitute plugged in another laptop.',
  solution: '1. Press **Source** on the remote until *HDMI 1* shows.\n2. On the laptop press Windows+P and choose *Duplicate*.\n3. Reseat the HDMI cable at the wall plate.',
};
const ACCOUNT = {
  title: 'District account locked after too many password attempts',
  problem: 'The caller sees "Your account has been locked."',
  solution: '1. Verify the caller.\n2. Unlock the account in the directory.',
};

/** A published article, written and published by a supervisor through the contract. */
async function publishArticle(client: ContractClient, supervisor: StaffMember, fields: typeof PROJECTOR, categoryId: number): Promise<Article> {
  const draft = await client.value('kb.create', { ...fields, categoryId, buildingIds: [], systems: [], audience: 'staff', reviewDue: null }, { actorId: supervisor.id });
  return client.value('kb.publish', { id: draft.id, version: draft.version }, { actorId: supervisor.id });
}

async function knowledgeBase(client: ContractClient, seed: DirectorySeed) {
  const supervisor = await client.value('staff.create', { name: 'Pat Reyes', role: 'supervisor' });
  const av = await seed.categoryId('Audio / video & projectors');
  const accounts = await seed.categoryId('Accounts & passwords');
  const projector = await publishArticle(client, supervisor, PROJECTOR, av);
  const account = await publishArticle(client, supervisor, ACCOUNT, accounts);
  return { supervisor, projector, account };
}

test('suggestions follow the summary without taking the focus; Alt+K, Enter and Escape; solved with an article at first contact', async ({
  page,
  deskwatch,
  otherClient,
  agent,
  seed,
  intakePage,
}) => {
  const { projector } = await knowledgeBase(otherClient, seed);
  const caller = await seed.caller({ name: 'Jo Smith', building: 'Battle High School', room: 'B12', extension: '5520' });
  const suggestions = new KbSuggestionsPanel(page);
  await rememberAtTheConsole(page, agent);
  await page.goto(deskwatch.url);
  await expect(page.getByRole('banner')).toContainText(agent.name);
  await intakePage.goto(deskwatch.origin);
  await intakePage.findCaller('Smith', /Battle High School/);
  await expect(intakePage.summary).toBeFocused();

  // Typed as an agent on the phone types: a typo, one key at a time. The suggestions follow while
  // the focus stays in the summary box.
  await page.keyboard.type('projecter shows no signal', { delay: 40 });
  await expect(suggestions.article(projector.title)).toBeVisible();
  await expect(suggestions.article(projector.title)).toContainText(projector.number);
  await expect(suggestions.article(projector.title)).toContainText('Audio / video & projectors');
  await expect(suggestions.article(projector.title)).toContainText('Not cited yet');
  await expect(suggestions.status).toContainText(/1 article/);
  await expect(suggestions.region.getByText(/Did you mean .*projector/)).toBeVisible();
  await expect(intakePage.summary).toBeFocused();
  expect(await suggestions.focusedId()).toBe('intake-summary');
  await expect(intakePage.summary).toHaveValue('projecter shows no signal');

  // The caret is put in the middle of the summary; Alt+K goes into the list, Escape comes back to that very place.
  for (let i = 0; i < 10; i += 1) await page.keyboard.press('ArrowLeft');
  const typedLength = 'projecter shows no signal'.length;
  expect(await suggestions.caret()).toEqual([typedLength - 10, typedLength - 10]);
  await page.keyboard.press('Alt+K');
  await expect(suggestions.list).toBeFocused();
  await expect(suggestions.article(projector.title)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(intakePage.summary).toBeFocused();
  expect(await suggestions.caret()).toEqual([typedLength - 10, typedLength - 10]);
  // Escape in the suggestions never reaches the screen's own Escape (discard the call).
  await expect(intakePage.discardDialog).toBeHidden();

  // Enter opens the article in the side panel; Escape closes it and returns to the summary.
  await page.keyboard.press('Alt+K');
  await page.keyboard.press('Enter');
  await expect(suggestions.panel).toBeVisible();
  await expect(suggestions.panel.getByRole('heading', { level: 2 })).toHaveText(`${projector.number} ${projector.title}`);
  await expect(suggestions.panel).toContainText('It often happens after a substitute plugged in another laptop.');
  await expect(suggestions.panel.getByRole('listitem').filter({ hasText: 'choose Duplicate' })).toBeVisible();
  await expect(suggestions.panel.locator('strong', { hasText: 'No signal' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(suggestions.panel).toBeHidden();
  await expect(intakePage.summary).toBeFocused();
  expect(await suggestions.caret()).toEqual([typedLength - 10, typedLength - 10]);
  await expect(intakePage.discardDialog).toBeHidden();

  // Solved with it before the priority is set: the panel says what is missing and stays open.
  await page.keyboard.press('Alt+K');
  await page.keyboard.press('Enter');
  await suggestions.solvedWithThisArticle.click();
  await expect(suggestions.panelProblem).toContainText('Answer the priority wizard or set a priority');
  await expect(suggestions.panel).toBeVisible();
  await expect(intakePage.created).toBeHidden();

  await intakePage.answer(ONE_PERSON_SLOWED);
  await suggestions.solvedWithThisArticle.click();
  const number = await intakePage.createdNumber();
  await expect(intakePage.created).toContainText(`Resolved at first contact with ${projector.number} “${projector.title}”`);

  const filed = await otherClient.value('cases.get', { id: Number(number.slice(3)) }, { actorId: agent.id });
  expect(filed.case).toMatchObject({ callerId: caller.id, summary: 'projecter shows no signal', status: 'resolved' });
  expect(filed.events.find((event) => event.kind === 'kb_cited')?.detail).toMatchObject({ articleId: projector.id, kind: 'solved_with' });
  expect((await otherClient.value('kb.get', { id: projector.id }, { actorId: agent.id })).citations).toBe(1);

  // The case's timeline shows the citation, linked to the article.
  await intakePage.created.getByRole('link', { name: `Open ${number}` }).click();
  const casePage = new CasePage(page);
  await expect(casePage.heading).toHaveText(`${number} · projecter shows no signal`);
  const citation = casePage.timelineEntry('Knowledge-base article cited');
  await expect(citation).toContainText(`Solved at first contact with ${projector.number} “${projector.title}”`);
  await expect(citation.getByRole('link', { name: `Open ${projector.number}` })).toHaveAttribute('href', `#/kb/${projector.id}`);

  // The link leads to the article, which lists the case among those that used it.
  await citation.getByRole('link', { name: `Open ${projector.number}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(projector.title);
  await expect(page.getByRole('region', { name: 'Cases that used it' }).getByRole('listitem')).toHaveText(new RegExp(`${number} · projecter shows no signal`));

  // The next call about it sees the article cited once, and the case just solved among similar ones.
  await page.keyboard.press('Alt+N');
  await expect(intakePage.callerSearch).toBeFocused();
  await intakePage.summary.click();
  await page.keyboard.type('projector no signal');
  await expect(suggestions.article(projector.title)).toContainText('Cited 1 time');
  await expect(intakePage.summary).toBeFocused();
});

test('a similar resolved case opens in the side panel with its resolution notes', async ({ page, deskwatch, otherClient, agent, seed, intakePage }) => {
  await knowledgeBase(otherClient, seed);
  const earlier = await seed.openCase({ callerName: 'Lee Ortiz', summary: 'Smartboard pen does not write', building: 'Battle High School' });
  await otherClient.value(
    'cases.transition',
    { id: earlier.id, version: earlier.version, action: 'resolve', notes: 'Replaced the pen tray sensor cable; recalibrated the board.' },
    { actorId: agent.id },
  );
  const suggestions = new KbSuggestionsPanel(page);
  await rememberAtTheConsole(page, agent);
  await page.goto(deskwatch.url);
  await expect(page.getByRole('banner')).toContainText(agent.name);
  await intakePage.goto(deskwatch.origin);
  await intakePage.summary.click();
  await page.keyboard.type('smartboard pen not writing');
  const similar = suggestions.similarCase(earlier.number);
  await expect(similar).toContainText('Smartboard pen does not write');
  await expect(similar).toContainText('Replaced the pen tray sensor cable');
  await expect(similar).toContainText(/Resolved .+/);
  await expect(intakePage.summary).toBeFocused();

  await page.keyboard.press('Alt+K');
  await page.keyboard.press('End');
  await expect(similar).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(suggestions.panel.getByRole('heading', { level: 2 })).toHaveText(`${earlier.number} Smartboard pen does not write`);
  await expect(suggestions.panel).toContainText('recalibrated the board');
  await expect(suggestions.solvedWithThisArticle).toHaveCount(0);
  await expect(suggestions.panel.getByRole('link', { name: `Open ${earlier.number}` })).toHaveAttribute('href', `#/cases/${earlier.id}`);
  await suggestions.panel.getByRole('button', { name: 'Close' }).click();
  await expect(suggestions.panel).toBeHidden();
  await expect(intakePage.summary).toBeFocused();
});

test('from a case: resolving it as worth an article drafts one from it; a case can cite an article or be resolved with one', async ({
  page,
  deskwatch,
  otherClient,
  seed,
}) => {
  const { projector, account } = await knowledgeBase(otherClient, seed);
  const tech = await otherClient.value('staff.create', { name: 'Sam Okafor', role: 'technician' });
  const casePage = new CasePage(page);
  await rememberAtTheConsole(page, tech);
  await page.goto(deskwatch.url);
  await expect(page.getByRole('banner')).toContainText(tech.name);

  // Worth an article: a draft prefilled from the case, linked to it.
  const toDraft = await seed.openCase({ callerName: 'Jo Park', summary: 'Document camera image is upside down', category: 'Audio / video & projectors' });
  await page.goto(`${deskwatch.origin}/#/cases/${toDraft.id}`);
  await expect(casePage.heading).toHaveText(`${toDraft.number} · Document camera image is upside down`);
  await casePage.action('Resolve').click();
  const resolve = casePage.actionForm('Resolve');
  await resolve.getByLabel('Resolution notes').fill('Pressed Rotate on the camera base twice.');
  await resolve.getByRole('checkbox', { name: 'Worth a knowledge-base article' }).check();
  await resolve.getByRole('button', { name: 'Resolve the case' }).click();
  await expect(casePage.detail('Status')).toHaveText('Resolved');
  const drafted = casePage.timelineEntry('Knowledge-base draft made');
  await expect(drafted).toContainText('“Document camera image is upside down” written from this case');
  const worklists = await otherClient.value('kb.worklists', {}, { actorId: tech.id });
  const draft = worklists.drafts.find((article) => article.sourceCaseId === toDraft.id);
  expect(draft).toMatchObject({ title: 'Document camera image is upside down', state: 'draft' });
  await expect(drafted.getByRole('link', { name: `Open ${draft?.number}` })).toHaveAttribute('href', `#/kb/${draft?.id}`);
  expect((await otherClient.value('kb.get', { id: draft?.id ?? 0 }, { actorId: tech.id })).solution).toContain('Pressed Rotate on the camera base twice.');

  // An open case cites an article that helped; then it is resolved with another, chosen by its words.
  const toCite = await seed.openCase({ callerName: 'Jo Park', summary: 'Projector and account trouble in room 114' });
  await page.goto(`${deskwatch.origin}/#/cases/${toCite.id}`);
  await expect(casePage.heading).toHaveText(`${toCite.number} · Projector and account trouble in room 114`);
  await casePage.changeState.getByRole('button', { name: 'Cite an article' }).click();
  const cite = casePage.changeState.getByRole('form', { name: 'Cite an article' });
  await cite.getByRole('combobox', { name: 'Article' }).fill('locked account');
  await cite.getByRole('option', { name: new RegExp(account.title) }).click();
  await expect(cite.getByRole('group', { name: 'Article' })).toContainText(account.number);
  await cite.getByRole('button', { name: 'Cite the article' }).click();
  await expect(casePage.changeState.getByRole('status')).toHaveText(`Cited ${account.number}.`);
  await expect(casePage.timelineEntry('Knowledge-base article cited')).toContainText(`Cited ${account.number} “${account.title}”`);

  // Worked on, then resolved with another article (from a new case it would count as solved at first contact).
  await casePage.takeAction('Acknowledge', 'Acknowledge', 'Acknowledge the case');
  await expect(casePage.detail('Status')).toHaveText('Acknowledged');
  await casePage.action('Resolve').click();
  const resolveWith = casePage.actionForm('Resolve');
  await resolveWith.getByLabel('Resolution notes').fill('Switched the input to HDMI 1.');
  const picker = resolveWith.getByRole('combobox', { name: 'Solved with article' });
  await picker.fill('projector signal');
  await expect(resolveWith.getByRole('option', { name: new RegExp(projector.title) })).toBeVisible();
  await picker.press('ArrowDown');
  await picker.press('Enter');
  await expect(resolveWith.getByRole('group', { name: 'Solved with article' })).toContainText(projector.number);
  await resolveWith.getByRole('button', { name: 'Resolve the case' }).click();
  await expect(casePage.detail('Status')).toHaveText('Resolved');
  await expect(casePage.timelineEntry('Knowledge-base article cited')).toHaveCount(2);
  await expect(casePage.timelineEntry(`Cited ${projector.number}`)).toContainText(projector.title);
  expect((await otherClient.value('kb.get', { id: projector.id }, { actorId: tech.id })).citations).toBe(1);
  expect((await otherClient.value('kb.get', { id: account.id }, { actorId: tech.id })).citations).toBe(1);
});
