package dev.perbench.web.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.errors.InputException;
import org.junit.jupiter.api.Test;

/** The receiver's pieces that need no request: file names, sizes, model cards. */
class UploadReceiverTest {
  @Test
  void aFileNameIsItsLastPathElementWithoutControlCharactersAndCapped() {
    assertEquals("passwd", UploadReceiver.displayName("../../etc/passwd"));
    assertEquals("p.jsonl", UploadReceiver.displayName("C:\\Users\\ada\\..\\p.jsonl"));
    assertEquals("evil.jsonl", UploadReceiver.displayName("x/\u0007evil\u202e.jsonl\n"));
    assertEquals("predictions.jsonl", UploadReceiver.displayName(null));
    assertEquals("predictions.jsonl", UploadReceiver.displayName("a/.."));
    assertEquals("predictions.jsonl", UploadReceiver.displayName("dir/"));
    assertEquals(
        UploadReceiver.MAX_FILE_NAME, UploadReceiver.displayName("é".repeat(500)).length());
  }

  @Test
  void sizesAreWrittenForPeople() {
    assertEquals("200 bytes", UploadReceiver.bytes(200));
    assertEquals("64 KiB", UploadReceiver.bytes(64 << 10));
    assertEquals("1.5 MiB", UploadReceiver.bytes(3 << 19));
    assertEquals("8 GiB", UploadReceiver.bytes(8L << 30));
  }

  @Test
  void aCardIsOfKindSubmittedAndStoredInTheDocumentedOrder() {
    String card =
        "{\"date\": \"2025-06\", \"source\": \"a paper\", \"link\": null, \"size\": null,"
            + " \"organisation\": null, \"name\": \"M\"}";
    String stored = UploadReceiver.checkCard(card);
    assertTrue(stored.startsWith("{\n  \"name\" : \"M\","), stored);
    assertTrue(stored.contains("\"kind\" : \"submitted\""), stored);
    assertEquals(stored, UploadReceiver.checkCard(card.replace("{", "{\"kind\": \"submitted\",")));
    InputException e =
        assertThrows(
            InputException.class,
            () -> UploadReceiver.checkCard(card.replace("{", "{\"kind\": \"baseline\",")));
    assertTrue(e.getMessage().startsWith("parameter card: \"kind\""), e.getMessage());
    e = assertThrows(InputException.class, () -> UploadReceiver.checkCard("[1]"));
    assertTrue(e.getMessage().startsWith("parameter card: "), e.getMessage());
    e =
        assertThrows(
            InputException.class,
            () -> UploadReceiver.checkCard(card.replace("\"name\"", "\"nmae\"")));
    assertTrue(e.getMessage().startsWith("parameter card: \"name\""), e.getMessage());
  }
}
