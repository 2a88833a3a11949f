/**
 * METEOR exactly as NLTK computes it ({@code nltk.translate.meteor_score}), for the PerBench
 * detailed-description task.
 *
 * <p>{@link dev.perbench.metrics.text.Meteor} is the entry point; {@link
 * dev.perbench.metrics.text.MeteorScorer} holds the parameters (alpha 0.9, beta 3, gamma 0.5) and
 * the NLTK release whose WordNet lemmatiser to follow ({@link
 * dev.perbench.metrics.text.NltkVersion}); {@link dev.perbench.metrics.text.MeteorConvention} names
 * which string is the hypothesis: NLTK's documented order, or the PerBench authors' swapped call.
 * The pieces are NLTK's, one class each: Python's {@code str.split()} and {@code str.lower()}
 * ({@link dev.perbench.metrics.text.PythonText}), the Porter stemmer in NLTK's extended mode
 * ({@link dev.perbench.metrics.text.PorterStemmer}), WordNet 3.0 read from the Princeton files
 * (package-private {@code WordNet}, from the {@code extjwnl-data-wn30} jar) with NLTK's morphy
 * ({@code Morphy}) giving the synonym sets ({@link dev.perbench.metrics.text.WordNetSynonyms}), and
 * the three-stage alignment ({@link dev.perbench.metrics.text.MeteorAlignment}).
 *
 * <p>Checked against NLTK itself: {@code metrics/src/test/python/gen_meteor.py} writes the vectors
 * in {@code src/test/resources/reference/} (meteor.json, porter.json, wordnet_synonyms.json).
 * Scores equal NLTK's bit for bit except where the C library's {@code pow} misrounds the
 * fragmentation penalty (see {@code FragmentationPenalty}); the difference is then one unit in the
 * last place.
 *
 * <p>Everything is pure and thread-safe; WordNet is read once per JVM, on first use (about a
 * second, some 50 MB of heap).
 */
package dev.perbench.metrics.text;
