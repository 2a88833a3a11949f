package dev.perbench.data.refer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.testing.Prerequisites;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.razorvine.pickle.Unpickler;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Py2PickleWriterTest {

  /** A refs-like tree touching every supported type and every opcode size boundary. */
  static Object sampleTree() {
    List<Object> ints =
        new ArrayList<>(
            List.of(
                0,
                1,
                255,
                256,
                65535,
                65536,
                -1,
                -256,
                Integer.MAX_VALUE,
                Integer.MIN_VALUE,
                2147483648L,
                -2147483649L,
                Long.MAX_VALUE,
                Long.MIN_VALUE,
                new BigInteger("123456789012345678901234567890")));
    Map<String, Object> sentence = new LinkedHashMap<>();
    sentence.put("tokens", List.of("man", "in", "red"));
    sentence.put("raw", "Man in red!");
    sentence.put("sent_id", 42);
    sentence.put("sent", "man in red");
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("sent_ids", List.of(42));
    ref.put("file_name", "COCO_train2014_000000000009_1.jpg");
    ref.put("ann_id", 1038967);
    ref.put("ref_id", 0);
    ref.put("image_id", 9);
    ref.put("split", "testA");
    ref.put("sentences", List.of(sentence));
    ref.put("category_id", 1);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("refs", List.of(ref));
    root.put("ints", ints);
    root.put("floats", List.of(0.0, -1.5, 1e300, 0.1));
    root.put("flags", Arrays.asList(true, false, null));
    root.put("latin1", "caf\u00e9 \u00ff\u0000");
    root.put("empty", "");
    root.put("long string", "x".repeat(255) + "|" + "y".repeat(300));
    root.put("empty list", List.of());
    root.put("empty dict", Map.of());
    List<Integer> big = new ArrayList<>();
    for (int i = 0; i < 2001; i++) {
      big.add(i);
    }
    root.put("batched list", big);
    Map<String, Integer> bigDict = new LinkedHashMap<>();
    for (int i = 0; i < 1001; i++) {
      bigDict.put("k" + i, i);
    }
    root.put("batched dict", bigDict);
    return root;
  }

  @Test
  @DisplayName("Pyrolite reads back every value, strings as the same chars")
  void roundTripThroughPyrolite() throws Exception {
    Object tree = sampleTree();
    Object back = new Unpickler().loads(Py2PickleWriter.toBytes(tree));
    assertEquals(normalise(tree), normalise(back));
  }

  @Test
  @DisplayName("small values use the opcodes Python 2's cPickle uses, byte for byte")
  void exactBytes() {
    Map<String, Object> dict = new LinkedHashMap<>();
    dict.put("a", 1);
    dict.put("bc", List.of(300, -1, true));
    // PROTO 2, EMPTY_DICT, MARK, 'a' K1, 'bc' EMPTY_LIST MARK M300 J-1 NEWTRUE APPENDS,
    // SETITEMS, STOP
    assertEquals(
        "8002"
            + "7d"
            + "28"
            + "550161"
            + "4b01"
            + "55026263"
            + "5d"
            + "28"
            + "4d2c01"
            + "4affffffff"
            + "88"
            + "65"
            + "75"
            + "2e",
        HexFormat.of().formatHex(Py2PickleWriter.toBytes(dict)));
    assertEquals(
        "8002" + "5d" + "4e" + "61" + "2e",
        HexFormat.of().formatHex(Py2PickleWriter.toBytes(Arrays.asList((Object) null))),
        "a one-item list uses APPEND");
    assertEquals(
        "8002" + "8a06" + "000000008000" + "2e",
        HexFormat.of().formatHex(Py2PickleWriter.toBytes(1L << 39)),
        "LONG1 beyond 32 bits, with a sign byte");
    assertEquals(
        "8002" + "47" + "3ff8000000000000" + "2e",
        HexFormat.of().formatHex(Py2PickleWriter.toBytes(1.5)),
        "BINFLOAT is big-endian");
  }

  @Test
  @DisplayName("the same tree always gives the same bytes")
  void deterministic() {
    assertArrayEquals(Py2PickleWriter.toBytes(sampleTree()), Py2PickleWriter.toBytes(sampleTree()));
  }

  @Test
  @DisplayName("a char above 0xFF and an unsupported type are refused with a message naming them")
  void refusals() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Py2PickleWriter.toBytes(List.of("ok", "snow \u2603")));
    assertTrue(e.getMessage().contains("U+2603"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Py2PickleWriter.toBytes(List.of(new StringBuilder("x"))));
    assertTrue(e.getMessage().contains("cannot pickle"), e.getMessage());
  }

  @Test
  @DisplayName(
      "plain python3 loads our bytes with encoding='latin1', sees only STRING-family"
          + " string opcodes, and writes identical bytes for string-free data")
  void python3ReadsOurBytes(@TempDir Path dir) throws Exception {
    String python = Prerequisites.python(); // fails in CI when missing, skips elsewhere
    Object tree = sampleTree();
    Path pickle = dir.resolve("tree.p");
    Files.write(pickle, Py2PickleWriter.toBytes(tree));
    Path expected = dir.resolve("expected.json");
    new ObjectMapper().writeValue(expected.toFile(), tree);
    Object ints = ((Map<?, ?>) tree).get("ints");
    Map<String, Object> noStrings = new LinkedHashMap<>();
    noStrings.put("ints", ints);
    noStrings.put("floats", ((Map<?, ?>) tree).get("floats"));
    noStrings.put("flags", ((Map<?, ?>) tree).get("flags"));
    noStrings.put("nested", List.of(List.of(), List.of(List.of(1)), Map.of()));
    Path numeric = dir.resolve("numeric.p");
    Files.write(
        numeric,
        Py2PickleWriter.toBytes(
            List.of(
                ints, noStrings.get("floats"), noStrings.get("flags"), noStrings.get("nested"))));
    String script =
        String.join(
            "\n",
            "import json, pickle, pickletools, sys",
            "data = open(sys.argv[1], 'rb').read()",
            "value = pickle.loads(data, encoding='latin1')",
            "expected = json.load(open(sys.argv[2], encoding='utf-8'))",
            "assert value == expected, 'value differs'",
            "ops = {op.name for op, arg, pos in pickletools.genops(data)}",
            "assert {'SHORT_BINSTRING', 'BINSTRING'} <= ops, ops",
            "bad = ops & {'BINUNICODE', 'SHORT_BINUNICODE', 'UNICODE', 'BINUNICODE8',"
                + " 'BINBYTES', 'SHORT_BINBYTES'}",
            "assert not bad, bad",
            "pickletools.dis(data, out=open('/dev/null', 'w'))",
            "numeric = open(sys.argv[3], 'rb').read()",
            "ours = pickle.loads(numeric)",
            "cpython = pickletools.optimize(pickle.dumps(ours, protocol=2))",
            "assert cpython == numeric, (cpython.hex(), numeric.hex())",
            "print('OK')");
    Process p =
        new ProcessBuilder(
                python, "-c", script, pickle.toString(), expected.toString(), numeric.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output);
    assertEquals("OK", output.strip());
  }

  /** Integers as BigInteger and floats as Double, so Java-side number types do not matter. */
  private static Object normalise(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(normalise(k), normalise(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(Py2PickleWriterTest::normalise).toList();
    }
    if (v instanceof Integer || v instanceof Long) {
      return BigInteger.valueOf(((Number) v).longValue());
    }
    return v;
  }
}
