package dev.perbench.harness.judge;

import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.model.Task;
import dev.perbench.harness.model.Prediction;
import dev.perbench.harness.score.PredictionSource;
import dev.perbench.metrics.choice.ChoiceProfile;
import dev.perbench.metrics.choice.ChoiceQuestion;
import dev.perbench.metrics.choice.Verdict;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The mcq samples of a benchmark as {@code --judge-mcq} sees them: every mcq sample in order, which
 * of them the strict extractor already scored correct, and the answers it could not parse (the only
 * ones a judge is asked about). A missing or failed prediction is never asked: it is wrong, as in
 * the mcq accuracy.
 *
 * @param sampleIds every mcq sample's id, in the samples' order (the mcq accuracy's denominator)
 * @param strictCorrect by index into {@code sampleIds}: the samples scored correct without a judge
 * @param asked the answers scored unparsed under the profile, in the samples' order
 */
public record McqItems(List<String> sampleIds, BitSet strictCorrect, List<McqItem> asked) {
  public McqItems {
    sampleIds = List.copyOf(sampleIds);
    strictCorrect = (BitSet) strictCorrect.clone();
    asked = List.copyOf(asked);
  }

  /** The mcq samples of {@code samples}, judged by {@code profile} as the evaluator judges them. */
  public static McqItems of(
      List<Sample> samples, PredictionSource predictions, ChoiceProfile profile) {
    List<String> ids = new ArrayList<>();
    BitSet correct = new BitSet();
    List<McqItem> asked = new ArrayList<>();
    for (Sample s : samples) {
      if (s.task() != Task.MCQ) {
        continue;
      }
      int index = ids.size();
      ids.add(s.id());
      Prediction p = predictions.get(s.id());
      if (p == null || p.failed() || p.text() == null) {
        continue; // wrong, and not asked
      }
      Target.Choice c = (Target.Choice) s.target();
      Verdict v =
          profile.judge(p.text(), new ChoiceQuestion(c.options(), c.correctLetter(), c.answer()));
      if (v == Verdict.CORRECT) {
        correct.set(index);
      } else if (v == Verdict.UNPARSED) {
        asked.add(new McqItem(s.id(), s.text(), c.options(), c.correctLetter(), p.text()));
      }
    }
    return new McqItems(ids, correct, asked);
  }

  /** The samples scored correct without a judge. */
  public long strictCorrectCount() {
    return strictCorrect.cardinality();
  }
}
