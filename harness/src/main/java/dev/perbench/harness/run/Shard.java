package dev.perbench.harness.run;

import dev.perbench.data.model.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic 1/N of a benchmark: the samples whose position in the benchmark's order is I
 * modulo N (0-based I, as Slurm array and Kubernetes Indexed Job indices can be).
 */
public record Shard(int index, int count) {
  public static final Shard ALL = new Shard(0, 1);

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "shard must be I/N with 0 <= I < N, got " + index + "/" + count);
    }
  }

  /** Parses {@code I/N}. */
  public static Shard parse(String text) {
    String[] parts = text.split("/");
    try {
      if (parts.length == 2) {
        return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        "--shard must be I/N, e.g. 0/4 for the first of four shards; got '" + text + "'");
  }

  /** This shard's samples, in benchmark order. */
  public List<Sample> select(List<Sample> samples) {
    List<Sample> out = new ArrayList<>(samples.size() / count + 1);
    for (int i = index; i < samples.size(); i += count) {
      out.add(samples.get(i));
    }
    return out;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
