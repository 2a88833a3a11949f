package dev.perbench.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MeteorTest {
  private static final String HYP1 =
      "It is a guide to action which ensures that the military"
          + " always obeys the commands of the party";
  private static final String REF1 =
      "It is a guide to action that ensures that the military"
          + " will forever heed Party commands";
  private static final String REF2 =
      "It is the guiding principle which guarantees the military"
          + " forces always being under the command of the Party";
  private static final String REF3 =
      "It is the practical guide for the army always to heed the" + " directions of the party";

  @Test
  @DisplayName("NLTK's doctests: 0.6944 for hypothesis 1, 0.0 for no match")
  void nltkDoctests() {
    assertEquals(0.6944444444444445, Meteor.single(REF1, HYP1), 0.0);
    assertEquals(0.6944444444444445, Meteor.score(List.of(REF1, REF2, REF3), HYP1), 0.0);
    assertEquals(0.0, Meteor.single("this is a cat", "non matching hypothesis"), 0.0);
  }

  @Test
  @DisplayName("empty or blank sentences score 0, as NLTK's ZeroDivisionError branch does")
  void degenerate() {
    assertEquals(0.0, Meteor.single("", "a dog"), 0.0);
    assertEquals(0.0, Meteor.single("a dog", ""), 0.0);
    assertEquals(0.0, Meteor.single(" \t", "\n"), 0.0);
    assertEquals(0.0, MeteorScorer.nltk().single(List.of(), List.of()), 0.0);
  }

  @Test
  @DisplayName("a perfect match scores 1 - 0.5 / m^3 (one chunk)")
  void perfect() {
    assertEquals(1 - 0.5 / 27, Meteor.single("a red car", "A RED CAR"), 1e-15);
    assertEquals(0.5, Meteor.single("dog", "dog"), 0.0);
  }

  @Test
  @DisplayName("the stages are exact, then Porter stem, then WordNet synonym, on what is left")
  void stages() {
    MeteorAlignment a =
        MeteorScorer.nltk()
            .align(
                PythonText.split("the dog sits on a sofa"),
                PythonText.split("the dogs sit on a couch"));
    assertEquals(
        List.of(
            new MeteorAlignment.Match(0, 0, MeteorAlignment.Stage.EXACT),
            new MeteorAlignment.Match(1, 1, MeteorAlignment.Stage.STEM),
            new MeteorAlignment.Match(2, 2, MeteorAlignment.Stage.STEM),
            new MeteorAlignment.Match(3, 3, MeteorAlignment.Stage.EXACT),
            new MeteorAlignment.Match(4, 4, MeteorAlignment.Stage.EXACT),
            new MeteorAlignment.Match(5, 5, MeteorAlignment.Stage.SYNONYM)),
        a.matches());
    assertEquals(1, a.chunks());
  }

  @Test
  @DisplayName("synonyms are found for and compared with stems: 'big' misses 'large' ('larg')")
  void synonymsMeetStems() {
    MeteorAlignment a =
        MeteorScorer.nltk()
            .align(PythonText.split("the big dog sits"), PythonText.split("the large dogs sit"));
    assertEquals(
        List.of(0, 2, 3), a.matches().stream().map(MeteorAlignment.Match::hypothesis).toList());
  }

  @Test
  @DisplayName("each hypothesis word, last first, takes the last free reference word (as NLTK)")
  void greedyOrder() {
    MeteorAlignment a =
        MeteorScorer.nltk().align(PythonText.split("the cat the"), PythonText.split("the the"));
    assertEquals(
        List.of(
            new MeteorAlignment.Match(0, 0, MeteorAlignment.Stage.EXACT),
            new MeteorAlignment.Match(1, 2, MeteorAlignment.Stage.EXACT)),
        a.matches());
    assertEquals(2, a.chunks());
  }

  @Test
  @DisplayName("the authors' swapped call differs from NLTK's order and both stay in [0, 1]")
  void conventions() {
    String prediction = "a large brown dog sitting on a red couch next to a small child";
    String groundTruth = "a dog on a sofa";
    double nltk = Meteor.score(prediction, groundTruth, MeteorConvention.NLTK);
    double swapped = Meteor.score(prediction, groundTruth, MeteorConvention.PIXEL_SAIL_SWAPPED);
    assertEquals(Meteor.single(groundTruth, prediction), nltk, 0.0);
    assertEquals(Meteor.single(prediction, groundTruth), swapped, 0.0);
    assertNotEquals(nltk, swapped);
    assertTrue(nltk >= 0 && nltk <= 1 && swapped >= 0 && swapped <= 1);
    assertEquals(MeteorConvention.PIXEL_SAIL_SWAPPED, MeteorConvention.fromId("pixel-sail"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MeteorConvention.fromId("coco"));
    assertTrue(e.getMessage().contains("[nltk, pixel-sail]"), e.getMessage());
  }

  @Test
  @DisplayName("no reference is an error (NLTK's max() of nothing); bad parameters are refused")
  void errors() {
    assertThrows(IllegalArgumentException.class, () -> Meteor.score(List.of(), "a dog"));
    assertThrows(
        IllegalArgumentException.class, () -> MeteorScorer.nltk().withParameters(1.5, 3, 0.5));
    assertThrows(
        IllegalArgumentException.class,
        () -> MeteorScorer.nltk().withParameters(0.9, Double.NaN, 0.5));
  }

  @Test
  @DisplayName("NLTK 3.8's recursive morphy finds synonyms that 3.9's single pass does not")
  void nltkVersions() {
    List<String> reference = List.of("guy");
    List<String> hypothesis = List.of("catsss"); // stem "catsss"; 3.8 finds "cat", hence "guy"
    assertEquals(0.0, MeteorScorer.of(NltkVersion.NLTK_3_9).single(reference, hypothesis), 0.0);
    assertEquals(0.5, MeteorScorer.of(NltkVersion.NLTK_3_8).single(reference, hypothesis), 0.0);
  }
}
