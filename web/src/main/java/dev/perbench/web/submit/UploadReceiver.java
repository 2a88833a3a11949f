package dev.perbench.web.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.data.LoadedSplit;
import dev.perbench.data.catalog.BenchmarkCatalog;
import dev.perbench.data.catalog.BenchmarkSpec;
import dev.perbench.errors.InputException;
import dev.perbench.harness.io.PredictionIndex;
import dev.perbench.harness.json.StrictJson;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.submissions.SubmissionCard;
import dev.perbench.web.accounts.User;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadContentTypeException;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet5.JakartaServletFileUpload;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * Takes one submission upload ({@code multipart/form-data}) as it streams in, checks it and hands
 * it to the {@link SubmissionQueue}: the form fields {@code predictions} (the prediction file,
 * plain or gzip-compressed), {@code card} (the model card, as {@code model.json}), {@code bench}
 * and optionally {@code profile}, in any order (a browser form's {@code _csrf} first).
 *
 * <p>The request is read as a stream (Commons FileUpload's item iterator), never whole in memory:
 * the prediction file is decompressed on the fly and written to a temporary file in the uploads
 * folder. Every limit that can be checked while the file streams in is checked there, and the
 * upload is refused at once, not after it has filled the disk:
 *
 * <ul>
 *   <li>the size as sent ({@link SubmissionLimits#maxUploadBytes}, 413; a declared {@code
 *       Content-Length} larger than that and the allowance for the other fields is refused before
 *       anything is read);
 *   <li>the size once decompressed ({@link SubmissionLimits#maxDecompressedBytes}, 413);
 *   <li>the compression ratio ({@link SubmissionLimits#maxRatio}, 413): a gzip file is refused as
 *       soon as it has decompressed to more than {@code maxRatio} times the compressed bytes read
 *       so far plus {@link #RATIO_SLACK}, so a gzip bomb stops after a few mebibytes;
 *   <li>the length of a line ({@link SubmissionLimits#maxLineBytes}, 400 naming the line);
 *   <li>the per-user limits, before the file when {@code bench} comes first (429).
 * </ul>
 *
 * Then the whole file is validated with the code of {@code perbench validate} ({@link
 * PredictionIndex#open}) against the benchmark's samples, which must be installed on the server,
 * and its problems are answered with their line numbers as the command prints them. Only an upload
 * that passes everything is kept: the file is fsync'd, moved atomically to {@code
 * <uploads>/<submission id>.jsonl} (the folder fsync'd too), and recorded in the queue; a refused
 * upload leaves nothing behind. The client's file name is recorded for display only, never used as
 * a path.
 */
public final class UploadReceiver {
  /** The form fields. */
  public static final String PREDICTIONS = "predictions";

  public static final String CARD = "card";
  public static final String BENCH = "bench";
  public static final String PROFILE = "profile";
  public static final String CSRF = "_csrf";

  /** The profile of a submission that names none. */
  public static final String DEFAULT_PROFILE = EvalProfile.STANDARD.id();

  /** The largest model card accepted, as sent. */
  public static final int MAX_CARD_BYTES = 64 << 10;

  /** The largest value of the other fields ({@code bench}, {@code profile}, {@code _csrf}). */
  public static final int MAX_FIELD_BYTES = 200;

  /**
   * What a request may carry besides the prediction file: the other fields, their part headers and
   * the multipart boundaries. A declared {@code Content-Length} above {@code maxUploadBytes} plus
   * this is refused before the body is read.
   */
  public static final long FIELDS_ALLOWANCE = 1 << 20;

  /**
   * The decompressed bytes a gzip file may have beyond {@code maxRatio} times its compressed bytes
   * read so far. The compressed bytes are counted where the decompressor reads them, which it does
   * ahead, a buffer at a time, so the ratio means something only over more than a buffer; and a
   * small file may well compress better than the ratio (runs of identical JSON, e.g. lines of
   * errors or empty masks): a file that decompresses to less than this much cannot hurt the disk
   * whatever its ratio. A gzip bomb is still stopped after {@code maxRatio} times its compressed
   * bytes plus this, before any more of it reaches the disk.
   */
  public static final long RATIO_SLACK = 1 << 20;

  /** The longest file name recorded (for display). */
  public static final int MAX_FILE_NAME = 200;

  private static final int BUFFER = 1 << 16;

  private final SubmissionQueue queue;
  private final Path uploads;
  private final SubmissionLimits limits;
  private final Function<String, Optional<LoadedSplit>> splits;

  /**
   * @param uploads the folder the accepted prediction files are kept in (made when missing)
   * @param splits the benchmarks' samples installed on the server, by benchmark id
   */
  public UploadReceiver(
      SubmissionQueue queue,
      Path uploads,
      SubmissionLimits limits,
      Function<String, Optional<LoadedSplit>> splits) {
    this.queue = queue;
    this.uploads = uploads;
    this.limits = limits;
    this.splits = splits;
  }

  public SubmissionLimits limits() {
    return limits;
  }

  /** What checks the CSRF token of a browser's form: its first field, or null when not sent. */
  @FunctionalInterface
  public interface CsrfCheck {
    void check(String sent);
  }

  /**
   * The checks that need nothing of the body, made before it is read: the user's concurrent
   * submissions, and the declared size of the request.
   *
   * @throws LimitExceededException 429 or 413
   */
  public void preflight(User user, long contentLength) {
    queue.check(user, null, limits);
    if (contentLength > limits.maxUploadBytes() + FIELDS_ALLOWANCE) {
      throw tooLarge();
    }
  }

  /**
   * Reads, checks, stores and records one upload.
   *
   * @param csrf called once, before anything else is read, with the value of the first field when
   *     it is {@value #CSRF}, else with null
   * @return the submission, queued
   * @throws InputException (400) naming the field and the problem, or the problems of the file with
   *     their line numbers
   * @throws LimitExceededException (413, 429) naming the limit, and for the per-user limits when it
   *     resets
   */
  public Submission receive(User user, HttpServletRequest request, CsrfCheck csrf) {
    preflight(user, request.getContentLengthLong());
    Fields f = new Fields();
    try {
      JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload =
          new JakartaServletFileUpload<>();
      upload.setMaxSize(limits.maxUploadBytes() + FIELDS_ALLOWANCE);
      FileItemInputIterator items;
      try {
        items = upload.getItemIterator(request);
        read(user, items, f, csrf);
      } catch (FileUploadSizeException e) {
        throw tooLarge();
      } catch (FileUploadContentTypeException e) {
        throw new InputException(
            "the request must be multipart/form-data with the fields "
                + String.join(", ", PREDICTIONS, CARD, BENCH)
                + " and optionally "
                + PROFILE);
      } catch (FileUploadException e) {
        throw new InputException("the request is not valid multipart/form-data: " + e.getMessage());
      } catch (IOException e) {
        throw new InputException("the upload broke off: " + e.getMessage());
      }
      return store(user, f);
    } finally {
      if (f.temp != null) {
        deleteQuietly(f.temp);
      }
    }
  }

  /** What the form sent. */
  private static final class Fields {
    String bench;
    String profile;
    String cardJson;
    String fileName;
    Path temp;
    long sentBytes;
    String sha256;
  }

  private void read(User user, FileItemInputIterator items, Fields f, CsrfCheck csrf)
      throws IOException {
    boolean first = true;
    List<String> seen = new ArrayList<>();
    while (items.hasNext()) {
      FileItemInput item = items.next();
      String name = item.getFieldName();
      if (first) {
        first = false;
        if (CSRF.equals(name)) {
          csrf.check(small(item, CSRF, MAX_FIELD_BYTES));
          continue;
        }
        csrf.check(null);
      }
      if (CSRF.equals(name)) {
        small(item, CSRF, MAX_FIELD_BYTES); // repeated later: of no use, ignored
        continue;
      }
      if (!List.of(PREDICTIONS, CARD, BENCH, PROFILE).contains(name)) {
        throw new InputException(
            "parameter "
                + printable(name)
                + ": not a field of a submission (expected "
                + String.join(", ", PREDICTIONS, CARD, BENCH, PROFILE)
                + ")");
      }
      if (seen.contains(name)) {
        throw new InputException("parameter " + name + ": sent twice");
      }
      seen.add(name);
      switch (name) {
        case BENCH -> {
          f.bench = small(item, BENCH, MAX_FIELD_BYTES);
          checkBench(f.bench);
          split(f.bench);
          queue.check(user, f.bench, limits); // before the file, when it comes first
        }
        case PROFILE -> f.profile = checkProfile(small(item, PROFILE, MAX_FIELD_BYTES));
        case CARD -> f.cardJson = checkCard(small(item, CARD, MAX_CARD_BYTES));
        default -> file(item, f);
      }
    }
    if (first) {
      csrf.check(null);
    }
  }

  /** A small field's value as UTF-8 text, refused (413) past {@code max} bytes. */
  private static String small(FileItemInput item, String name, int max) throws IOException {
    InputStream in = item.getInputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[Math.min(max + 1, 8192)];
    int n;
    while ((n = in.read(buf)) > 0) {
      out.write(buf, 0, n);
      if (out.size() > max) {
        throw new LimitExceededException(
            "limit: parameter " + name + " may be at most " + bytes(max) + " long", 413);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InputException("parameter " + name + ": not UTF-8 text");
    }
  }

  /** Streams the prediction file into a temporary file, checking the limits as it comes. */
  private void file(FileItemInput item, Fields f) throws IOException {
    f.fileName = displayName(item.getName());
    Files.createDirectories(uploads);
    f.temp = Files.createTempFile(uploads, ".upload-", ".part");
    Counting sent = new Counting(item.getInputStream(), limits.maxUploadBytes());
    BufferedInputStream buffered = new BufferedInputStream(sent, BUFFER);
    buffered.mark(2);
    boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
    buffered.reset();
    InputStream data = gzip ? gunzip(buffered) : buffered;
    MessageDigest sha = sha256();
    long total = 0;
    long line = 1;
    long lineBytes = 0;
    byte[] buf = new byte[BUFFER];
    try (FileChannel out = FileChannel.open(f.temp, StandardOpenOption.WRITE)) {
      while (true) {
        int n = gzip ? gunzipped(data, buf) : data.read(buf);
        if (n < 0) {
          break;
        }
        total += n;
        if (total > limits.maxDecompressedBytes()) {
          throw new LimitExceededException(
              "limit: the prediction file may be at most "
                  + bytes(limits.maxDecompressedBytes())
                  + " decompressed (the server's --max-decompressed-bytes); this one is larger",
              413);
        }
        if (gzip && total > (double) limits.maxRatio() * sent.count + RATIO_SLACK) {
          throw new LimitExceededException(
              "limit: the prediction file decompresses to more than "
                  + limits.maxRatio()
                  + " times its compressed size (the server's --max-ratio, a guard against"
                  + " gzip bombs)",
              413);
        }
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            line++;
            lineBytes = 0;
          } else if (++lineBytes > limits.maxLineBytes()) {
            throw new InputException(
                "parameter predictions: line "
                    + line
                    + " is longer than "
                    + bytes(limits.maxLineBytes())
                    + " (the server's --max-line-bytes); a line holds one sample's prediction");
          }
        }
        sha.update(buf, 0, n);
        ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
        while (b.hasRemaining()) {
          out.write(b);
        }
      }
      out.force(true);
    } finally {
      if (gzip) {
        data.close(); // the decompressor's native memory; the shield keeps the part open
      }
    }
    f.sentBytes = sent.count;
    f.sha256 = HexFormat.of().formatHex(sha.digest());
  }

  /**
   * A gzip decompressor over the part. The shield: closing the decompressor must not close the
   * part's stream, which would read it to its end.
   */
  private static InputStream gunzip(InputStream in) throws IOException {
    try {
      return new GZIPInputStream(CloseShieldInputStream.wrap(in), BUFFER);
    } catch (EOFException | ZipException e) {
      throw corrupt(e);
    }
  }

  private static int gunzipped(InputStream gzip, byte[] buf) throws IOException {
    try {
      return gzip.read(buf);
    } catch (EOFException | ZipException e) {
      throw corrupt(e);
    }
  }

  private static InputException corrupt(IOException e) {
    return new InputException(
        "parameter predictions: the gzip data is "
            + (e instanceof EOFException ? "cut short" : "corrupt (" + e.getMessage() + ")")
            + "; compress the whole file again");
  }

  /** Validates what was sent, then stores the file and records the submission. */
  private Submission store(User user, Fields f) {
    for (String[] field :
        new String[][] {{BENCH, f.bench}, {CARD, f.cardJson}, {PREDICTIONS, f.sha256}}) {
      if (field[1] == null) {
        throw new InputException("parameter " + field[0] + ": required");
      }
    }
    String profile = f.profile == null ? DEFAULT_PROFILE : f.profile;
    LoadedSplit split = split(f.bench);
    try (PredictionIndex index = PredictionIndex.open(f.temp, split.samplesById())) {
      if (index.size() == 0) {
        throw new InputException(
            "parameter predictions: " + f.fileName + " holds no prediction (an empty file)");
      }
    } catch (InputException e) {
      // as perbench validate prints it (PredictionFileException: the problems with their line
      // numbers), with the client's file name for the server's path
      throw new InputException(e.getMessage().replace(f.temp.toString(), f.fileName), e);
    }
    String id = UUID.randomUUID().toString();
    Path stored = uploads.resolve(id + ".jsonl").toAbsolutePath();
    try {
      Files.move(f.temp, stored, StandardCopyOption.ATOMIC_MOVE);
      f.temp = null;
      syncFolder(uploads);
    } catch (IOException e) {
      deleteQuietly(stored);
      throw new UncheckedIOException("cannot store the upload " + stored + ": " + e, e);
    }
    try {
      return queue.accept(
          user,
          id,
          new NewSubmission(
              f.bench, profile, f.cardJson, f.fileName, stored, f.sha256, f.sentBytes),
          limits);
    } catch (RuntimeException e) {
      deleteQuietly(stored);
      throw e;
    }
  }

  /** The benchmark's samples, which must be installed on the server to score against. */
  private LoadedSplit split(String bench) {
    return splits
        .apply(bench)
        .orElseThrow(
            () ->
                new InputException(
                    "parameter bench: the data of "
                        + bench
                        + " is not installed on this server, so it cannot score submissions"
                        + " on it"));
  }

  private static void checkBench(String bench) {
    Optional<BenchmarkSpec> spec =
        BenchmarkCatalog.all().stream().filter(s -> s.id().equals(bench)).findFirst();
    if (spec.isEmpty()) {
      throw new InputException(
          "parameter bench: '"
              + printable(bench)
              + "' is not a benchmark with data (GET /api/v1/benchmarks lists them; the"
              + " paper-only ones cannot be scored)");
    }
  }

  private static String checkProfile(String profile) {
    try {
      return EvalProfile.fromId(profile).id();
    } catch (IllegalArgumentException e) {
      throw new InputException("parameter profile: " + e.getMessage());
    }
  }

  /**
   * The card as stored (its fields in the documented order), checked by the rules of {@code
   * model.json}; a hosted submission is of kind {@code submitted}, which is filled in when the card
   * leaves {@code kind} out.
   */
  static String checkCard(String text) {
    JsonNode node;
    try {
      node = StrictJson.mapper().readTree(text);
    } catch (IOException e) {
      throw new InputException("parameter card: not valid JSON: " + StrictJson.describe(e));
    }
    if (node instanceof ObjectNode o) {
      JsonNode kind = o.get("kind");
      if (kind == null) {
        o.put("kind", SubmissionCard.SUBMITTED);
      } else if (!SubmissionCard.SUBMITTED.equals(kind.asText(null))) {
        throw new InputException(
            "parameter card: \"kind\": a hosted submission is of kind \"submitted\", not "
                + kind
                + " (or leave kind out)");
      }
    }
    List<String> problems = new ArrayList<>();
    SubmissionCard card = SubmissionCard.read(node, problems::add);
    if (card == null) {
      throw new InputException("parameter card: " + String.join("; ", problems));
    }
    String stored = card.text();
    if (stored.length() > 20000) {
      throw new LimitExceededException(
          "limit: parameter card may be at most 20,000 characters as stored", 413);
    }
    return stored;
  }

  /**
   * The client's file name as recorded and shown: its last path element, without control
   * characters, at most {@value #MAX_FILE_NAME} characters; never used as a path.
   */
  public static String displayName(String name) {
    String n = name == null ? "" : name;
    n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
    n = n.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", "").strip();
    if (n.isEmpty() || n.equals(".") || n.equals("..")) {
      return "predictions.jsonl";
    }
    return n.codePointCount(0, n.length()) <= MAX_FILE_NAME
        ? n
        : n.substring(0, n.offsetByCodePoints(0, MAX_FILE_NAME));
  }

  private LimitExceededException tooLarge() {
    return new LimitExceededException(
        "limit: the prediction file may be at most "
            + bytes(limits.maxUploadBytes())
            + " as sent (the server's --max-upload-bytes); this one is larger. Compress it"
            + " with gzip (perbench submit --gzip), which the server accepts",
        413);
  }

  /** A size for people: bytes, KiB, MiB or GiB. */
  public static String bytes(long n) {
    if (n < 1024) {
      return n + " bytes";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v))
        + " "
        + units[u];
  }

  private static String printable(String s) {
    if (s == null) {
      return "(unnamed)";
    }
    String p = s.replaceAll("[\\p{Cc}\\p{Cf}]", "?");
    return p.length() <= 40 ? p : p.substring(0, 40) + "…";
  }

  private static void syncFolder(Path folder) {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // not every platform lets a folder be opened for fsync (Windows); the move is atomic there
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // nothing more to do; a leftover temporary file is named .upload-*.part
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Counts the bytes read through it and refuses (413) past a limit. */
  private final class Counting extends FilterInputStream {
    long count;
    private final long max;

    Counting(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      counted(s);
      return s;
    }

    private void counted(long n) {
      count += n;
      if (count > max) {
        throw tooLarge();
      }
    }
  }
}
