package dev.perbench.web;

import dev.perbench.harness.submissions.SubmissionCard;
import java.util.List;

/** An entry's page: its model card and its results. */
public record EntryView(String id, SubmissionCard card, List<EntryResult> results) {}
