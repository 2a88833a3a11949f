package dev.perbench.web;

import java.util.List;

/**
 * One page of the sample browser.
 *
 * @param tasks the tasks the result has samples of, in task order
 * @param total samples matching the query
 * @param pages pages of {@link SampleQuery#PAGE_SIZE}
 */
public record SamplePage(
    String entryId,
    SampleQuery query,
    List<String> tasks,
    List<SampleView> samples,
    int total,
    int pages) {}
