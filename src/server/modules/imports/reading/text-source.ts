import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import type { TextEncoding } from './sniff.ts';
import type { TableInfo } from './types.ts';
import { Utf8FallbackDecoder, type ChunkDecoder } from './utf8-fallback-decoder.ts';

const chunkBytes = 64 * 1024;

function decoderFor(encoding: TextEncoding, info: TableInfo): ChunkDecoder {
  if (encoding === 'utf-8') return new Utf8FallbackDecoder(info);
  // The byte-order mark is skipped before decoding; iconv's own BOM handling stays off so a
  // U+FEFF inside the text is left alone.
  return iconv.getDecoder(encoding, { stripBOM: false }) as ChunkDecoder;
}

/**
 * The file's text, decoded chunk by chunk (64 KB at a time) from just after the byte-order mark.
 * Stopping the iteration early closes the file.
 */
export async function* readText(path: string, skipBytes: number, encoding: TextEncoding, info: TableInfo): AsyncGenerator<string> {
  const decoder = decoderFor(encoding, info);
  const stream = createReadStream(path, { start: skipBytes, highWaterMark: chunkBytes });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = decoder.write(chunk);
      if (text.length > 0) yield text;
    }
    const tail = decoder.end();
    if (tail && tail.length > 0) yield tail;
  } finally {
    stream.destroy();
  }
}
