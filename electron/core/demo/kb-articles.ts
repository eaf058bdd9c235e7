/**
 * The demo district's knowledge base: how Technology Services answers the calls a K-12 district
 * gets, written for the phone agent who reads it aloud and the technician who goes to the room.
 * Most problems of the demo's resolved cases (`DEMO_TEXTS`) have an article here, named in its
 * `solves`, so a newcomer's first start shows cases and the article that closed them together.
 */

export interface DemoArticle {
  /** Stable slug, unique, e.g. 'projector-orange-light'. */
  key: string;
  /** Exactly one of DEFAULT_CATEGORIES. */
  category: string;
  title: string;
  /** Markdown: the problem and its symptoms as callers describe them (2–5 sentences or a short list). */
  problem: string;
  /** Markdown: numbered solution steps a phone agent or technician follows (3–8 steps), may include `code`, **bold**, and a "When to escalate" line. */
  solution: string;
  /** Systems or devices it applies to, e.g. ['PowerSchool'], ['Epson ceiling projector']. */
  systems: string[];
  /** 'public' when an employee could follow it alone (self-help), else 'staff'. */
  audience: 'staff' | 'public';
  /** The exact `summary` strings of DEMO_TEXTS problems (same category) this article solves; may be empty. */
  solves: string[];
}

/** Numbers the steps so the source stays readable and every solution has the same shape. */
const steps = (list: readonly string[], escalate?: string): string =>
  list.map((step, i) => `${i + 1}. ${step}`).join('\n') + (escalate ? `\n\n**When to escalate:** ${escalate}` : '');

