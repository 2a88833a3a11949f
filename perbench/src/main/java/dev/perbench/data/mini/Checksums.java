package dev.perbench.data.mini;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code SHA256SUMS} in the format of GNU {@code sha256sum} ({@code <hex> <path>}, text mode), one
 * line per file, sorted by path, so {@code sha256sum -c SHA256SUMS} checks a split.
 */
final class Checksums {
  static final String FILE = "SHA256SUMS";

  private Checksums() {}

  /** Writes {@code dir/SHA256SUMS} for the given paths (relative to {@code dir}, '/'-separated). */
  static void write(Path dir, List<String> paths) throws IOException {
    List<String> sorted = new ArrayList<>(paths);
    sorted.sort(null);
    StringBuilder b = new StringBuilder();
    for (String p : sorted) {
      b.append(sha256(dir.resolve(p))).append("  ").append(p).append('\n');
    }
    Files.writeString(dir.resolve(FILE), b.toString(), StandardCharsets.UTF_8);
  }

  /** The paths listed in {@code dir/SHA256SUMS}, or an empty list when there is none. */
  static List<String> listed(Path dir) throws IOException {
    Path sums = dir.resolve(FILE);
    List<String> out = new ArrayList<>();
    if (Files.isRegularFile(sums)) {
      for (String line : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
        if (line.length() > 66) {
          out.add(line.substring(66));
        }
      }
    }
    return out;
  }

  static String sha256(Path file) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
