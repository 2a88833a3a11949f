package dev.perbench.harness.pairs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scanner's numbers against Jackson's (the reader's), bit for bit: every number it takes is the
 * double Jackson gives (an integer converted from its exact value, a decimal correctly rounded),
 * and it takes nothing that is not a JSON number.
 */
class StreamingPairNumbersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyNumberTakenIsJacksonsDouble() throws JsonProcessingException {
    Random random = new Random(11);
    int taken = 0;
    for (int c = 0; c < 200_000; c++) {
      String text = number(random);
      double v = scan(text);
      JsonNode node = JSON.readTree(text);
      assertTrue(node.isNumber(), text);
      if (Double.isNaN(v)) {
        // declined: only integers beyond 18 digits, which the reader then reads
        assertTrue(node.isIntegralNumber() && text.replace("-", "").length() > 18, text);
        continue;
      }
      double expected = node.isIntegralNumber() ? (double) node.longValue() : node.doubleValue();
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(v), text);
      taken++;
    }
    assertTrue(taken > 190_000, "taken: " + taken);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-",
        "+1",
        "01",
        "-01",
        "1.",
        ".5",
        "1.e5",
        "1e",
        "1e+",
        "1E-",
        "0x10",
        "1_000",
        "NaN",
        "Infinity",
        "-Infinity",
        "1.5.2",
        "--1",
        "1e5.5",
        "1 ",
        "1,",
        "١"
      })
  void whatIsNotAJsonNumberIsDeclined(String text) {
    assertTrue(Double.isNaN(scan(text)), text);
  }

  private static double scan(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return StreamingPairParser.number(b, 0, b.length);
  }

  /** Integers, decimals and exponents of every length the fast and slow paths split on. */
  private static String number(Random random) {
    StringBuilder s = new StringBuilder();
    if (random.nextInt(3) == 0) {
      s.append('-');
    }
    int intDigits = random.nextInt(4) == 0 ? 1 + random.nextInt(22) : 1 + random.nextInt(4);
    s.append(random.nextInt(5) == 0 ? '0' : (char) ('1' + random.nextInt(9)));
    if (s.charAt(s.length() - 1) != '0') {
      for (int i = 1; i < intDigits; i++) {
        s.append((char) ('0' + random.nextInt(10)));
      }
    }
    if (random.nextInt(4) != 0) {
      s.append('.');
      int fraction = random.nextInt(4) == 0 ? 1 + random.nextInt(25) : 1 + random.nextInt(3);
      for (int i = 0; i < fraction; i++) {
        s.append((char) ('0' + random.nextInt(10)));
      }
    }
    if (random.nextInt(5) == 0) {
      s.append(random.nextBoolean() ? 'e' : 'E');
      int r = random.nextInt(3);
      s.append(r == 0 ? "" : r == 1 ? "+" : "-");
      s.append(random.nextInt(random.nextInt(4) == 0 ? 400 : 30));
    }
    return s.toString();
  }
}
