/**
 * PerBench, in its release format (called STBench in the authors' code): {@code
 * STBench_Detailed_Caption.json}, {@code STBench_MCQ.json} and {@code STBench_VRES.json} beside an
 * image folder, read the way the authors' evaluation scripts read them.
 */
package dev.perbench.data.stbench;
