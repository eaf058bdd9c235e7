/**
 * What the demo district's cases say: per category, problems as a school's staff report them
 * (summary and a description in their words) and how a technician closed them. Written for a
 * K-12 district's help desk: projectors, Chromebooks, Wi-Fi, printers, accounts, the student
 * information system, phones. No placeholder text.
 */
export interface DemoProblem {
  summary: string;
  description: string;
}

export interface DemoCategoryTexts {
  problems: readonly DemoProblem[];
  resolutions: readonly string[];
}

const p = (summary: string, description: string): DemoProblem => ({ summary, description });

export const DEMO_TEXTS: Readonly<Record<string, DemoCategoryTexts>> = {
  'Accounts & passwords': {
    problems: [
      p('Locked out of district account', 'Tried my password a few times after the break and now it says the account is locked. I need it for attendance before first hour.'),
      p('Password reset needed', 'My password expired over the weekend and the reset page does not accept my new one. It keeps saying it does not meet the requirements.'),
      p('MFA code not arriving', 'The sign-in asks for the code on my phone but the text never comes. I changed phone numbers this summer.'),
      p('New staff account needed', 'New paraprofessional starts Monday in room 112. She needs a district login and email. HR paperwork is done.'),
      p('Substitute cannot sign in', 'Our long-term sub was given a login by the office but it says the account is disabled.'),
    ],
    resolutions: ['Unlocked the account and walked the caller through a password change.', 'Updated the phone number for sign-in codes; caller confirmed a code arrived.', 'Account created and credentials handed to the building secretary.'],
  },
  'Audio / video & projectors': {
    problems: [
      p('Projector will not turn on', 'The ceiling projector in my classroom shows an orange light and will not turn on. I have a lesson with slides this afternoon.'),
      p('No sound from classroom speakers', 'Videos play on the laptop but nothing comes out of the wall speakers. The volume knob on the amp is turned up.'),
      p('Document camera not detected', 'The document camera lights up but the laptop does not see it. It worked on Friday.'),
      p('Projector image is yellow', 'Everything on the projector looks yellow and washed out. Students in the back cannot read the board.'),
      p('Interactive display will not respond to touch', 'The display in the library shows the screen but touching it does nothing. The pens do not work either.'),
    ],
    resolutions: ['Replaced the projector lamp and reset the lamp timer.', 'Reseated the HDMI cable at the wall plate; sound and picture both work.', 'Reinstalled the document camera driver on the teacher laptop.'],
  },
  'Chromebooks & laptops': {
    problems: [
      p('Student Chromebook screen cracked', 'A student dropped their Chromebook in the hallway and the screen is cracked across the middle. Asset tag is on the bottom.'),
      p('Chromebook will not charge', 'Student Chromebook shows no light when plugged in. We tried two different chargers from the cart.'),
      p('Teacher laptop will not boot', 'My laptop gets to the logo and then restarts over and over. I have tried holding the power button.'),
      p('Chromebook cart not charging', 'Half of the Chromebooks in the fourth grade cart were dead this morning even though the cart was plugged in overnight.'),
      p('Keyboard keys missing on Chromebook', 'Several keys came off a student Chromebook keyboard. The student can still type but the space bar is loose.'),
    ],
    resolutions: ['Swapped the student a loaner Chromebook; the damaged one went to repair.', 'Replaced the cart power strip; all units charged overnight.', 'Reimaged the laptop and restored the teacher profile.'],
  },
  Desktops: {
    problems: [
      p('Front office computer very slow to log in', 'It takes about ten minutes to get to the desktop in the morning. The other office computer is fine.'),
      p('Computer lab desktop will not start', 'Station 14 in the computer lab has a black screen and the fan runs loud.'),
      p('Second monitor not detected', 'The second monitor at the attendance desk says no signal. Both cables look plugged in.'),
      p('Mouse and keyboard not responding', 'The wireless keyboard and mouse at the library checkout desk stopped working. New batteries did not help.'),
    ],
    resolutions: ['Cleared the old profiles and applied pending updates; logins take under a minute.', 'Replaced the failed power supply.', 'Replaced the video cable and set the display layout.'],
  },
  Email: {
    problems: [
      p('Cannot send email from Outlook', 'Messages sit in my outbox and never send. Receiving works fine.'),
      p('Shared mailbox missing', 'The attendance shared mailbox disappeared from my Outlook this morning. I need it to answer parent messages.'),
      p('Parent emails going to junk', 'Replies from parents keep landing in my junk folder and I miss them.'),
      p('Calendar invites not arriving', 'I was told I was invited to the IEP meeting but the invite is not in my calendar or inbox.'),
    ],
    resolutions: ['Re-added the shared mailbox permission; it shows again after restarting Outlook.', 'Rebuilt the Outlook profile; mail sends normally.', 'Added the sender domains to the safe senders list.'],
  },
  'Network & Wi-Fi': {
    problems: [
      p('No Wi-Fi in classroom', 'None of the student Chromebooks can connect to Wi-Fi in my room. The hallway works.'),
      p('Wi-Fi drops every few minutes', 'My laptop keeps losing the district Wi-Fi during class and I have to reconnect.'),
      p('Wired port not working', 'The network jack by my desk does not work. The light on the laptop port never comes on.'),
      p('Internet slow in the media center', 'Pages take a long time to load in the media center during testing periods.'),
    ],
    resolutions: ['Rebooted the classroom access point; it had stopped broadcasting.', 'Patched the wall jack at the closet switch.', 'Moved the media center access point to a less crowded channel.'],
  },
  Phones: {
    problems: [
      p('Desk phone has no dial tone', 'The classroom phone is dead, no dial tone and the screen is blank.'),
      p('Voicemail PIN reset', 'I forgot my voicemail PIN and the message light has been on since yesterday.'),
      p('Phone shows the wrong extension', 'After the room move my phone still shows the old room name and extension.'),
      p('Cannot dial outside the district', 'Calls inside the building work but calls to parents fail with a fast busy signal.'),
    ],
    resolutions: ['Reset the voicemail PIN and confirmed the caller could log in.', 'Updated the extension and display name in the phone system.', 'Replaced the phone cord; dial tone restored.'],
  },
  Printing: {
    problems: [
      p("Can't print to the workroom copier", 'Jobs from my laptop never come out of the workroom copier. Other teachers can print.'),
      p('Printer jams on every job', 'The classroom printer jams on every page, even with new paper from the office.'),
      p('Toner streaks on every page', 'Everything printed from the front office printer has a gray line down the left side.'),
      p('Print jobs stuck in queue', 'My report cards are stuck in the print queue and I cannot cancel them.'),
    ],
    resolutions: ['Re-added the copier with the current driver; test page printed.', 'Cleared the jam and replaced the worn pickup roller.', 'Replaced the toner cartridge and drum.'],
  },
  Security: {
    problems: [
      p('Suspicious email with an attachment', 'I received an invoice email from someone I do not know with a zip attachment. I did not open it.'),
      p('Door badge reader offline', 'The badge reader at the east entrance shows a red light and will not let staff in.'),
      p('Security camera feed down', 'The camera covering the bus loop is black on the office monitor.'),
    ],
    resolutions: ['Reported and removed the message from all mailboxes; no one opened the attachment.', 'Power cycled the badge reader controller; staff badges work again.', 'Replaced the camera power injector.'],
  },
  'Software & apps': {
    problems: [
      p('App install request', 'Requesting the new reading program for my classroom laptop. The curriculum office approved it.'),
      p('Software license expired', 'The design program in the art room says the license expired and will not open.'),
      p('Testing app will not launch', 'The state testing app shows an error on three Chromebooks in my room.'),
    ],
    resolutions: ['Installed the approved program through software deployment.', 'Renewed the license assignment for the art room devices.', 'Updated the testing app and cleared the kiosk cache.'],
  },
  'Student information system': {
    problems: [
      p('Attendance will not save', 'When I submit attendance in the student information system it spins and says it could not save.'),
      p('Report cards not generating', 'The report card run for my grade level shows an error and no PDFs are created.'),
      p('Schedule change not showing', 'A student was moved to my third hour last week but still does not show on my roster.'),
      p('Gradebook totals look wrong', 'My category weights changed on their own and the gradebook totals do not match my spreadsheet.'),
    ],
    resolutions: ['Cleared the stuck attendance session; teacher submitted successfully.', 'Corrected the section enrollment; the student shows on the roster.', 'Restored the category weights from the term setup.'],
  },
  Other: {
    problems: [
      p('Move equipment to a new room', 'Our reading specialist is moving from room 204 to 118 next week. She needs her computer, printer and phone moved.'),
      p('Set up laptops for a board meeting', 'The board meeting on Thursday needs two laptops and the projector set up in the boardroom.'),
      p('Install new machines in the media center', 'Twelve new desktops arrived for the media center and need to be set up before the next quarter.'),
    ],
    resolutions: ['Moved and reconnected the equipment; all tested in the new room.', 'Set up and tested the boardroom equipment before the meeting.'],
  },
};

/** Resolution notes and problems for a category the district added (not one of the defaults). */
export const GENERAL_TEXTS: DemoCategoryTexts = DEMO_TEXTS.Other as DemoCategoryTexts;

/** Notes a technician leaves on a case being worked. */
export const WORK_NOTES: readonly string[] = [
  'Called the teacher; will stop by during their plan period.',
  'Checked remotely; needs a visit to the room.',
  'Part ordered from the vendor; expected later this week.',
  'Left a voicemail asking when the room is free.',
  'Tested after the change; waiting for the teacher to confirm.',
];
