package dev.perbench.data.stbench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.data.DataFile;
import dev.perbench.data.DataFormatException;
import dev.perbench.data.LoadedSplit;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.model.Task;
import dev.perbench.data.model.VisualPrompt;
import dev.perbench.metrics.mask.Mask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Loads PerBench's three task files into samples, record by record, as the authors' evaluation
 * scripts read them (their sample order and their V-T RES tag rules). Any problem is a {@link
 * DataFormatException} naming the file and the record; nothing is returned half-loaded.
 */
public final class StBenchLoader {
  private StBenchLoader() {}

  /** All three tasks: captions, then multiple choice, then V-T RES. */
  public static LoadedSplit load(StBenchFiles files, String benchmarkId) {
    List<Sample> samples = new ArrayList<>();
    samples.addAll(captions(files.caption(), files.images()));
    samples.addAll(multipleChoice(files.mcq(), files.images()));
    samples.addAll(referringSegmentation(files.vres(), files.images()));
    List<DataFile> provenance = new ArrayList<>();
    for (Path p : files.annotationFiles()) {
      provenance.add(DataFile.of(p));
    }
    return new LoadedSplit(benchmarkId, samples, provenance);
  }

  /** {@code STBench_Detailed_Caption.json}: one sample per object, id caption:record:object. */
  public static List<Sample> captions(Path file, Path images) {
    List<Sample> samples = new ArrayList<>();
    ImageSizes sizes = new ImageSizes(file, images);
    JsonRecords.forEach(
        file,
        (i, record) -> {
          String where = "record " + i;
          String image = JsonRecords.text(record, "image_name", file, where);
          JsonNode objects = JsonRecords.child(record, "object_annotations", true, file, where);
          for (int j = 0; j < objects.size(); j++) {
            String object = where + " object " + j;
            JsonNode o = objects.get(j);
            Mask region = sizes.mask(o.get("segmentation"), image, object + " \"segmentation\"");
            String caption = JsonRecords.text(o, "caption", file, object);
            samples.add(
                new Sample(
                    "caption:" + i + ":" + j,
                    Task.CAPTION,
                    sizes.image(image),
                    "",
                    List.of(new VisualPrompt(0, region)),
                    new Target.Descriptions(List.of(caption))));
          }
        });
    return samples;
  }

  /** {@code STBench_MCQ.json}: one sample per question, id mcq:record:question. */
  public static List<Sample> multipleChoice(Path file, Path images) {
    List<Sample> samples = new ArrayList<>();
    ImageSizes sizes = new ImageSizes(file, images);
    JsonRecords.forEach(
        file,
        (i, record) -> {
          String where = "record " + i;
          String image = JsonRecords.text(record, "image_name", file, where);
          JsonNode questions = JsonRecords.child(record, "mcqs", true, file, where);
          for (int j = 0; j < questions.size(); j++) {
            String item = where + " question " + j;
            JsonNode q = questions.get(j);
            Mask region = sizes.mask(q.get("object"), image, item + " \"object\"");
            String question = JsonRecords.text(q, "question", file, item);
            String answer = JsonRecords.text(q, "answer", file, item);
            Map<String, String> options = ChoiceOptions.parse(question);
            samples.add(
                new Sample(
                    "mcq:" + i + ":" + j,
                    Task.MCQ,
                    sizes.image(image),
                    question,
                    List.of(new VisualPrompt(0, region)),
                    new Target.Choice(
                        answer, options, ChoiceOptions.correctLetter(answer, options))));
          }
        });
    return samples;
  }

  /**
   * {@code STBench_VRES.json}: one sample per record, id vres:record. The tags of {@code
   * segmentations} are walked in file order; the k-th tag (counting every tag) owns slot {@code
   * <Prompt{k}>}. A tag found in the question (as rewritten so far, a plain substring test, as the
   * authors do) is replaced there and its mask becomes a visual prompt; otherwise a tag found in
   * the answer is the next target; a tag in neither is an error.
   */
  public static List<Sample> referringSegmentation(Path file, Path images) {
    List<Sample> samples = new ArrayList<>();
    ImageSizes sizes = new ImageSizes(file, images);
    JsonRecords.forEach(
        file,
        (i, record) -> {
          String where = "record " + i;
          String image = JsonRecords.text(record, "image_name", file, where);
          String question = JsonRecords.text(record, "question", file, where);
          String answer = JsonRecords.text(record, "answer", file, where);
          JsonNode segmentations = JsonRecords.child(record, "segmentations", false, file, where);
          List<VisualPrompt> prompts = new ArrayList<>();
          List<Mask> targets = new ArrayList<>();
          int slot = 0;
          for (Iterator<Map.Entry<String, JsonNode>> tags = segmentations.fields();
              tags.hasNext();
              slot++) {
            Map.Entry<String, JsonNode> tag = tags.next();
            Mask mask = sizes.mask(tag.getValue(), image, where + " tag '" + tag.getKey() + "'");
            if (question.contains(tag.getKey())) {
              question = question.replace(tag.getKey(), "<Prompt" + slot + ">");
              prompts.add(new VisualPrompt(slot, mask));
            } else if (answer.contains(tag.getKey())) {
              targets.add(mask);
            } else {
              throw new DataFormatException(
                  file,
                  where
                      + ": tag '"
                      + tag.getKey()
                      + "' occurs in neither the question nor the answer");
            }
          }
          if (targets.isEmpty()) {
            throw new DataFormatException(
                file,
                where
                    + ": no tag of \"segmentations\" occurs in the"
                    + " answer, so the record has no target to segment");
          }
          samples.add(
              new Sample(
                  "vres:" + i,
                  Task.VRES,
                  sizes.image(image),
                  question,
                  prompts,
                  new Target.Masks(targets, false)));
        });
    return samples;
  }
}
