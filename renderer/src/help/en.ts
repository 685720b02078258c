// Help (English): one page per area of the window; F1 opens the page for the area on screen.
import type { HelpBook } from './types';

export const en: HelpBook = {
  ui: { title: 'Help', shortcuts: 'Keyboard shortcuts', otherTopics: 'Help for the other areas', manual: 'The full user manual (in Chinese): Help → 用户手册 in the desktop window, or docs/用户手册.md in the project folder.' },
  shortcuts: [
    { keys: 'F1', does: 'Open or close this help' },
    { keys: 'Alt+1 … Alt+9, Alt+0', does: 'Go to area 1–9 in the sidebar; Alt+0 is the tenth, Settings' },
    { keys: 'Ctrl+F', does: 'Jump to the search box on the Candidates page' },
    { keys: 'Ctrl+N', does: 'New (a candidate on Candidates, a session on Sessions)' },
  ],
  topics: {
    home: {
      title: 'Desk',
      summary: 'The sessions in progress and the pass rates at a glance. Click a bar or a table row to see the candidates behind the figure.',
      sections: [
        {
          heading: 'How the pass rate is computed',
          items: [
            'Registered (报名): every candidate in the session.',
            'Absent (缺考): candidates absent from every part; absent from only one part counts as sat and failed.',
            'Sat (实考) = registered − absent.',
            'Pass rate = passed ÷ sat (the default); passed ÷ registered is shown beside it.',
          ],
        },
        { heading: 'Everyday use', items: ['Switch the grouping: by occupation, level, employer, quarter and more.', 'Click any figure to list its candidates and check it before reporting.'] },
      ],
    },
    candidates: {
      title: 'Candidates',
      summary: 'Register and find candidates. A candidate is registered once and can sit many sessions.',
      sections: [
        { heading: 'Finding', items: ['Search by name, pinyin initials (zw finds 张伟), ID number or employer, as you type.', 'Ctrl+F jumps to the search box.'] },
        {
          heading: 'Registering (Ctrl+N)',
          items: [
            'Type the ID number first: a resident ID card number is checked and fills in birth date and gender.',
            'Passports and travel permits carry no check digit: enter birth date and gender by hand.',
            'Photos are cropped to one-inch (25×35 mm); a colour photo on white works best.',
          ],
        },
        { heading: 'Many at once', items: ['Import a registration roster in Sessions: new candidates are registered and enrolled in one step.'] },
      ],
    },
    sessions: {
      title: 'Sessions',
      summary: 'A session is one certification exam: one occupation, one level, one exam date. It moves from draft to open to finalized.',
      sections: [
        {
          heading: 'New session (Ctrl+N)',
          items: ['Pick the occupation by name or code, then the specialty (certificates print 「--」 when there is none) and the level.', 'Choose first attempt or retake; a name is generated if you leave it empty.'],
        },
        {
          heading: 'Enrolment',
          items: [
            'Import roster: drop the Excel file, check the preview, then confirm.',
            'Rejected rows give the row number as Excel shows it, the column and how to fix it; importing again does not duplicate anyone.',
            'Format the ID column as text: an ID number Excel stored as a number has lost its last digits for good.',
            'Add one by one: picking a candidate enrols them and assigns an admission number.',
            'Withdraw someone enrolled by mistake with the row’s withdraw button and a reason; Edit session changes the name, exam date, venue and specialty; an empty session can be deleted. None of this after finalizing.',
          ],
        },
        {
          heading: 'Finalizing',
          items: [
            'Finalize once every result is in; the figures are shown for a last check.',
            'A finalized session is locked; a correction needs an administrator and a reason, and is recorded in the audit trail. Certificates are issued only after finalizing.',
            'When Finalize is greyed out, hover over it for the reason: already finalized, nobody enrolled, the exam date still ahead, or not an administrator.',
            'After finalizing, the session page offers the next steps: issue certificates, and set up a retake (those who did not pass are enrolled, their passed parts kept).',
          ],
        },
        { heading: 'Export', items: ['Export on the session page: the roster, the score sheet, a blank score sheet for the exam room, and this session’s pass-rate workbook and lists.'] },
      ],
    },
    results: {
      title: 'Results',
      summary: 'Key in scores cell by cell as in Excel; every cell is saved when you leave it.',
      sections: [
        {
          heading: 'Keying in',
          items: [
            'Enter saves and moves down; Tab saves and moves right.',
            'Scores are 0–100 with at most one decimal (85.5). 60 itself passes (the pass mark per part is a setting).',
            'Q marks absent (缺考), W marks misconduct (违纪): the sheet shows the word, and the candidate fails.',
            'Delete clears, F2 edits, Esc cancels an edit.',
          ],
        },
        {
          heading: 'Outcome',
          items: [
            'A candidate passes only when every required part reaches its pass mark; levels 2 and 1 add a comprehensive review.',
            'In a retake session, parts passed within a year are kept (marked 保留) and only failed parts are retaken.',
            'The line under the grid shows registered, absent, sat, passed, pending and the pass rate as you type.',
          ],
        },
        { heading: 'Importing a score sheet', items: ['An Excel score sheet can be imported too: rows are matched by ID or admission number, previewed, then confirmed.'] },
      ],
    },
    certificates: {
      title: 'Certificates',
      summary: 'Issue, print and void certificates for those who passed a finalized session.',
      sections: [
        {
          heading: 'Issuing',
          items: [
            'Pick a finalized session and click issue: choose the issue date (today by default; not after today, not before the exam), check how many will be issued and the first and last number, then confirm. Nobody gets a second certificate.',
            'Waiting for a certificate lists who passed a finalized session and has none yet.',
            'Numbers are 22 characters: body type (S/Y), body code, province, site, year, level and serial, built from the settings, never duplicated and never reusing a voided number.',
            'Where the provincial system assigns numbers, import them (name, ID number, certificate number, issue date).',
          ],
        },
        { heading: 'Printing', items: ['Full page: an A4 PDF with photo and QR code.', 'Stock: only the variable fields, for pre-printed certificate paper; adjust offsets in Settings and try on plain paper first.'] },
        { heading: 'Voiding', items: ['Voiding needs a reason; the number is never used again, and the action is recorded. Issue again if needed.'] },
      ],
    },
    reports: {
      title: 'Reports',
      summary: 'Pass rates by session, occupation, specialty, level, employer and month/quarter/year, exported to Excel.',
      sections: [
        {
          heading: 'Definitions',
          items: ['Every table shows registered, absent, sat and passed; pass rate = passed ÷ sat, with passed ÷ registered beside it.', 'Choose first attempts only for the first-time pass rate (一次通过率), both together, or retakes only.'],
        },
        {
          heading: 'Export',
          items: ['Export (top right): the pass-rate workbook, the list of those who passed, the certificate issue list, the report to the authority (Excel or CSV), for the exam dates chosen above.', 'The pass-rate workbook states how each figure is computed, ready for the association or the authority.'],
        },
        {
          heading: 'Provincial platform and export profiles',
          items: [
            'Provincial platform upload: choose a profile, type the batch number the platform gave, Check, then Export upload file; each export is recorded as an upload batch, and the platform\'s return file is reconciled row by row (Import return file).',
            'Profiles… → From template…: pick the blank template the platform hands out; its header row becomes the file\'s columns. Choose a field for any column not recognised, and change the code lists to the platform\'s codes; Restore default puts back the national standard codes.',
            'A profile is not saved while a required column has no field, two columns share a header or a code is empty; each reason is listed. Built-in profiles can only be copied; a profile already used for a batch cannot be renamed or deleted.',
          ],
        },
      ],
    },
    training: {
      title: 'Training classes',
      summary: "A class's lessons, trainees and attendance, with completion computed as you go; after finalizing, print the training certificates.",
      sections: [
        {
          heading: 'Attendance and completion',
          items: [
            'The attendance sheet has a row per trainee and a column per lesson: on a cell press 1 present, 2 absent, 3 late, 4 leave; it saves and goes down to the next trainee. Enter and the arrows only move, Space cycles, Delete clears; a column of marks can be pasted from Excel.',
            'Late counts as present, leave and absent earn no hours; online learning counts its exported minutes, 45 minutes to the hour. Hours, attendance and completion are recomputed with each key; a cell that could not be saved turns red, with the reason on hover.',
            'The completion rule is a minimum attendance and/or a minimum of hours, with an optional final test; reaching it exactly completes.',
          ],
        },
        {
          heading: 'Finalizing and certificates',
          items: ['After "Finalize" nothing changes; completers count for eligibility and can be given a training certificate with a QR code.', '"Export roster and attendance" gives the roster and the attendance sheet in one workbook.'],
        },
        {
          heading: 'Corrections, removals and imports',
          items: [
            'Before finalizing, "Edit" at the top right of a class changes its name, dates, place, teachers, occupation and completion rule; the new dates must hold the lessons already held.',
            '"Delete" is for a class created by mistake: only while it has no attendance and no final test scores, its lessons and enrolments going with it; otherwise it says why.',
            'The × on a lesson tag deletes a lesson added by mistake; a lesson with attendance cannot be deleted.',
            '"Remove" on a row of the trainee list takes a trainee out of the class with their attendance in it (kept in the audit log).',
            '"Import sign-in sheet" and "Import trainee list" preview first and write nothing: refused rows are listed with row, column and reason, another sheet can be picked and columns mapped by hand; confirming writes the rest. A sign-in sheet with no lesson date column goes to the lesson picked at the top of the dialog.',
          ],
        },
      ],
    },
    members: {
      title: 'Member enterprises',
      summary: "The association's member enterprises, merging renamed employers, and the yearly figures.",
      sections: [
        {
          heading: 'The list',
          items: ['Record the name, category, date joined and a contact; the name must match the employer on rosters.', '"Merge employer names": for a company renamed or written two ways; the old name stays as an alias and every earlier figure counts for the current name.'],
        },
        {
          heading: 'Yearly figures',
          items: ['Registered, sat, passed, pass rate, certificates, training hours and prizes, counted by membership on the day, with subtotals by category.', 'Export the yearly workbook, or print a feedback sheet for each member.'],
        },
      ],
    },
    competitions: {
      title: 'Competitions',
      summary: 'Skill competitions: events and their judging, teams, the judges\' marks, the live ranking, prizes, publishing, finalizing and award certificates.',
      sections: [
        {
          heading: 'Keying marks',
          items: [
            'Choose the event above the grid; one row per team, one column per judge (time and penalty for a timed event). Enter moves down, Tab right, arrows any way; a cell is saved when you leave it.',
            'A value that cannot be saved (above the maximum, say) stays in its cell in red with the reason above; correct it and leave the cell. The ranking beside it refreshes after each save.',
          ],
        },
        {
          heading: 'Prizes and finalizing',
          items: [
            '"On equal totals compare": the events that break a tie, the first chosen first; "Prize rule": counts (一等奖:1,…,优秀奖:rest) or shares (一等奖:10%,…).',
            'Once every mark is in, publish with a complaint date; after it, finalize: marks become read-only, and the award certificates, results sheet and award list can be printed and exported.',
          ],
        },
      ],
    },
    settings: {
      title: 'Settings',
      summary: 'The evaluation body, certificate settings, the occupation catalogue (levels, parts and pass marks, specialties, eligibility), operators and backups.',
      sections: [
        {
          heading: 'Occupations',
          items: [
            'Find an occupation by name, code or pinyin initials; open it to change each level\'s pass marks, required parts and weighting, and to add or take out levels and specialties.',
            'A level, specialty or occupation a session uses is never deleted, only retired: its sessions stay as they are and no new one may use it; a retired one can be restored.',
            'Each level\'s eligibility rules list their wording, the conditions checked and their source; an administrator adds or deletes one. Every change is in the audit log.',
          ],
        },
        {
          heading: 'Evaluation body',
          items: ['The name as registered with the authority; it is printed on certificates.', 'Type S (training-evaluation organisation) or Y (employer); 4-digit body code (0000 when registered with a province); 2-digit province code; 6-digit site serial.'],
        },
        { heading: 'Operators', items: ['Once the first administrator exists, CertDesk asks for a login and records who made each change.', 'Clerks key in results; corrections after finalizing need an administrator.'] },
        {
          heading: 'Backups',
          items: [
            'A backup is taken automatically before every import, finalize and restore, and once a day.',
            'Back up after each finalized session and copy the file to a USB stick or a shared drive.',
            'In the desktop window, File → Backup… / Restore… do the same; a restore backs up the current data first.',
          ],
        },
      ],
    },
    welcome: {
      title: 'First run',
      summary: 'Four steps: the evaluation body, the first administrator, where data and backups live, and optional demo data.',
      sections: [
        {
          heading: 'Steps',
          items: [
            'Evaluation body: the registered details used on certificates and in certificate numbers; editable later in Settings.',
            'Administrator: once created, CertDesk asks for a login; you may skip this for now.',
            'Data and backups: everything lives in one data file on this computer, never uploaded. File → Open data folder shows it.',
            'Demo data: a few sessions, some dozens of candidates and results, clearly marked and removable in one click.',
          ],
        },
      ],
    },
  },
};
