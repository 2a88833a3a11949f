/**
 * LLM-judge scores of object descriptions: a client for any OpenAI-compatible chat-completions
 * endpoint ({@link dev.perbench.harness.judge.OpenAiChat}), the judge protocols with their
 * versioned templates, the judgement cache, and the judging of a run's captions. A failed or
 * unparseable judgement is counted, never turned into a number.
 */
package dev.perbench.harness.judge;
