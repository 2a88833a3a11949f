package dev.perbench.web.submit;

import java.nio.file.Path;

/**
 * An upload that passed the size checks and is stored: what the queue records.
 *
 * @param storedFile the decompressed prediction file, already fsync'd in the store
 * @param uploadedBytes the size as sent
 */
public record NewSubmission(
    String benchmark,
    String profile,
    String cardJson,
    String fileName,
    Path storedFile,
    String fileSha256,
    long uploadedBytes) {}
