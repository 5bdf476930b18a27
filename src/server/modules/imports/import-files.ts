import { ErrorCodes } from '../../../common/error-codes.ts';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { maxImportFileBytes } from '../../../common/schemas/imports.ts';
import type { Executor } from '../../db/connection.ts';
import { withSmallPageCache } from '../../db/page-cache.ts';
import { AppError } from '../../platform/errors.ts';
import type { ImportsRepository } from './imports.repository.ts';

const chunkSize = 1024 * 1024;
export const maxUploadBytes = maxImportFileBytes;

export interface SpooledUpload {
  path: string;
  size: number;
  checksum: string;
  discard(): Promise<void>;
}

/** Streams an upload to a private temp file, hashing as it goes and stopping at the size limit. */
export async function spoolUpload(stream: Readable, limit = maxUploadBytes): Promise<SpooledUpload> {
  const dir = await mkdtemp(join(tmpdir(), 'registrar-upload-'));
  const path = join(dir, 'upload');
  const hash = createHash('sha256');
  let size = 0;
  const discard = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(
      stream,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          size += chunk.length;
          if (size > limit) {
            throw new AppError(
              'too_large',
              ErrorCodes.fileTooLarge,
              `The file is larger than ${Math.round(limit / 1024 / 1024)} MB. Split it into smaller files.`,
              { limitBytes: limit },
            );
          }
          hash.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(path),
    );
  } catch (error) {
    await discard();
    // @fastify/multipart reports its own size limit by truncating the stream.
    throw error;
  }
  return { path, size, checksum: hash.digest('hex'), discard };
}

/** Copies a spooled file into the database in 1 MB chunks, inside the caller's transaction. */
export async function storeUpload(db: Executor, repo: ImportsRepository, importId: string, path: string): Promise<void> {
  // The chunks are read back once, by the plan (in a job thread for a large file): not worth the server's cache.
  await withSmallPageCache(db, () => storeChunks(db, repo, importId, path));
}

async function storeChunks(db: Executor, repo: ImportsRepository, importId: string, path: string): Promise<void> {
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingSize = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: chunkSize }) as AsyncIterable<Buffer>) {
    pending.push(chunk);
    pendingSize += chunk.length;
    if (pendingSize >= chunkSize) {
      await repo.insertFileChunk(db, importId, seq++, Buffer.concat(pending));
      pending = [];
      pendingSize = 0;
    }
  }
  if (pendingSize > 0 || seq === 0) await repo.insertFileChunk(db, importId, seq, Buffer.concat(pending));
}

/** Writes the stored upload back to a temp file for reading; the caller removes it with `discard`. */
export async function materializeUpload(
  db: Executor,
  repo: ImportsRepository,
  importId: string,
): Promise<{ path: string; discard(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'registrar-import-'));
  const path = join(dir, 'file');
  const out = createWriteStream(path);
  for (let seq = 0; ; seq += 1) {
    const chunk = await repo.fileChunk(db, importId, seq);
    if (!chunk) break;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { path, discard: () => rm(dir, { recursive: true, force: true }) };
}
