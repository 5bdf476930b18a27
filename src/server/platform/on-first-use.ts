import { createRequire } from 'node:module';

/*
 * Packages most processes never need, loaded by their first use instead of at start. Every thread
 * that loads a package pays its memory (a job thread loads the server's modules again): a server that
 * reads no workbook, sends no mail through SMTP and checks no new password carries neither exceljs
 * (~20 MB once loaded), nodemailer nor the list of common passwords, and one on SQLite no pg. The
 * budget they count against is issue #19's (a million-row import within 300 MB, bench/import-rss.ts).
 * `require` keeps the first use synchronous, so callers stay as they were.
 */
const load = createRequire(import.meta.url);

export const exceljs = (): typeof import('exceljs') => load('exceljs') as typeof import('exceljs');

export const nodemailer = (): typeof import('nodemailer') => load('nodemailer') as typeof import('nodemailer');

export const pg = (): typeof import('pg') => load('pg') as typeof import('pg');

export const pgCopyStreams = (): typeof import('pg-copy-streams') => load('pg-copy-streams') as typeof import('pg-copy-streams');

/** The ~49,000 passwords seen most often in breaches (zxcvbn's list). */
export const commonPasswordList = (): string[] =>
  (load('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common')).dictionary['passwords-common'] as string[];
