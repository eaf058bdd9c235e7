import { expect, test } from './support/district-server';

test('a person signs in with email and password, sees who is signed in, and signs out for good', async ({
  page,
  district,
  signInPage,
  districtHeader,
  queuePage,
}) => {
  const dana = await district.staff('Dana Whitaker', 'supervisor');

  // The server's own address, as people bookmark it: no access link, the sign-in screen.
  await page.goto(district.origin);
  await expect(signInPage.heading).toBeVisible();
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  await expect(page).toHaveURL(/#\/sign-in$/);
  await expect(signInPage.email).toBeFocused();
  await expect(districtHeader.signOut).toHaveCount(0);
  // The desk's hours are for people signed in: not asked for (nor refused) on the sign-in screen.
  await expect(districtHeader.deskHours).toHaveCount(0);

  // A wrong password is refused in words; the password field is emptied and marked.
  await signInPage.signInWith(dana.email, 'not the right one');
  await expect(signInPage.error).toContainText('Signing in did not work.');
  await expect(signInPage.error).toContainText('That email and password do not match an account that may sign in here.');
  await expect(signInPage.password).toHaveValue('');
  await expect(signInPage.password).toHaveAttribute('aria-invalid', 'true');
  await expect(signInPage.email).toHaveValue(dana.email);
  await expect(queuePage.heading).toHaveCount(0);

  await signInPage.password.fill(dana.password);
  await signInPage.signIn.click();
  await expect(queuePage.heading).toBeVisible();
  await expect(page).toHaveURL(/#\/queue$/);
  await expect(districtHeader.signedInAs('Dana Whitaker', 'Supervisor')).toBeVisible();
  await expect(queuePage.liveUpdatesOn).toBeVisible();
  await expect(districtHeader.deskHours).toContainText(/Phones (open|closed)/);

  // A reload keeps the session (the cookie), without asking again.
  await page.reload();
  await expect(queuePage.heading).toBeVisible();
  await expect(districtHeader.signedInAs('Dana Whitaker', 'Supervisor')).toBeVisible();

  await districtHeader.signOut.click();
  await expect(signInPage.heading).toBeVisible();
  await expect(districtHeader.signOut).toHaveCount(0);
  // Signing out on purpose is not "your session ended".
  await expect(signInPage.notice).toHaveCount(0);

  // The queue is out of reach now, by reload and by its address.
  await page.reload();
  await expect(signInPage.heading).toBeVisible();
  await page.goto(`${district.origin}/#/queue`);
  await expect(signInPage.heading).toBeVisible();
  await expect(queuePage.heading).toHaveCount(0);
  // And not only on screen: the server refuses the old session's calls.
  const session = await page.evaluate(async () => {
    const answer = await fetch('/api/session');
    return (await answer.json()) as { value: { staff: unknown } };
  });
  expect(session.value.staff).toBeNull();
});
