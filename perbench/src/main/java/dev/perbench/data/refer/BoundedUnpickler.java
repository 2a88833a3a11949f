package dev.perbench.data.refer;

import java.io.IOException;
import java.io.InputStream;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Pyrolite's unpickler, refusing an opcode whose declared length is more than the bytes left. Its
 * length-prefixed opcodes (BINBYTES, BINUNICODE, LONG4, ...) allocate the declared length before
 * reading, so a 7-byte file declaring 1.9 GB ran out of memory (a fuzzing finding). The pickle is
 * read from memory ({@link #loads}), so what is left is known exactly: the stream's {@code
 * available()}.
 */
final class BoundedUnpickler extends Unpickler {
  @Override
  protected Object dispatch(short key) throws PickleException, IOException {
    int lengthBytes =
        key == Opcodes.BINSTRING
                || key == Opcodes.BINUNICODE
                || key == Opcodes.BINBYTES
                || key == Opcodes.LONG4
            ? 4
            : key == Opcodes.BINUNICODE8 || key == Opcodes.BINBYTES8 || key == Opcodes.BYTEARRAY8
                ? 8
                : 0;
    if (lengthBytes > 0) {
      check(key, input, lengthBytes);
    }
    return super.dispatch(key);
  }

  private static void check(short key, InputStream in, int lengthBytes) throws IOException {
    in.mark(lengthBytes);
    long length = 0;
    for (int i = 0; i < lengthBytes; i++) {
      int b = in.read();
      if (b < 0) {
        break; // truncated: the opcode itself reports it
      }
      length |= (long) b << (8 * i);
    }
    int left = in.available();
    in.reset();
    if (length < 0 || length > left) {
      throw new PickleException(
          String.format(
              "opcode 0x%02x declares %d bytes but only %d follow (a truncated or corrupt pickle)",
              key, length, left));
    }
  }
}
