package dev.perbench.data.mini;

import dev.perbench.data.stbench.StBenchFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the three PerBench (STBench) task files, a scene at a time: {@code
 * STBench_Detailed_Caption.json} ({@code {image_name, object_annotations: [{segmentation,
 * caption}]}}, one record per scene), {@code STBench_MCQ.json} ({@code {image_name, mcqs: [{object,
 * question, answer}]}}, one record per scene) and {@code STBench_VRES.json} ({@code {image_name,
 * question, answer, segmentations: {tag: RLE}}}, one record per question). A scene without samples
 * for a task adds no record to that file.
 */
final class StBenchWriter implements Closeable {
  private final JsonOut.ListWriter captions;
  private final JsonOut.ListWriter mcq;
  private final JsonOut.ListWriter vres;

  StBenchWriter(Path dir) throws IOException {
    captions = JsonOut.ListWriter.file(dir.resolve(StBenchFiles.CAPTION_FILE));
    mcq = JsonOut.ListWriter.file(dir.resolve(StBenchFiles.MCQ_FILE));
    vres = JsonOut.ListWriter.file(dir.resolve(StBenchFiles.VRES_FILE));
  }

  void add(SceneSamples s) {
    String image = s.scene().imageName();
    if (!s.captions().isEmpty()) {
      List<Object> objects = new ArrayList<>();
      for (SceneSamples.Caption c : s.captions()) {
        Map<String, Object> o = JsonOut.object();
        o.put("segmentation", JsonOut.rle(c.shape().mask()));
        o.put("caption", c.text());
        objects.add(o);
      }
      Map<String, Object> record = JsonOut.object();
      record.put("image_name", image);
      record.put("object_annotations", objects);
      captions.add(record);
    }
    if (!s.mcqs().isEmpty()) {
      List<Object> questions = new ArrayList<>();
      for (McqItem q : s.mcqs()) {
        Map<String, Object> o = JsonOut.object();
        o.put("object", JsonOut.rle(q.shape().mask()));
        o.put("question", q.question());
        o.put("answer", q.answer());
        questions.add(o);
      }
      Map<String, Object> record = JsonOut.object();
      record.put("image_name", image);
      record.put("mcqs", questions);
      mcq.add(record);
    }
    for (VresItem v : s.vres()) {
      Map<String, Object> tags = new LinkedHashMap<>();
      for (VresItem.Tagged t : v.segmentations()) {
        tags.put(t.tag(), JsonOut.rle(t.shape().mask()));
      }
      Map<String, Object> record = JsonOut.object();
      record.put("image_name", image);
      record.put("question", v.question());
      record.put("answer", v.answer());
      record.put("segmentations", tags);
      vres.add(record);
    }
  }

  @Override
  public void close() throws IOException {
    try (captions;
        mcq;
        vres) {
      // closing all three, in order, even if one fails
    }
  }
}
