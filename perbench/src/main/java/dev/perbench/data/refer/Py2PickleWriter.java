package dev.perbench.data.refer;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a tree of Java values as a pickle with Python 2 semantics, protocol 2: what Python 2's
 * {@code cPickle.dump(value, f, 2)} writes for the same data, so that the result reads like the
 * refer tool's {@code refs(unc).p} files.
 *
 * <p>Value mapping: {@code null} is {@code None}; {@link Boolean} is {@code True}/{@code False}
 * (NEWTRUE/NEWFALSE); {@link Integer}, {@link Long}, {@link Short}, {@link Byte} and {@link
 * BigInteger} are ints (BININT1, BININT2, BININT for signed 32-bit values, LONG1 beyond, LONG4 past
 * 255 bytes); {@link Double} and {@link Float} are floats (BINFLOAT); a {@link String} is a Python
 * 2 byte string {@code str} (SHORT_BINSTRING below 256 bytes, else BINSTRING) holding its chars as
 * Latin-1 bytes, so Python 3 reads it back with {@code pickle.load(f, encoding='latin1')}; a {@link
 * List} is a list; a {@link Map} is a dict in the map's iteration order (use a {@code
 * LinkedHashMap} or {@code TreeMap} for a stable order). Lists and dicts are filled in batches of
 * 1000 (APPENDS/SETITEMS after a MARK; a batch of one item uses APPEND/SETITEM), as CPython does.
 *
 * <p>No memo entries are written (no BINPUT/BINGET): CPython memoises by object identity, which
 * would make the bytes depend on which Java objects happen to be shared. Without a memo the output
 * depends on the values alone, so the same tree always gives the same bytes, and every pickle
 * reader accepts it. A cyclic structure cannot be written (it overflows the stack).
 */
public final class Py2PickleWriter {
  private static final int PROTO = 0x80;
  private static final int STOP = '.';
  private static final int NONE = 'N';
  private static final int NEWTRUE = 0x88;
  private static final int NEWFALSE = 0x89;
  private static final int BININT = 'J';
  private static final int BININT1 = 'K';
  private static final int BININT2 = 'M';
  private static final int LONG1 = 0x8a;
  private static final int LONG4 = 0x8b;
  private static final int BINFLOAT = 'G';
  private static final int SHORT_BINSTRING = 'U';
  private static final int BINSTRING = 'T';
  private static final int EMPTY_LIST = ']';
  private static final int APPEND = 'a';
  private static final int APPENDS = 'e';
  private static final int EMPTY_DICT = '}';
  private static final int SETITEM = 's';
  private static final int SETITEMS = 'u';
  private static final int MARK = '(';
  private static final int BATCH = 1000;

  private final OutputStream out;

  private Py2PickleWriter(OutputStream out) {
    this.out = out;
  }

  /**
   * Writes {@code value} as a complete pickle (PROTO 2 ... STOP). The stream is flushed, not
   * closed.
   *
   * @throws IllegalArgumentException for a value of an unsupported type or a string with a char
   *     above 0xFF (nothing sensible is written in that case)
   */
  public static void write(Object value, OutputStream out) throws IOException {
    BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
    Py2PickleWriter writer = new Py2PickleWriter(buffered);
    buffered.write(PROTO);
    buffered.write(2);
    writer.save(value);
    buffered.write(STOP);
    buffered.flush();
  }

  /** The pickle of {@code value} as bytes; see {@link #write(Object, OutputStream)}. */
  public static byte[] toBytes(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      write(value, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private void save(Object value) throws IOException {
    if (value == null) {
      out.write(NONE);
    } else if (value instanceof String s) {
      saveString(s);
    } else if (value instanceof Boolean b) {
      out.write(b ? NEWTRUE : NEWFALSE);
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      saveInt(((Number) value).longValue());
    } else if (value instanceof BigInteger big) {
      if (big.bitLength() < 64) {
        saveInt(big.longValue());
      } else {
        saveLong(big);
      }
    } else if (value instanceof Double || value instanceof Float) {
      out.write(BINFLOAT);
      writeLongBigEndian(Double.doubleToRawLongBits(((Number) value).doubleValue()));
    } else if (value instanceof List<?> list) {
      saveList(list);
    } else if (value instanceof Map<?, ?> map) {
      saveDict(map);
    } else {
      throw new IllegalArgumentException(
          "cannot pickle a "
              + value.getClass().getName()
              + " (supported: null, Boolean, integers,"
              + " Double, Float, String, List, Map)");
    }
  }

  private void saveInt(long v) throws IOException {
    if (v >= 0 && v <= 0xFF) {
      out.write(BININT1);
      out.write((int) v);
    } else if (v >= 0 && v <= 0xFFFF) {
      out.write(BININT2);
      out.write((int) v & 0xFF);
      out.write((int) (v >>> 8) & 0xFF);
    } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
      out.write(BININT);
      writeIntLittleEndian((int) v);
    } else {
      saveLong(BigInteger.valueOf(v));
    }
  }

  /** LONG1/LONG4: little-endian two's complement in the fewest bytes, as Python's encode_long. */
  private void saveLong(BigInteger v) throws IOException {
    byte[] bigEndian = v.toByteArray();
    int n = bigEndian.length;
    if (n < 256) {
      out.write(LONG1);
      out.write(n);
    } else {
      out.write(LONG4);
      writeIntLittleEndian(n);
    }
    for (int i = n - 1; i >= 0; i--) {
      out.write(bigEndian[i]);
    }
  }

  private void saveString(String s) throws IOException {
    int n = s.length();
    byte[] latin1 = new byte[n];
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c > 0xFF) {
        throw new IllegalArgumentException(
            String.format(
                "char U+%04X at index %d of \"%s\" does not fit a Python 2 byte string (Latin-1)",
                (int) c, i, s.length() > 40 ? s.substring(0, 40) + "..." : s));
      }
      latin1[i] = (byte) c;
    }
    if (n < 256) {
      out.write(SHORT_BINSTRING);
      out.write(n);
    } else {
      out.write(BINSTRING);
      writeIntLittleEndian(n);
    }
    out.write(latin1);
  }

  private void saveList(List<?> list) throws IOException {
    out.write(EMPTY_LIST);
    Iterator<?> items = list.iterator();
    while (items.hasNext()) {
      Object first = items.next();
      if (!items.hasNext()) {
        save(first);
        out.write(APPEND);
        return;
      }
      out.write(MARK);
      save(first);
      for (int n = 1; n < BATCH && items.hasNext(); n++) {
        save(items.next());
      }
      out.write(APPENDS);
    }
  }

  private void saveDict(Map<?, ?> map) throws IOException {
    out.write(EMPTY_DICT);
    Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<?, ?> first = entries.next();
      if (!entries.hasNext()) {
        save(first.getKey());
        save(first.getValue());
        out.write(SETITEM);
        return;
      }
      out.write(MARK);
      save(first.getKey());
      save(first.getValue());
      for (int n = 1; n < BATCH && entries.hasNext(); n++) {
        Map.Entry<?, ?> e = entries.next();
        save(e.getKey());
        save(e.getValue());
      }
      out.write(SETITEMS);
    }
  }

  private void writeIntLittleEndian(int v) throws IOException {
    out.write(v & 0xFF);
    out.write((v >>> 8) & 0xFF);
    out.write((v >>> 16) & 0xFF);
    out.write((v >>> 24) & 0xFF);
  }

  private void writeLongBigEndian(long v) throws IOException {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (v >>> shift) & 0xFF);
    }
  }
}
