package dev.perbench.harness.model;

import dev.perbench.data.model.Sample;

/**
 * What a model is asked: the sample (image, visual prompts, and for the oracle its target) and the
 * prompt text, the task's template applied to the sample's text, with {@code <PromptN>} slots.
 */
public record ModelInput(Sample sample, String prompt) {}
