/**
 * The client side of the submission API, for {@code perbench submit}: a streamed multipart upload
 * ({@link dev.perbench.web.client.MultipartBody}, gzip-compressed on the fly when asked by {@link
 * dev.perbench.web.client.GzipStream}) and the status of a submission ({@link
 * dev.perbench.web.client.SubmissionClient}).
 */
package dev.perbench.web.client;