export const DEMO_ARTICLES: readonly DemoArticle[] = [
  // Accounts & passwords
  {
    key: 'account-locked-out',
    category: 'Accounts & passwords',
    title: 'District account locked after too many password attempts',
    problem:
      'The caller typed their password several times and now sees "Your account has been locked." It often happens after a break or right after a password change, because a phone, tablet or home laptop still holds the old password and keeps trying it. Teachers usually call minutes before attendance is due.',
    solution: steps(
      [
        'Verify the caller: full name, building and employee ID. Never unlock an account on a name alone.',
        'In **Active Directory Users and Computers**, open the account, check **Unlock account** on the Account tab and note the lockout time in the case.',
        'If the caller no longer knows the password, set a temporary one, check **User must change password at next logon** and read it to them once.',
        'Ask which devices have district email or the staff Wi-Fi saved (phone mail app, iPad, home laptop). Have them update or remove the saved password on each one, or the account locks again.',
        'Stay on the line while they sign in and choose a new password; confirm they reach the desktop or PowerSchool.',
      ],
      'the account locks again within 15 minutes after every device was updated, or the failed attempts come from an address outside the district: send the case to Security as possible password guessing.',
    ),
    systems: ['Active Directory', 'Microsoft 365'],
    audience: 'staff',
    solves: ['Locked out of district account'],
  },
  {
    key: 'password-expired-reset',
    category: 'Accounts & passwords',
    title: 'Expired password and the reset page rejects the new one',
    problem:
      'The password expired (staff passwords expire every 180 days, often over a weekend or break) and the reset page will not accept the new one. It keeps saying the password "does not meet the requirements" without saying which one.',
    solution: steps(
      [
        'Have the caller open **Password Reset** from the staff portal sign-in page and confirm with the code sent to their phone.',
        'Read the rules: at least **14 characters**, none of the last 10 passwords, and not their first name, last name or username.',
        'Explain that the page also refuses common words such as the school mascot, "Password", or a season and year. A passphrase of four unrelated words passes and is easy to remember.',
        'After the change, sign in again on every device within 15 minutes (phone mail app, saved Wi-Fi on a phone or tablet), or the old password will lock the account.',
        'If the caller never set up self-service reset, verify their identity (name, building, employee ID) and set a temporary password in Active Directory with **User must change password at next logon**.',
      ],
      'the reset page shows an error for every caller, not a rule message: the Systems team checks the password service.',
    ),
    systems: ['Password self-service portal', 'Active Directory'],
    audience: 'public',
    solves: ['Password reset needed'],
  },
  {
    key: 'mfa-code-not-arriving',
    category: 'Accounts & passwords',
    title: 'Sign-in verification code never arrives',
    problem:
      'Sign-in asks for the code sent to the caller\'s phone, but the text never comes. Usually the caller changed phone numbers or got a new phone, and the Microsoft Authenticator app did not move with it.',
    solution: steps(
      [
        'Verify the caller with employee ID and call them back at the building office number in the directory, not at a number they give you. Changing a sign-in method is a common target of impostors.',
        'In the **Microsoft Entra admin center**, open the user, then **Authentication methods**, and compare the phone number on file with the caller\'s current number.',
        'Delete the old number and add the new one, or choose **Require re-register multifactor authentication** if they replaced their phone.',
        'Have the caller sign in again and pick **Text me a code**; confirm the code arrives before you hang up.',
        'If they use Authenticator on a new phone, walk them through **My Sign-Ins → Security info → Add sign-in method** to set up the app again.',
      ],
      'you cannot verify the caller, or they mention approval prompts they did not start: send the case to Security at once, as a possible stolen password.',
    ),
    systems: ['Microsoft Entra ID', 'Microsoft Authenticator'],
    audience: 'staff',
    solves: ['MFA code not arriving'],
  },
  {
    key: 'staff-account-new-or-substitute',
    category: 'Accounts & passwords',
    title: 'New employee or substitute has no working district login',
    problem:
      'A new hire (paraprofessional, coach, custodian) starts soon and needs a login and email, or a long-term substitute was given a login by the office but sees "Your account has been disabled." Accounts come from the HR system overnight, and substitute accounts turn off on the last day of the assignment HR has on file.',
    solution: steps(
      [
        'Ask for the employee\'s full name, building, position and start date, or for a substitute the assignment\'s end date. No account is made without an HR record.',
        'Search Active Directory. If the account exists but is disabled, the **Description** field shows the end date the HR sync set.',
        'For a substitute whose assignment was extended, ask the building secretary to send the new end date to HR. Once HR confirms it in writing, enable the account and set **Account expires** to the new date.',
        'For a new hire with an HR record but no account after the overnight sync, create the account from the **New Staff** template for the position; it sets the groups, mailbox license and home building.',
        'Set a temporary password with **User must change password at next logon** and give it only to the building secretary or principal, never to a personal email address.',
        'Tell the caller that email and Google access can take up to an hour to appear.',
      ],
      'HR has no record of the person, or the position needs PowerSchool access: send the case to the SIS team with the principal\'s approval.',
    ),
    systems: ['Active Directory', 'HR system sync'],
    audience: 'staff',
    solves: ['New staff account needed', 'Substitute cannot sign in'],
  },
  {
    key: 'student-clever-classroom-sign-in',
    category: 'Accounts & passwords',
    title: 'Students cannot sign in to Clever or Google Classroom',
    problem:
      'Young students get "Badge not recognized" when they hold their Clever badge to the camera, or Google Classroom asks them to choose an account or says they are not in the class. Sometimes it is one student; sometimes a whole class right after a schedule change.',
    solution: steps(
      [
        'Ask whether it is one student or the whole class, and which sign-in fails: the Clever badge, the Clever portal or Google Classroom.',
        'One student in Classroom: check the account picture at the top right. If it is a personal Gmail account, sign out and sign in with the student\'s district account.',
        'Clever badge: hold it 6 to 12 inches from the camera in good light. If it is still not recognized, the teacher prints a new badge from the Clever Teacher Portal; the old badge stops working.',
        'A student added to the class today appears in Clever and Classroom after tonight\'s roster sync from PowerSchool. Until then the teacher can share the Classroom class code.',
        'If a whole class or building fails at once, check whether other buildings report the same; that is an outage, not an account problem.',
      ],
      'the student is still missing from the class two school days after the change (SIS team checks the section enrollment), or sign-in fails across a building (Systems team).',
    ),
    systems: ['Clever', 'Google Classroom', 'Google Workspace for Education'],
    audience: 'public',
    solves: [],
  },

  // Audio / video & projectors
  {
    key: 'projector-orange-light',
    category: 'Audio / video & projectors',
    title: 'Ceiling projector shows an orange light and will not power on',
    problem:
      'The classroom\'s ceiling projector does not respond to the remote or the power button, and a light on it is orange or blinking. Sometimes it comes on for a minute and shuts itself off. The teacher usually has a lesson with slides coming up.',
    solution: steps(
      [
        'Ask the caller to read the lights: a steady orange **Lamp** light means the lamp has failed or reached its hours; a blinking orange **Temp** light means it overheated.',
        'Overheating: switch the projector off at the wall switch or outlet for 10 minutes, then try again, and note in the case that the filter needs cleaning.',
        'Lamp light: send a technician with a replacement lamp for the model printed on the projector\'s label or in its asset record.',
        'Technician: replace the lamp, clean or replace the air filter, and reset the lamp timer in the menu (**Reset → Reset Lamp Hours** on most Epson models).',
        'Test the picture with the teacher\'s laptop and record the lamp change in the asset notes.',
      ],
      'no light at all with power confirmed at the outlet, or the new lamp fails within weeks: request a replacement projector.',
    ),
    systems: ['Epson ceiling projector'],
    audience: 'staff',
    solves: ['Projector will not turn on'],
  },
  {
    key: 'projector-image-yellow',
    category: 'Audio / video & projectors',
    title: 'Projector picture is yellow or washed out',
    problem:
      'Everything on the projector looks yellow, faded or tinted, and students in the back cannot read the board. White backgrounds look cream or yellow; the picture may also be dimmer than it used to be.',
    solution: steps(
      [
        'Ask whether white looks yellow (a color is missing) or the whole picture is dim and faded (an aging lamp).',
        'Yellow tint: a VGA cable with a loose or bent pin drops the blue. Have the caller reseat the cable at the laptop and the wall plate and tighten its screws, or switch to the HDMI cable if the room has one.',
        'Reset the picture: projector menu → **Image → Color Mode → Presentation**, then **Reset** the image settings.',
        'Dim and faded: read the lamp hours in the **Info** menu; past about 80% of the rated life, schedule a lamp replacement.',
        'Technician: test with a known-good cable; replace the wall plate cable or the lamp.',
      ],
      'the tint stays with a new cable and lamp: the projector\'s color panel has failed, so request a replacement projector.',
    ),
    systems: ['Epson ceiling projector', 'VGA and HDMI wall plate'],
    audience: 'staff',
    solves: ['Projector image is yellow'],
  },
  {
    key: 'hdmi-wall-plate-no-signal',
    category: 'Audio / video & projectors',
    title: 'Classroom display says No Signal or the speakers stay silent',
    problem:
      'The laptop is plugged in at the wall plate or the teacher desk, but the projector or display says "No Signal". Or the picture works and videos play on the laptop, but nothing comes out of the wall speakers even with the amplifier turned up.',
    solution: steps(
      [
        'Press **Source** or **Input** on the projector remote until it shows the input named on the wall plate (usually **HDMI 1**).',
        'Windows: press `Win + P` and choose **Duplicate**. Chromebook: press `Ctrl` + the **Show windows** key to mirror the screen.',
        'Unplug and firmly reseat the HDMI cable at the laptop and at the wall plate, including any USB-C to HDMI adapter.',
        'No sound: click the speaker icon on the taskbar and pick the output named for the projector, display or HDMI audio, not the laptop speakers; check the amplifier\'s input selector too.',
        'Still nothing: try a spare HDMI cable straight into the projector or display. If that works, the wall plate or the cable in the wall has failed.',
      ],
      'the wall plate or in-wall cable is bad: a technician reseats or replaces the plate, or orders a new cable run.',
    ),
    systems: ['HDMI wall plate', 'Classroom amplifier and speakers', 'Epson ceiling projector'],
    audience: 'public',
    solves: ['No sound from classroom speakers'],
  },
  {
    key: 'document-camera-not-detected',
    category: 'Audio / video & projectors',
    title: 'Document camera lights up but the laptop does not see it',
    problem:
      'The document camera has power and its light is on, but the laptop does not list it, or the camera software shows a black window. It worked the last time the teacher used it.',
    solution: steps(
      [
        'Plug the camera\'s USB cable straight into the laptop, not a dock or hub, and try another USB port.',
        'Close Teams, Zoom or any other program that may be holding the camera, then open the document camera software and choose the camera in its source list.',
        'Open **Device Manager → Cameras**. If the camera shows a warning or sits under **Other devices**, uninstall it, unplug it and plug it back in.',
        'Reinstall the document camera software from **Software Center** and restart the laptop.',
      ],
      'another laptop does not see the camera either: the camera or its cable has failed, so swap it from spare stock.',
    ),
    systems: ['Document camera', 'Windows teacher laptop'],
    audience: 'staff',
    solves: ['Document camera not detected'],
  },
  {
    key: 'interactive-display-no-touch',
    category: 'Audio / video & projectors',
    title: 'Interactive display shows the picture but ignores touch',
    problem:
      'The interactive flat panel shows the laptop\'s screen, but tapping it does nothing and the pens do not write. It often starts after someone used a different input, moved the laptop or unplugged cables at the teacher desk.',
    solution: steps(
      [
        'Explain that touch travels over its own USB cable, separate from HDMI. Check the **Touch** USB cable from the panel or wall plate is plugged into the laptop.',
        'Match the ports: touch cable **Touch 1** goes with **HDMI 1**. Touch only works for the input on screen.',
        'Go to the panel\'s home screen. If touch works there but not on the laptop input, the problem is the cable or port; if nothing responds anywhere, switch the panel off at the rocker switch on the back for 30 seconds.',
        'On the laptop, unplug and replug the touch cable; Windows should chime and list a **HID-compliant touch screen** in Device Manager.',
        'Technician: test with a known-good USB cable. Runs longer than 15 feet need the powered USB extender; check its power light.',
      ],
      'touch does not work even on the panel\'s own home screen after a power cycle: the touch frame has failed, so open a warranty claim with the panel\'s vendor.',
    ),
    systems: ['Promethean ActivPanel', 'Interactive flat panel'],
    audience: 'staff',
    solves: ['Interactive display will not respond to touch'],
  },
  {
    key: 'smartboard-pen-calibration',
    category: 'Audio / video & projectors',
    title: 'Interactive whiteboard pen writes away from where it touches',
    problem:
      'On a projector-based SMART Board, the ink shows up an inch or more away from the pen tip, and taps open the wrong button. It usually starts after the projector was bumped, the board was moved or the laptop\'s resolution changed.',
    solution: steps(
      [
        'Check that the projected image fills the board and sits straight; if the projector was bumped, fix the image first.',
        'Press and hold the **Keyboard** and **Right-click** buttons on the pen tray together until the orientation screen appears (or open **SMART Settings → Orient**).',
        'Press the pen tip firmly in the center of each red target, in order, until the screen closes by itself.',
        'Write across all four corners to check; repeat the orientation if one corner is still off.',
        'If a pen is not recognized at all, put each pen back in its own slot and wipe dust off the pen tray sensors.',
      ],
      'the targets do not register or the board\'s ready light is not green: a technician checks the board\'s USB cable and controller.',
    ),
    systems: ['SMART Board', 'SMART Notebook'],
    audience: 'public',
    solves: [],
  },

  // Chromebooks & laptops
  {
    key: 'chromebook-damage-loaner',
    category: 'Chromebooks & laptops',
    title: 'Damaged student Chromebook: swap a loaner and send it to repair',
    problem:
      'A student dropped a Chromebook and the screen is cracked, or keys have come off and the space bar is loose, or a hinge broke. The student needs a working device for class today. The asset tag is on the bottom.',
    solution: steps(
      [
        'Record the asset tag and the student\'s name and ID; check in the asset inventory that the device is assigned to that student.',
        'Note briefly how it happened. Damage fees follow the building\'s device policy and are handled by the office, not by the desk.',
        'The building\'s library or tech assistant checks out a loaner from the building pool and assigns it to the student in the inventory. The student signs in with their own account; their files are in Google Drive.',
        'Bag the damaged Chromebook with a repair tag (asset tag, damage, case number) and put it in the building\'s outgoing repair bin for the courier.',
        'Keep loose keycaps in the bag; do not press them back on, which breaks the clips.',
      ],
      'the building has no loaners left: request one from the Technology Services warehouse.',
    ),
    systems: ['Student Chromebook', 'Asset inventory'],
    audience: 'staff',
    solves: ['Student Chromebook screen cracked', 'Keyboard keys missing on Chromebook'],
  },
  {
    key: 'chromebook-not-charging',
    category: 'Chromebooks & laptops',
    title: 'Student Chromebook shows no charging light',
    problem:
      'A Chromebook shows no light when it is plugged in and will not turn on. The teacher already tried two chargers from the cart. Often it sat unused over a break and the battery drained completely.',
    solution: steps(
      [
        'Plug a known-good charger into a wall outlet (not the cart) and leave it for 30 minutes; a fully drained battery may show no light at first.',
        'If the model has two USB-C ports, try the other one.',
        'Hard reset: hold **Refresh** and **Power** together for 10 seconds, release, then press **Power**.',
        'Look into the charging port for bent pins or lint; do not clean it with anything metal.',
        'Still no light: treat it as a repair and swap the student a loaner (see the damaged Chromebook article).',
      ],
      'the charger works on another Chromebook but this one never lights: send it to repair.',
    ),
    systems: ['Student Chromebook'],
    audience: 'public',
    solves: ['Chromebook will not charge'],
  },
  {
    key: 'chromebook-cart-not-charging',
    category: 'Chromebooks & laptops',
    title: 'Chromebook cart leaves devices dead overnight',
    problem:
      'The cart was plugged in overnight but many Chromebooks were dead in the morning. Usually the dead ones are on the same shelf or the same side of the cart.',
    solution: steps(
      [
        'Ask which slots are dead. A whole shelf or side points to that shelf\'s power strip; scattered slots point to individual chargers.',
        'Check the cart\'s main power switch and press the reset button or breaker on each power strip.',
        'If the cart has a charging timer, check that it is not switched off or set to a short cycle.',
        'Make sure the cart is plugged into a wall outlet, not an extension cord or an outlet controlled by a light switch.',
        'Technician: test each strip, replace the failed one and check the next morning that every unit charged.',
      ],
      'a strip is warm, smells burned or has a scorched plug: have the teacher unplug the cart and call facilities before anyone uses it.',
    ),
    systems: ['Chromebook charging cart'],
    audience: 'staff',
    solves: ['Chromebook cart not charging'],
  },
  {
    key: 'laptop-restart-loop',
    category: 'Chromebooks & laptops',
    title: 'Teacher laptop restarts at the logo over and over',
    problem:
      'The teacher\'s laptop reaches the Dell logo and restarts again and again, or shows "Preparing Automatic Repair" in a loop. Holding the power button did not help. It often follows an update that was interrupted.',
    solution: steps(
      [
        'Unplug the dock, USB drives and other devices, hold **Power** for 15 seconds, then start with only the charger attached.',
        'If Windows shows **Automatic Repair → Advanced options**, try **Startup Repair**; if an update was pending, choose **Uninstall Updates → Uninstall latest quality update**.',
        'If it asks for a BitLocker recovery key, verify the teacher and read the key matching the **Key ID** on screen from their device record in Entra ID.',
        'Run the built-in diagnostics: press `F12` at the logo, choose **Diagnostics** and note any error code in the case.',
        'Still looping: issue a loaner laptop and have a technician reimage this one. OneDrive files come back on sign-in; check that the Desktop and Documents folders were syncing.',
      ],
      'diagnostics report a drive or memory failure: open a warranty repair.',
    ),
    systems: ['Dell Latitude teacher laptop', 'Windows 11', 'BitLocker'],
    audience: 'staff',
    solves: ['Teacher laptop will not boot'],
  },

  // Desktops
  {
    key: 'desktop-slow-login',
    category: 'Desktops',
    title: 'Shared office computer takes many minutes to reach the desktop',
    problem:
      'Signing in takes ten minutes or more on one computer, usually first thing in the morning, while the computer next to it is fine. Shared computers in front offices and libraries are the usual ones.',
    solution: steps(
      [
        'Ask whether it is slow only at the first sign-in of the day or every time, and for every person who signs in.',
        'Connect remotely and open **Settings → Windows Update**. Install pending updates and schedule the restart after hours.',
        'Remove old profiles: **System Properties → Advanced → User Profiles → Settings**, and delete profiles of people who left or have not signed in for 90 days.',
        'Check free space on drive C: (below 10% slows everything) and run **Disk Cleanup**.',
        'Restart and time the next sign-in; it should take under a minute.',
      ],
      'sign-in is still slow with updates done and profiles cleared: a technician checks the drive\'s health and replaces it if needed.',
    ),
    systems: ['Windows 11 desktop', 'Dell OptiPlex'],
    audience: 'staff',
    solves: ['Front office computer very slow to log in'],
  },
  {
    key: 'desktop-no-boot-fan-loud',
    category: 'Desktops',
    title: 'Desktop has a black screen and a loud fan at power-on',
    problem:
      'A computer in a lab or office powers on, the fan runs loud at full speed, and the screen stays black. The power button light may blink amber.',
    solution: steps(
      [
        'Rule out the monitor: it is on, set to the right input, and works on the next computer.',
        'Ask the caller to count the amber and white blinks of the power light and write the pattern in the case; on Dell OptiPlex it is a diagnostic code.',
        'Power off, unplug the power cord for 30 seconds, hold the power button 15 seconds, then reconnect only power, monitor and keyboard.',
        'Technician: run the power supply self-test (button and light on the back of the supply), and replace the supply or reseat memory as the blink code says.',
        'Tag the station "Out of order" so students use another one until it is fixed.',
      ],
      'the blink code points to the system board: open a warranty repair.',
    ),
    systems: ['Dell OptiPlex', 'Computer lab desktop'],
    audience: 'staff',
    solves: ['Computer lab desktop will not start'],
  },
  {
    key: 'second-monitor-no-signal',
    category: 'Desktops',
    title: 'Second monitor says No Signal',
    problem:
      'One of two monitors at a desk stays black or shows "No signal" while the other works. The cables look plugged in.',
    solution: steps(
      [
        'Check both ends of the video cable, and that the monitor\'s **Input** button is set to the cable in use (DisplayPort or HDMI).',
        'Press `Win + P` and choose **Extend**.',
        'Open **Settings → System → Display**, click **Detect**, and drag the screens to match how they sit on the desk.',
        'Swap cables with the working monitor to see whether the cable or the port is at fault.',
        'If the computer has a separate graphics card, both monitors must plug into the card, not the ports near the USB jacks.',
      ],
      'a cable or port is bad: a technician replaces the cable and sets the display layout.',
    ),
    systems: ['Windows 11 desktop', 'Dual monitors'],
    audience: 'public',
    solves: ['Second monitor not detected'],
  },
  {
    key: 'wireless-keyboard-mouse',
    category: 'Desktops',
    title: 'Wireless keyboard and mouse stopped working',
    problem:
      'The wireless keyboard and mouse do nothing, and new batteries did not help. Often at a checkout or front counter where the computer sits under a metal desk.',
    solution: steps(
      [
        'Check the small USB receiver is plugged in. Move it to a front USB port or onto a USB extension cable so it is not behind the metal desk.',
        'Check the on/off switches underneath the keyboard and the mouse.',
        'Pair again: open **Logitech Options+** (from Software Center) and choose **Add device**, then press the connect button on each device.',
        'Plug in a spare wired USB keyboard to confirm the computer itself responds.',
      ],
      'the set still does not work with a new receiver: a technician replaces it from stock.',
    ),
    systems: ['Wireless keyboard and mouse', 'Windows 11 desktop'],
    audience: 'staff',
    solves: ['Mouse and keyboard not responding'],
  },

  // Email
  {
    key: 'outlook-outbox-stuck',
    category: 'Email',
    title: 'Outlook messages stay in the Outbox',
    problem:
      'Messages sit in the Outbox and never go out, while new mail keeps arriving. The caller may have tried sending again several times.',
    solution: steps(
      [
        'Look at the Outlook status bar. If it says **Working Offline**, go to the **Send / Receive** tab and turn off **Work Offline**.',
        'Look for a large attachment in the Outbox; drag that message to Drafts and share the file as a OneDrive link instead.',
        'Have the caller send a test from Outlook on the web. If that works, the problem is the Outlook program on this computer.',
        'Close and reopen Outlook. If it still fails, rebuild the profile: **Control Panel → Mail → Show Profiles → Add**, set the new profile as the default and start Outlook.',
        'If Outlook on the web cannot send either, check the Microsoft 365 Defender portal\'s **Restricted entities** for a sending block.',
      ],
      'the account is restricted from sending: that means it sent spam, so hand the case to Security before lifting the block.',
    ),
    systems: ['Outlook', 'Microsoft 365'],
    audience: 'staff',
    solves: ['Cannot send email from Outlook'],
  },
  {
    key: 'shared-mailbox-missing',
    category: 'Email',
    title: 'Shared mailbox disappeared from Outlook',
    problem:
      'A shared mailbox the caller uses every day (attendance, front office, counseling) is gone from the folder list in Outlook. They need it to answer parents.',
    solution: steps(
      [
        'Confirm the mailbox\'s name and that the caller still works in the role that uses it.',
        'Have them try Outlook on the web: profile picture → **Open another mailbox**. If it opens, the permission is there and only Outlook needs a restart.',
        'In the **Exchange admin center → Recipients → Mailboxes**, open the shared mailbox, then **Delegation**, and check the caller has **Read and manage (Full Access)**. Re-add it if missing, with the owner\'s approval noted in the case.',
        'Have the caller close and reopen Outlook; a re-added mailbox can take up to an hour to appear.',
      ],
      'the shared mailbox itself is missing from the admin center: the email team restores it.',
    ),
    systems: ['Outlook', 'Exchange Online'],
    audience: 'staff',
    solves: ['Shared mailbox missing'],
  },
  {
    key: 'parent-mail-in-junk',
    category: 'Email',
    title: 'Messages from parents land in the Junk folder',
    problem:
      'Replies from parents keep landing in Junk Email and the teacher misses them. Most come from personal addresses such as Gmail or Yahoo.',
    solution: steps(
      [
        'In Outlook, right-click a parent\'s message in **Junk Email** and choose **Junk → Not Junk**; leave **Always trust email from** checked.',
        'Add each parent address to **Safe Senders**. Do not add whole public domains such as gmail.com; that would let spam through too.',
        'Check **Settings → Mail → Rules** for a rule that moves messages to Junk.',
        'Agent: run a **message trace** in the Exchange admin center for a missing parent message to see whether district filtering held it in quarantine, and release it.',
      ],
      'a district service (the notification system, the IEP scheduling system) goes to Junk for many staff: the email team adds it to the tenant allow list.',
    ),
    systems: ['Outlook', 'Exchange Online Protection'],
    audience: 'staff',
    solves: ['Parent emails going to junk'],
  },
  {
    key: 'meeting-invite-missing',
    category: 'Email',
    title: 'Meeting invitation never showed up in the calendar',
    problem:
      'The caller was told they were invited to a meeting (an IEP meeting, a team meeting) but it is not in their calendar or their inbox.',
    solution: steps(
      [
        'Ask who organized the meeting and its title; search the mailbox, including **Junk Email** and **Deleted Items**.',
        'Check **File → Account Settings → Delegate Access**: if a delegate is set with "My delegates only", invitations go to the delegate instead of the caller.',
        'Agent: run a **message trace** in the Exchange admin center from the organizer to the caller for the last 7 days to see whether it was delivered, quarantined or never sent.',
        'If it was never sent to the caller, ask the organizer to add them again, checking the spelling of the address.',
        'Invitations from the IEP scheduling system come from a no-reply address: add it to **Safe Senders**.',
      ],
      'the trace shows delivery but the item is nowhere in the mailbox: the email team looks at the mailbox\'s rules and calendar settings.',
    ),
    systems: ['Outlook', 'Exchange Online'],
    audience: 'staff',
    solves: ['Calendar invites not arriving'],
  },

  // Network & Wi-Fi
  {
    key: 'classroom-wifi-down',
    category: 'Network & Wi-Fi',
    title: 'No Wi-Fi in one classroom while the hallway works',
    problem:
      'None of the Chromebooks or laptops in one room can join the Wi-Fi, or they join and get no internet. Devices work in the hallway and the next room.',
    solution: steps(
      [
        'Confirm the scope: every device in the room, only this room, and when it started.',
        'Find the room\'s access point in the wireless dashboard by building and room, and check whether it is offline or online with no clients.',
        'Online but no clients: reboot it from the dashboard. Offline: check the switch port that powers it in the building\'s network closet.',
        'Ask the teacher whether the access point\'s light is off or amber, and that no one unplugged it.',
        'After the reboot, have one student forget the student network on a Chromebook and reconnect; confirm web pages load.',
      ],
      'the access point stays offline after its port is reset: a technician replaces it.',
    ),
    systems: ['Classroom access point', 'Wireless dashboard'],
    audience: 'staff',
    solves: ['No Wi-Fi in classroom'],
  },
  {
    key: 'wifi-keeps-dropping',
    category: 'Network & Wi-Fi',
    title: 'Laptop loses the district Wi-Fi every few minutes',
    problem:
      'A teacher\'s laptop keeps losing the staff Wi-Fi during class and has to reconnect, sometimes in the middle of a presentation. Other devices in the room may be fine.',
    solution: steps(
      [
        'Ask whether it is one laptop or everyone nearby. One laptop points to the laptop; everyone points to the access point (see the classroom Wi-Fi article).',
        'Windows: **Settings → Network & internet → Wi-Fi → Manage known networks**; forget the guest and student networks so the laptop does not hop between them.',
        'In **Device Manager → Network adapters**, open the wireless adapter, **Power Management** tab, and uncheck **Allow the computer to turn off this device to save power**.',
        'Update the wireless driver with **Dell Command | Update** from Software Center and restart.',
        'Agent: look up the laptop in the wireless dashboard for weak signal or constant roaming between access points.',
      ],
      'the dashboard shows weak signal across the room: request a wireless survey of the room.',
    ),
    systems: ['Staff Wi-Fi', 'Windows teacher laptop'],
    audience: 'staff',
    solves: ['Wi-Fi drops every few minutes'],
  },
  {
    key: 'wall-jack-dead',
    category: 'Network & Wi-Fi',
    title: 'Network wall jack gives no link light',
    problem:
      'The network jack by the desk does not work: the light on the laptop\'s network port never comes on and the computer says there is no network cable.',
    solution: steps(
      [
        'Try another cable, another jack in the room, and another device in the same jack; write down the jack\'s label (for example `214-B`).',
        'Test the laptop\'s USB-C network adapter on a jack that works.',
        'Look up the jack label in the building\'s patch records; many jacks are not connected to a switch until someone asks.',
        'Technician: in the network closet, patch the jack to a free switch port on the right network and confirm the link light.',
        'Patched and still dead: test the cable run with a cable tester and re-terminate the jack.',
      ],
      'the cable run fails the test: order a new run.',
    ),
    systems: ['Network wall jack', 'Building network closet'],
    audience: 'staff',
    solves: ['Wired port not working'],
  },
  {
    key: 'media-center-slow-internet',
    category: 'Network & Wi-Fi',
    title: 'Slow internet where many devices gather, such as the media center',
    problem:
      'Pages take a long time to load in the media center, a commons or a testing room when a full class is online. Other rooms are fine and it is worst during testing periods.',
    solution: steps(
      [
        'Compare a speed test on a wired computer in the room with one on Wi-Fi. Wired fine, Wi-Fi slow: the access points are crowded.',
        'In the wireless dashboard, check clients per access point and channel use; more than about 40 clients or a busy channel means congestion.',
        'Move the access point to a less crowded channel, enable band steering to 5 GHz, and use narrower channels in dense rooms.',
        'If wired is slow too, check the building\'s internet link usage and tell the network team.',
        'Before testing days, the building test coordinator books the room with the network team so a temporary access point can be added.',
      ],
      'the building\'s internet link is full during the school day: the network team reviews capacity.',
    ),
    systems: ['Wireless dashboard', 'Access points'],
    audience: 'staff',
    solves: ['Internet slow in the media center'],
  },
  {
    key: 'wifi-certificate-prompt',
    category: 'Network & Wi-Fi',
    title: 'Wi-Fi asks to trust a certificate when connecting',
    problem:
      'When joining the staff Wi-Fi on a personal phone, tablet or Mac, the device shows a certificate and asks to **Trust** it, or says it "cannot verify server identity". Android asks for a "CA certificate". Callers worry it is a trap.',
    solution: steps(
      [
        'Explain that the prompt is expected the first time on a personal device: the certificate proves the network belongs to the district. Check the name on it matches the one on the staff portal\'s Wi-Fi page.',
        'iPhone, iPad or Mac: tap **Details**, check the name, then **Trust**.',
        'Android: **CA certificate → Use system certificates**, **Domain** → the domain on the Wi-Fi page, **Identity** → district username.',
        'Windows: choose **Connect** when it asks to continue connecting.',
        'If the name does not match, or the prompt comes from a network with a slightly different name, do not connect; report it as a possible fake network.',
      ],
      'a district-owned laptop shows the prompt (it should not, its profile is pushed): a technician reapplies the Wi-Fi profile on a wired connection with `gpupdate /force`.',
    ),
    systems: ['Staff Wi-Fi', 'Personal phones and tablets'],
    audience: 'public',
    solves: [],
  },

  // Phones
  {
    key: 'desk-phone-no-dial-tone',
    category: 'Phones',
    title: 'Classroom phone is dead with no dial tone',
    problem:
      'The classroom or office phone has a blank screen and no dial tone. It cannot call the office, which matters in an emergency.',
    solution: steps(
      [
        'Check that the cable from the wall goes into the phone\'s **LAN** or **Network** port, not the **PC** port; the phone gets its power through that cable.',
        'Check the handset cord is in the handset jack, not the headset jack, and is not frayed.',
        'Unplug the network cable for 10 seconds and plug it back in; the phone should start within two minutes.',
        'Try the phone in a jack that works. If it works there, the wall jack is at fault (see the wall jack article).',
        'Technician: replace the handset cord or swap the phone from stock.',
      ],
      'a whole hallway of phones is dead: the switch powering them has failed; send it to the network team as urgent.',
    ),
    systems: ['VoIP desk phone'],
    audience: 'staff',
    solves: ['Desk phone has no dial tone'],
  },
  {
    key: 'voicemail-pin-reset',
    category: 'Phones',
    title: 'Forgotten voicemail PIN',
    problem:
      'The caller forgot their voicemail PIN and cannot hear their messages; the message light has been on for a day or more. Sometimes the mailbox locked after several wrong tries.',
    solution: steps(
      [
        'Verify the caller and that the extension is theirs in the directory.',
        'In the phone system admin portal, find the voicemail box by extension, unlock it if locked, and choose **Reset PIN**; set a temporary PIN that must be changed at next login.',
        'Read the temporary PIN once; the caller presses **Messages**, enters it and chooses a new PIN of 6 digits that is not their extension or a repeated digit.',
        'Stay on the line until they hear their first message; the message light goes off once all new messages are heard.',
      ],
      'the mailbox does not exist for that extension: the phone team builds it.',
    ),
    systems: ['VoIP desk phone', 'Voicemail'],
    audience: 'staff',
    solves: ['Voicemail PIN reset'],
  },
  {
    key: 'phone-wrong-extension',
    category: 'Phones',
    title: 'Desk phone still shows the old room and extension after a move',
    problem:
      'After a room move the phone still shows the old room name and extension, and calls for the new room ring somewhere else.',
    solution: steps(
      [
        'Get the old and new room numbers and the extension the caller should have from the building directory.',
        'In the phone system admin portal, find the phone by the MAC address on its bottom label and update the line\'s extension and display name.',
        'Update the emergency (E911) location to the new room, so a 911 call from this phone sends responders to the right place.',
        'Restart the phone by unplugging its network cable for 10 seconds so it loads the new settings.',
        'Call the phone to confirm the new name and extension show.',
      ],
      'the new extension belongs to another active phone: the phone team sorts out the numbering with the building.',
    ),
    systems: ['VoIP desk phone', 'Phone system admin portal'],
    audience: 'staff',
    solves: ['Phone shows the wrong extension'],
  },
  {
    key: 'outside-calls-fast-busy',
    category: 'Phones',
    title: 'Calls to outside numbers get a fast busy signal',
    problem:
      'Calls inside the district work, but calls to parents or any outside number fail with a fast busy signal.',
    solution: steps(
      [
        'Check the dialing: outside calls need `9` first, then the 10-digit number.',
        'If dialing is right, open the phone\'s line in the phone system admin portal and check its calling permission. Classroom lines set to "internal only" cannot dial out; the principal approves outside dialing.',
        'If several phones in the building fail, test from the main office. If all fail, the building\'s outside lines are down.',
        'After a change, have the caller make a test call to their own cell phone.',
      ],
      'a whole building cannot call out: send it to the phone team as urgent, since 911 calls may fail too.',
    ),
    systems: ['VoIP desk phone', 'Phone system admin portal'],
    audience: 'staff',
    solves: ['Cannot dial outside the district'],
  },

  // Printing
  {
    key: 'add-workroom-copier',
    category: 'Printing',
    title: 'Laptop cannot print to the workroom copier',
    problem:
      'Jobs sent from the caller\'s laptop never come out of the workroom copier, while other teachers print fine. Often the laptop is new or was just reimaged.',
    solution: steps(
      [
        'Ask for the copier\'s name from the sticker on its front panel.',
        'Remove the old entry: **Settings → Bluetooth & devices → Printers & scanners**, choose the copier, **Remove**.',
        'Open **Software Center → Printers** and install the building\'s workroom copier; this adds it with the current driver.',
        'Print a test page, then release it at the copier with the staff badge; jobs wait in the release queue for 24 hours.',
        'If the job shows as sent but is not in the release queue at the copier, check the laptop is on the staff network, not the guest network.',
      ],
      'the copier is missing from Software Center: the print team adds it to the building\'s list.',
    ),
    systems: ['Workroom copier', 'PaperCut print release', 'Windows teacher laptop'],
    audience: 'public',
    solves: ["Can't print to the workroom copier"],
  },
  {
    key: 'printer-jams',
    category: 'Printing',
    title: 'Classroom printer jams on every page',
    problem:
      'The printer jams on every job, even with fresh paper from the office. Pages come out crumpled or stop halfway.',
    solution: steps(
      [
        'Open every door and tray, and pull out jammed paper in the direction it travels; look for torn scraps left inside.',
        'Fan the paper, load below the tray\'s fill line and slide the guides snug. Paper stored in a damp room curls; use a fresh ream.',
        'Check the tray\'s paper type setting matches the paper (plain, not cardstock).',
        'Wipe the rubber pickup rollers with a damp lint-free cloth.',
        'Technician: if it keeps jamming at the same spot, replace the worn pickup roller and separation pad.',
      ],
      'it still jams after new rollers: the printer needs vendor service or replacement.',
    ),
    systems: ['Classroom laser printer'],
    audience: 'staff',
    solves: ['Printer jams on every job'],
  },
  {
    key: 'toner-streaks',
    category: 'Printing',
    title: 'Gray line or streaks on everything the printer prints',
    problem:
      'Everything printed has a gray line, streak or smudges in the same place on every page, often down one side.',
    solution: steps(
      [
        'Print the printer\'s configuration page from its menu. If the line shows there too, the printer is at fault, not the document.',
        'Take out the toner cartridge, rock it gently side to side and reinstall it.',
        'Check the supplies status page for the toner and drum (imaging unit) levels.',
        'A line in the same spot on every page usually means a scratched drum: replace the drum and the toner if either is near its end.',
        'Print a test page to confirm.',
      ],
      'the line stays with a new toner and drum: the fuser or transfer roller needs vendor service.',
    ),
    systems: ['Office laser printer'],
    audience: 'staff',
    solves: ['Toner streaks on every page'],
  },
  {
    key: 'print-queue-stuck',
    category: 'Printing',
    title: 'Print jobs will not cancel and block the queue',
    problem:
      'Jobs are stuck in the print queue, cancel does nothing, and new jobs pile up behind them. Large jobs such as report cards are the usual ones.',
    solution: steps(
      [
        'Open **Settings → Printers & scanners → (printer) → Open print queue**, right-click the first job and choose **Cancel**; the first job blocks all the others.',
        'Check the printer itself: an out-of-paper or error message on its panel stops the queue.',
        'If the job stays on "Deleting", connect remotely and run `net stop spooler`, delete the files in `C:\\Windows\\System32\\spool\\PRINTERS`, then `net start spooler`.',
        'Jobs waiting on the print server are cancelled by the agent from the print release console.',
        'Print large PDFs in smaller batches, for example 50 pages at a time.',
      ],
      'the queue on the print server is stuck for everyone: the print team restarts the print service.',
    ),
    systems: ['Windows print spooler', 'PaperCut print release'],
    audience: 'staff',
    solves: ['Print jobs stuck in queue'],
  },

  // Security
  {
    key: 'report-phishing-email',
    category: 'Security',
    title: 'Reporting a suspicious email',
    problem:
      'The caller got an unexpected message: an invoice from a stranger with a zip attachment, a shared document they did not expect, or the "principal" asking for gift cards. They did not open it and want to know what to do.',
    solution: steps(
      [
        'Do not open attachments or links and do not reply.',
        'In Outlook, select the message and choose **Report → Report phishing**. This sends it to Security and removes it from the inbox.',
        'Agent: record the sender address, subject and time in the case.',
        'Security searches every mailbox for the same message and removes it.',
      ],
      'the caller opened the attachment or typed a password after clicking a link: follow "Someone entered their password on a fake sign-in page" at once.',
    ),
    systems: ['Outlook', 'Microsoft Defender for Office 365'],
    audience: 'public',
    solves: ['Suspicious email with an attachment'],
  },
  {
    key: 'clicked-phishing-link',
    category: 'Security',
    title: 'Someone entered their password on a fake sign-in page',
    problem:
      'The caller clicked a link in an email, a sign-in page appeared and they typed their district password, or they opened an attachment and something ran. Sometimes colleagues report odd emails sent from the caller\'s account.',
    solution: steps(
      [
        'Treat it as a security concern (priority 1). If a file was opened, have the caller turn off the device\'s Wi-Fi or unplug its network cable.',
        'Reset the password at once, then in **Microsoft Entra ID** open the user and choose **Revoke sessions** so a stolen session stops working.',
        'Check the user\'s **Authentication methods** and remove any the caller did not add.',
        'Check the mailbox for new inbox rules that forward or delete mail, and the Sent Items for messages the caller did not send.',
        'Hand the case to Security with the time of the click, the link or attachment, and the device\'s asset tag.',
      ],
      'always: Security decides whether the device is reimaged and whether others must be warned.',
    ),
    systems: ['Microsoft Entra ID', 'Exchange Online'],
    audience: 'staff',
    solves: [],
  },
  {
    key: 'badge-reader-offline',
    category: 'Security',
    title: 'Entrance badge reader shows red and refuses badges',
    problem:
      'The badge reader at an entrance shows a red light and will not let staff in with their badges. Staff are waiting outside or walking around to the main door.',
    solution: steps(
      [
        'Safety first: ask the office to send staff to the main entrance. The door must not be propped open.',
        'In the access control software, check whether the door\'s controller is online.',
        'Controller offline: a technician power cycles it in the building\'s panel, disconnecting its backup battery too, then reconnects both.',
        'Only one person\'s badge fails: check the badge is active and in the right access group and schedule (for example after-hours access).',
        'Test the door with two different staff badges.',
      ],
      'the door will not lock: tell the principal and call the access control vendor\'s emergency service.',
    ),
    systems: ['Door access control', 'Badge reader'],
    audience: 'staff',
    solves: ['Door badge reader offline'],
  },
  {
    key: 'camera-feed-down',
    category: 'Security',
    title: 'One security camera shows black on the monitor',
    problem:
      'One camera\'s picture is black or says "offline" on the office monitor, for example the camera covering the bus loop or a main entrance.',
    solution: steps(
      [
        'In the video management software, check whether the camera is offline or online but black (covered lens, night vision failed).',
        'Offline: check the switch port or the power injector that feeds the camera, and whether its light is on.',
        'Power cycle the port or injector; the camera needs about two minutes to come back.',
        'Technician: replace the injector, or the camera if it still does not come up.',
        'Tell the principal about the gap in coverage and record when it started and ended.',
      ],
      'several cameras are down at once: the recorder or a switch has failed; send it to the network team as urgent.',
    ),
    systems: ['Security cameras', 'Video management software'],
    audience: 'staff',
    solves: ['Security camera feed down'],
  },

  // Software & apps
  {
    key: 'software-install-request',
    category: 'Software & apps',
    title: 'Request to install an approved program',
    problem:
      'A teacher asks for a program on a classroom laptop or lab, usually one the curriculum office approved, such as a new reading program.',
    solution: steps(
      [
        'Check **Software Center** first: many approved programs can be installed by the teacher from **Applications → Install**.',
        'Not listed: confirm the curriculum office\'s approval and that the program is on the district\'s approved apps list (student data privacy agreement in place).',
        'Record the program, version, and the devices by asset tag or room in the case; a technician deploys it to those devices.',
        'Web-based programs for students on Chromebooks are added to the allowed apps in the Google Admin console instead.',
        'Confirm with the teacher after the deployment that it opens.',
      ],
      'the program has no privacy agreement: send the request to the curriculum office before anything is installed.',
    ),
    systems: ['Software Center', 'Google Admin console'],
    audience: 'staff',
    solves: ['App install request'],
  },
  {
    key: 'software-license-expired',
    category: 'Software & apps',
    title: 'Program says its license has expired',
    problem:
      'A program opens to a "license expired" or "subscription ended" message and will not continue, often in an art room or lab right after the school year rolled over.',
    solution: steps(
      [
        'Record the program, the room, the devices\' asset tags and the exact message.',
        'In the vendor\'s admin console, check whether licenses are assigned to the people or the devices, and whether this room\'s assignment lapsed.',
        'Reassign the licenses to the room\'s devices or users.',
        'Have the user sign out of the program and sign in again to pick up the license.',
      ],
      'the district\'s subscription itself ended: send the case to the purchasing contact for renewal.',
    ),
    systems: ['Adobe Creative Cloud', 'Vendor license console'],
    audience: 'staff',
    solves: ['Software license expired'],
  },
  {
    key: 'testing-app-kiosk-error',
    category: 'Software & apps',
    title: 'State testing app shows an error on Chromebooks',
    problem:
      'The state testing app will not start or shows an error on some Chromebooks in a room, while others work. It usually comes up the morning of a test session.',
    solution: steps(
      [
        'Check that students start the app from the **Apps** menu on the Chromebook\'s sign-in screen, without signing in first.',
        'Check **Settings → About ChromeOS** and update; the testing app requires a minimum ChromeOS version.',
        'Technician: in the Google Admin console, confirm the kiosk app is assigned to the device\'s organizational unit and at the current version, then restart the Chromebook.',
        'Compare with a working Chromebook in the same room; if the failing ones were just swapped in, move them to the testing unit in the Admin console.',
        'Record the error code for the building test coordinator.',
      ],
      'many devices in a test session fail at once: testing windows are fixed, so treat it as urgent for the Systems team.',
    ),
    systems: ['State testing kiosk app', 'Student Chromebook', 'Google Admin console'],
    audience: 'staff',
    solves: ['Testing app will not launch'],
  },
  {
    key: 'zoom-meet-audio',
    category: 'Software & apps',
    title: 'No audio or echo in Zoom or Google Meet',
    problem:
      'Others in the video meeting cannot hear the caller, the caller cannot hear them, or everyone hears an echo. Often in a classroom or conference room with more than one device joined.',
    solution: steps(
      [
        'Check the microphone is not muted in the meeting or on the headset\'s own mute switch.',
        'Google Meet: **More options → Settings → Audio** and pick the right microphone and speaker. Zoom: click the arrow next to **Mute** and pick them there.',
        'In the browser, click the lock icon in the address bar and set **Microphone** to **Allow**.',
        'Echo: only one device in the room should have sound on; the others mute and turn their speakers down, or use a headset.',
      ],
      'the microphone shows no input in any app: a technician checks the headset or laptop microphone.',
    ),
    systems: ['Zoom', 'Google Meet'],
    audience: 'public',
    solves: [],
  },

  // Student information system
  {
    key: 'attendance-will-not-save',
    category: 'Student information system',
    title: 'PowerSchool attendance spins and will not submit',
    problem:
      'When the teacher submits attendance in PowerSchool, it spins and then says it could not save. It is close to the end of the attendance window.',
    solution: steps(
      [
        'Ask for the period and the exact message; ask the teacher not to keep resubmitting.',
        'Have the teacher sign out of PowerSchool, close every PowerSchool tab, then sign in again in a private window and submit.',
        'If it still fails, the attendance session is probably held open by another tab or device: the SIS team clears the stuck session.',
        'Meanwhile the teacher phones or emails the attendance to the front office so it is recorded on time.',
      ],
      'several teachers report it at once: PowerSchool itself is failing; send it to the SIS team as urgent.',
    ),
    systems: ['PowerSchool'],
    audience: 'staff',
    solves: ['Attendance will not save'],
  },
  {
    key: 'report-cards-not-generating',
    category: 'Student information system',
    title: 'Report card run ends in an error with no PDFs',
    problem:
      'The report card run for a grade level or homeroom ends in an error and no PDFs are created, usually the week report cards go home.',
    solution: steps(
      [
        'Record the grade level, the report card template, the term and the exact error.',
        'Check that final grades were stored for the term; a student without a stored grade, or a section without a teacher, stops the run.',
        'Run the **Missing final grades** report for the term and ask teachers to enter what is missing.',
        'Rerun for one homeroom to find whether one student\'s record causes the failure.',
      ],
      'the run fails with complete grades: the SIS team checks the report template, with the deadline noted in the case.',
    ),
    systems: ['PowerSchool'],
    audience: 'staff',
    solves: ['Report cards not generating'],
  },
  {
    key: 'roster-missing-student',
    category: 'Student information system',
    title: 'Student added to a class is not on the teacher\'s roster',
    problem:
      'A student was moved into the teacher\'s class days ago but still does not appear on their roster in PowerSchool, so the teacher cannot take attendance or enter grades for them.',
    solution: steps(
      [
        'Get the student\'s name and ID, the course, the period and the date of the change.',
        'In PowerSchool open the student, then **Modify Schedule**, and check the section number and the entry date; a wrong section or a future entry date keeps them off the roster.',
        'Confirm the change with the counselor or registrar before the SIS team corrects the enrollment.',
        'Have the teacher sign out and back in; Clever and Google Classroom pick it up after the nightly sync.',
      ],
      'the enrollment is correct and the student is still missing: the SIS team checks the section.',
    ),
    systems: ['PowerSchool', 'PowerTeacher Pro'],
    audience: 'staff',
    solves: ['Schedule change not showing'],
  },
  {
    key: 'gradebook-weights-changed',
    category: 'Student information system',
    title: 'Gradebook category weights changed and totals are off',
    problem:
      'The teacher\'s category weights changed on their own and final grades in the gradebook no longer match the teacher\'s own spreadsheet.',
    solution: steps(
      [
        'Ask for the class and term. In **PowerTeacher Pro → Settings → Traditional Grade Calculations**, look at the weights for that term.',
        'Check whether the weights are set at the district or course level; a change there replaces the teacher\'s weights.',
        'If not locked, the teacher re-enters the weights and saves; totals recalculate.',
        'Compare one student\'s total with the spreadsheet, and look for assignments marked **Exempt** or placed in another category.',
      ],
      'the weights are locked at the course level: the SIS team restores them from the term setup.',
    ),
    systems: ['PowerSchool', 'PowerTeacher Pro'],
    audience: 'staff',
    solves: ['Gradebook totals look wrong'],
  },
  {
    key: 'powerschool-sign-in',
    category: 'Student information system',
    title: 'Teacher cannot sign in to PowerSchool',
    problem:
      'PowerSchool says "Invalid username or password", or the sign-in goes in a circle back to the sign-in page. New teachers sometimes reach PowerSchool but see no classes.',
    solution: steps(
      [
        'Staff sign in with the **Sign in with district account** button, not the username and password boxes.',
        'If the district account works for email but PowerSchool refuses, check the staff record in PowerSchool: status **Current** and teacher access at that school.',
        'Sign-in loop: clear the browser\'s cookies for the PowerSchool site or use a private window.',
        'If the district account itself is locked, follow "District account locked after too many password attempts".',
      ],
      'a new teacher has no staff record or no sections: the SIS team sets them up with the principal\'s approval.',
    ),
    systems: ['PowerSchool', 'PowerTeacher Pro'],
    audience: 'staff',
    solves: [],
  },

  // Other
  {
    key: 'schedule-technician-work',
    category: 'Other',
    title: 'Scheduling a room move, an event setup or a new equipment install',
    problem:
      'Planned work rather than a fault: a staff member moving rooms needs their computer, printer and phone moved; a board meeting or event needs laptops and a projector; new computers have arrived and need setting up.',
    solution: steps(
      [
        'Record what, where (building and rooms), when, and who meets the technician on site. Events need the setup finished an hour before they start.',
        'Set the case to priority 5 (planned work) with the date it must be done.',
        'Room moves: list each device with its asset tag, and include patching the network jacks and moving the phone extension in the new room.',
        'New computers: confirm they are in the inventory with asset tags and schedule the install outside student hours.',
        'Events: test every piece of equipment in the room the day before.',
        'Close the case once the requester confirms everything works.',
      ],
      'the date cannot be met with the technicians on hand: the supervisor reschedules with the requester.',
    ),
    systems: ['Asset inventory'],
    audience: 'staff',
    solves: ['Move equipment to a new room', 'Set up laptops for a board meeting', 'Install new machines in the media center'],
  },
];
