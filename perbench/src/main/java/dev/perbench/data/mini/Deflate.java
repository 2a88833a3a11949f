package dev.perbench.data.mini;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Adler32;

/**
 * A small, fully specified zlib compressor (RFC 1950/1951): one final block with the fixed Huffman
 * code, greedy LZ77 matches found through 3-byte hash chains. Its output is a function of the input
 * alone (see {@link PngEncoder} for why that matters). Flat synthetic images compress to a few KB
 * with it.
 */
final class Deflate {
  private static final int WINDOW = 32768;
  private static final int MIN_MATCH = 3;
  private static final int MAX_MATCH = 258;
  private static final int HASH_BITS = 15;
  private static final int MAX_CHAIN = 64;

  private static final int[] LENGTH_BASE = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258
  };
  private static final int[] LENGTH_EXTRA = {
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
  };
  private static final int[] DIST_BASE = {
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
    3073, 4097, 6145, 8193, 12289, 16385, 24577
  };
  private static final int[] DIST_EXTRA = {
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13
  };

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private long bitBuffer;
  private int bitCount;

  private Deflate() {}

  /** The zlib stream (header, one deflate block, Adler-32) of {@code data}. */
  static byte[] zlib(byte[] data) {
    Deflate d = new Deflate();
    d.out.write(0x78); // CMF: deflate, 32K window
    d.out.write(0x01); // FLG: no dictionary, fastest-compression hint, check bits
    d.bits(1, 1); // BFINAL
    d.bits(1, 2); // BTYPE 01: fixed Huffman codes
    d.compress(data);
    d.symbol(256); // end of block
    d.flushBits();
    Adler32 adler = new Adler32();
    adler.update(data);
    long a = adler.getValue();
    for (int shift = 24; shift >= 0; shift -= 8) {
      d.out.write((int) (a >>> shift) & 0xFF);
    }
    return d.out.toByteArray();
  }

  private void compress(byte[] data) {
    int n = data.length;
    int[] head = new int[1 << HASH_BITS];
    Arrays.fill(head, -1);
    int[] prev = new int[WINDOW];
    int i = 0;
    while (i < n) {
      int bestLength = 0;
      int bestDistance = 0;
      if (i + MIN_MATCH <= n) {
        int limit = Math.min(MAX_MATCH, n - i);
        int candidate = head[hash(data, i)];
        for (int chain = 0;
            candidate >= 0 && i - candidate <= WINDOW && chain < MAX_CHAIN;
            chain++) {
          int length = 0;
          while (length < limit && data[candidate + length] == data[i + length]) {
            length++;
          }
          if (length > bestLength) {
            bestLength = length;
            bestDistance = i - candidate;
            if (length == limit) {
              break;
            }
          }
          int next = prev[candidate % WINDOW];
          if (next >= candidate) {
            break; // the slot was reused by a newer position: the chain ends here
          }
          candidate = next;
        }
      }
      if (bestLength >= MIN_MATCH) {
        match(bestLength, bestDistance);
        for (int k = 0; k < bestLength; k++) {
          insert(data, i + k, head, prev);
        }
        i += bestLength;
      } else {
        symbol(data[i] & 0xFF);
        insert(data, i, head, prev);
        i++;
      }
    }
  }

  private static void insert(byte[] data, int pos, int[] head, int[] prev) {
    if (pos + MIN_MATCH <= data.length) {
      int h = hash(data, pos);
      prev[pos % WINDOW] = head[h];
      head[h] = pos;
    }
  }

  private static int hash(byte[] d, int p) {
    int v = (d[p] & 0xFF) << 16 | (d[p + 1] & 0xFF) << 8 | (d[p + 2] & 0xFF);
    return (v * 0x9E3779B1) >>> (32 - HASH_BITS);
  }

  private void match(int length, int distance) {
    int lc = LENGTH_BASE.length - 1;
    while (LENGTH_BASE[lc] > length) {
      lc--;
    }
    symbol(257 + lc);
    bits(length - LENGTH_BASE[lc], LENGTH_EXTRA[lc]);
    int dc = DIST_BASE.length - 1;
    while (DIST_BASE[dc] > distance) {
      dc--;
    }
    bits(Integer.reverse(dc) >>> (32 - 5), 5); // fixed 5-bit distance code, MSB first
    bits(distance - DIST_BASE[dc], DIST_EXTRA[dc]);
  }

  /** A literal/length symbol in the fixed Huffman code (RFC 1951, 3.2.6). */
  private void symbol(int s) {
    int code;
    int length;
    if (s <= 143) {
      code = 0x30 + s;
      length = 8;
    } else if (s <= 255) {
      code = 0x190 + s - 144;
      length = 9;
    } else if (s <= 279) {
      code = s - 256;
      length = 7;
    } else {
      code = 0xC0 + s - 280;
      length = 8;
    }
    bits(Integer.reverse(code) >>> (32 - length), length); // Huffman codes go MSB first
  }

  /** Appends the low {@code n} bits of {@code value}, least significant first. */
  private void bits(int value, int n) {
    bitBuffer |= (long) (value & ((1 << n) - 1)) << bitCount;
    bitCount += n;
    while (bitCount >= 8) {
      out.write((int) bitBuffer & 0xFF);
      bitBuffer >>>= 8;
      bitCount -= 8;
    }
  }

  private void flushBits() {
    if (bitCount > 0) {
      out.write((int) bitBuffer & 0xFF);
      bitBuffer = 0;
      bitCount = 0;
    }
  }
}
