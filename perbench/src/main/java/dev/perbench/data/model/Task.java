package dev.perbench.data.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The four task kinds. */
public enum Task {
  /** Detailed description of a prompted region (PerBench); scored with METEOR. */
  CAPTION("caption"),
  /** Multiple-choice question about a prompted region (PerBench); scored with accuracy. */
  MCQ("mcq"),
  /** Visual-text referring segmentation: text plus region prompts to masks (PerBench). */
  VRES("vres"),
  /** Text-only referring segmentation (RefCOCO family, including gRefCOCO). */
  RES("res");

  private final String id;

  Task(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The task with this id; the message lists the valid ids. */
  public static Task fromId(String id) {
    for (Task t : values()) {
      if (t.id.equals(id)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown task '"
            + id
            + "'; expected one of "
            + Arrays.stream(values()).map(Task::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id;
  }
}
