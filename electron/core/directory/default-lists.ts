/**
 * The lists a new database starts with; the district edits them afterwards
 * (supervisors, `directory.saveItem`). Modeled on a mid-sized Missouri district.
 */
export const DEFAULT_BUILDINGS: readonly string[] = [
  'Aslin Administration Building',
  'Battle High School',
  'Benton Elementary',
  'Career Center',
  'Cedar Ridge Elementary',
  'Douglass High School',
  'Gentry Middle School',
  'Grant Elementary',
  'Hickman High School',
  'Jefferson Middle School',
  'Lange Middle School',
  'Lee Elementary',
  'Mill Creek Elementary',
  'Oakland Middle School',
  'Ridgeway Elementary',
  'Rock Bridge High School',
  'Russell Boulevard Elementary',
  'Shepard Boulevard Elementary',
  'Smithton Middle School',
  'Technology Services',
  'Two Mile Prairie Elementary',
];

export const DEFAULT_CATEGORIES: readonly string[] = [
  'Accounts & passwords',
  'Audio / video & projectors',
  'Chromebooks & laptops',
  'Desktops',
  'Email',
  'Network & Wi-Fi',
  'Phones',
  'Printing',
  'Security',
  'Software & apps',
  'Student information system',
  'Other',
];
