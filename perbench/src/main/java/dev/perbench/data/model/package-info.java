/**
 * One data model for every benchmark: a benchmark's split holds samples of one or more {@link
 * dev.perbench.data.model.Task}s; a {@link dev.perbench.data.model.Sample} has a stable id, an
 * image reference, its text, its visual prompts (masks in {@code <PromptN>} slots) and its {@link
 * dev.perbench.data.model.Target}.
 */
package dev.perbench.data.model;
