package dev.perbench.harness.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.data.model.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The sidecar format: the fixture's reads back as written, and each kind of mistake is named. */
class SidecarReaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void theFixturesSidecarReadsBackAsWritten() throws Exception {
    DjlSidecar s = SidecarReader.read(Fixtures.MODEL);
    assertEquals(DjlSidecar.FORMAT, s.format());
    assertEquals(List.of(Task.CAPTION, Task.MCQ, Task.VRES, Task.RES), s.tasks());
    assertEquals(64, s.inputHeight());
    assertEquals(80, s.inputWidth());
    assertEquals(16, s.maskHeight());
    assertEquals(20, s.maskWidth());
    assertEquals(2, s.maskChannels());
    assertEquals(4, s.promptChannels());
    assertEquals(24, s.maxTokens());
    assertEquals(List.of("<pad>", "<unk>"), s.vocab().subList(0, 2));
    assertEquals(13, s.caption().size());
    assertEquals("0", s.details().get("seed"));
  }

  @Test
  void aModelWithoutCaptionsNeedsNoTemplate() throws Exception {
    DjlSidecar s =
        read(
            o -> {
              o.remove("caption");
              o.putArray("tasks").add("res");
              o.remove("details");
            });
    assertNull(s.caption());
    assertEquals(List.of(Task.RES), s.tasks());
    assertTrue(s.details().isEmpty());
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of(
            "unknown field",
            (Consumer<ObjectNode>) o -> o.set("input-size", o.get("input_size")),
            "unknown field \"input-size\"; expected [format, name, version, tasks, input_size,"),
        Arguments.of(
            "other format",
            (Consumer<ObjectNode>) o -> o.put("format", "perbench-djl/2"),
            "\"format\" is \"perbench-djl/2\"; this harness reads \"perbench-djl/1\""),
        Arguments.of(
            "missing field",
            (Consumer<ObjectNode>) o -> o.remove("mask_stride"),
            "missing \"mask_stride\""),
        Arguments.of(
            "stride",
            (Consumer<ObjectNode>) o -> o.put("mask_stride", 7),
            "\"mask_stride\" 7 does not divide \"input_size\" 64x80"),
        Arguments.of(
            "size",
            (Consumer<ObjectNode>) o -> o.putArray("input_size").add(64),
            "\"input_size\" must be [H, W], two positive integers; got [64]"),
        Arguments.of(
            "channels",
            (Consumer<ObjectNode>) o -> o.put("prompt_channels", 0),
            "\"prompt_channels\" must be a positive integer; got 0"),
        Arguments.of(
            "task",
            (Consumer<ObjectNode>) o -> o.putArray("tasks").add("segment"),
            "unknown task 'segment'; expected one of caption, mcq, vres, res"),
        Arguments.of(
            "vocab",
            (Consumer<ObjectNode>) o -> o.putArray("vocab").add("the"),
            "\"vocab\" must be a list of words starting with \"<pad>\" (id 0) and \"<unk>\" (id"
                + " 1)"),
        Arguments.of(
            "vocab repeat",
            (Consumer<ObjectNode>)
                o -> o.putArray("vocab").add("<pad>").add("<unk>").add("a").add("a"),
            "\"vocab\"[3]: \"a\" is not a string or repeats an earlier entry"),
        Arguments.of(
            "no template",
            (Consumer<ObjectNode>) o -> o.remove("caption"),
            "\"tasks\" has caption but there is no \"caption\" template"),
        Arguments.of(
            "placeholder",
            (Consumer<ObjectNode>)
                o -> ((ObjectNode) o.get("caption")).put("template", "A {mood} one"),
            "caption template placeholder {mood} names no field"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void eachMistakeIsNamedWithTheSidecarsPath(
      String what, Consumer<ObjectNode> edit, String message) {
    DjlModelException e = assertThrows(DjlModelException.class, () -> read(edit));
    assertTrue(e.getMessage().startsWith(dir.resolve("m.pt.json") + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void invalidJsonGivesTheLineAndColumn() throws Exception {
    Path model = Files.writeString(dir.resolve("m.pt"), "");
    Files.writeString(DjlSidecar.of(model), "{\n \"name\": \"x\",\n}");
    String message =
        assertThrows(DjlModelException.class, () -> SidecarReader.read(model)).getMessage();
    assertTrue(message.startsWith(DjlSidecar.of(model) + ": not valid JSON: "), message);
    assertTrue(message.endsWith("(line 3, column 1)"), message);
  }

  private DjlSidecar read(Consumer<ObjectNode> edit) throws Exception {
    ObjectNode o = (ObjectNode) JSON.readTree(Fixtures.sidecarText());
    edit.accept(o);
    Path model = Files.writeString(dir.resolve("m.pt"), "");
    Files.writeString(DjlSidecar.of(model), JSON.writeValueAsString(o));
    return SidecarReader.read(model);
  }
}
