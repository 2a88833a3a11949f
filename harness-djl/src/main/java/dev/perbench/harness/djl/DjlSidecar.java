package dev.perbench.harness.djl;

import dev.perbench.data.model.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a {@code djl:} model declares about itself, read from its sidecar {@code PATH.json} (see
 * docs/djl-models.md for the format and {@link SidecarReader} for the checks).
 *
 * @param file the sidecar, for messages
 * @param format the contract version, {@value #FORMAT}
 * @param tasks the tasks the model does; a sample of another task fails
 * @param inputHeight the model's input height H; images and prompt masks are resized to H x W
 * @param inputWidth the model's input width W
 * @param maskStride s: the mask logits are H/s x W/s
 * @param maskChannels M, the mask logits' channels (masks the model can return per sample)
 * @param promptChannels K, the prompt-mask channels: channel k is slot {@code <Prompt{k}>}
 * @param maxTokens T, the length of the token-id input
 * @param vocab the word vocabulary, id = position; 0 is {@code <pad>} and 1 is {@code <unk>}
 * @param caption how to turn caption logits into text; null when the model does no captions
 * @param details recorded in the run manifest (training command, data checksum...)
 */
public record DjlSidecar(
    Path file,
    String format,
    String name,
    String version,
    List<Task> tasks,
    int inputHeight,
    int inputWidth,
    int maskStride,
    int maskChannels,
    int promptChannels,
    int maxTokens,
    List<String> vocab,
    CaptionTemplate caption,
    Map<String, String> details) {
  /** The contract version this harness implements. */
  public static final String FORMAT = "perbench-djl/1";

  public DjlSidecar {
    tasks = List.copyOf(tasks);
    vocab = List.copyOf(vocab);
    details = Map.copyOf(details);
  }

  /** The sidecar of a model file: the file's name with {@code .json} appended. */
  public static Path of(Path modelFile) {
    return modelFile.resolveSibling(modelFile.getFileName() + ".json");
  }

  /** The model file this sidecar describes. */
  public Path modelFile() {
    String name = file.getFileName().toString();
    return file.resolveSibling(name.substring(0, name.length() - ".json".length()));
  }

  public int maskHeight() {
    return inputHeight / maskStride;
  }

  public int maskWidth() {
    return inputWidth / maskStride;
  }
}
