import { describe, expect, it } from 'vitest';
import { checkIntakePhone, intakeLinkInArgv, parseIntakeLink, phoneFromRouteQuery } from '../../shared/intake-link';

describe('deskwatch://intake?phone=… addresses', () => {
  it('takes the phone number, keeping its +', () => {
    expect(parseIntakeLink('deskwatch://intake?phone=+15735550123')).toEqual({ ok: true, phone: '+15735550123' });
    expect(parseIntakeLink('DESKWATCH://Intake/?phone=%2B1%20573%20555%200123')).toEqual({ ok: true, phone: '+1 573 555 0123' });
    expect(parseIntakeLink('deskwatch://intake?phone=(573)%20555-0123')).toEqual({ ok: true, phone: '(573) 555-0123' });
    expect(parseIntakeLink('deskwatch://intake?phone=573.555.0123')).toEqual({ ok: true, phone: '573.555.0123' });
  });

  it('refuses everything else, saying why', () => {
    const refused = (url: string) => {
      const parsed = parseIntakeLink(url);
      expect(parsed.ok, url).toBe(false);
      return parsed.ok ? '' : parsed.reason;
    };
    expect(refused('https://intake?phone=5735550123')).toMatch(/not a deskwatch:\/\/intake/);
    expect(refused('deskwatch://queue?phone=5735550123')).toMatch(/not a deskwatch:\/\/intake/);
    expect(refused('deskwatch://user@intake?phone=5735550123')).toMatch(/not a deskwatch:\/\/intake/);
    expect(refused('deskwatch://intake:80?phone=5735550123')).toMatch(/not a deskwatch:\/\/intake/);
    expect(refused('deskwatch://intake/cases?phone=5735550123')).toMatch(/not a deskwatch:\/\/intake/);
    expect(refused('deskwatch://intake?phone=5735550123#/staff')).toMatch(/not a deskwatch:\/\/intake/);
    expect(refused('deskwatch://intake')).toMatch(/exactly one parameter/);
    expect(refused('deskwatch://intake?phone=1&phone=2')).toMatch(/exactly one parameter/);
    expect(refused('deskwatch://intake?name=Pat')).toMatch(/only parameter/);
    expect(refused('deskwatch://intake?phone=1=2')).toMatch(/only parameter/);
    expect(refused('deskwatch://intake?phone=')).toMatch(/empty/);
    expect(refused('deskwatch://intake?phone=%ZZ')).toMatch(/encoded/);
    expect(refused('deskwatch://intake?phone=573<script>')).toMatch(/only digits/);
    expect(refused('deskwatch://intake?phone=1+2')).toMatch(/may only start/);
    expect(refused('deskwatch://intake?phone=12')).toMatch(/3 to 15 digits/);
    expect(refused(`deskwatch://intake?phone=${'1'.repeat(16)}`)).toMatch(/3 to 15 digits/);
    expect(refused(`deskwatch://intake?phone=${'1 '.repeat(20)}`)).toMatch(/longer than 32/);
    expect(refused(`deskwatch://intake?phone=1${'%20'.repeat(70)}`)).toMatch(/longer than 200/);
  });

  it('finds the link among command-line arguments', () => {
    expect(intakeLinkInArgv(['C:\\Deskwatch\\Deskwatch.exe', '--allow-file-access', 'deskwatch://intake?phone=5735550123'])).toBe('deskwatch://intake?phone=5735550123');
    expect(intakeLinkInArgv(['/usr/bin/deskwatch', '--no-sandbox'])).toBeNull();
  });

  it('checks a number typed or routed the same way', () => {
    expect(checkIntakePhone('  +1  573 555 0123 ')).toEqual({ ok: true, phone: '+1 573 555 0123' });
    expect(checkIntakePhone('five')).toMatchObject({ ok: false });
    // A router decodes "+" in a query as a space: the leading space before digits was the +.
    expect(phoneFromRouteQuery(' 15735550123')).toBe('+15735550123');
    expect(phoneFromRouteQuery('(573) 555-0123')).toBe('(573) 555-0123');
  });
});
