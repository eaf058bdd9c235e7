/**
 * How to reach the Help Desk before anyone is signed in (signed in, `support.start` answers the
 * desk's own words). The agreement: "calling the Help Desk at extension 25888 or 573-214-3333",
 * "Help Desk Phone Support: M-F 7:00 a.m. to 5:00 p.m.", and priority 1 "Must Be Called to the
 * Help Desk".
 */
export const DESK_CONTACT = {
  phone: 'extension 25888 or 573-214-3333',
  /** For a tel: link on a phone. */
  dialable: '+15732143333',
  hours: 'Monday to Friday, 7:00 AM to 5:00 PM',
} as const;
