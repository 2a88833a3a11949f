/**
 * The model-server protocol ({@code docs/model-server.md}, {@code docs/model-server.openapi.yaml}):
 * {@link dev.perbench.harness.http.HttpModel}, the client behind {@code --model http://HOST:PORT};
 * {@link dev.perbench.harness.http.EchoModelServer}, a zero-latency server for timing the harness
 * and for tests; {@link dev.perbench.harness.http.HttpThroughput}, that timing.
 *
 * <p>One sample per request: {@code POST /v1/predict} carries the task, the rendered prompt, the
 * image (base64 PNG/JPEG bytes, or a path on a shared file system) and the visual prompts as COCO
 * RLE, and the answer carries text and RLE masks. Throughput comes from requests in flight ({@code
 * --concurrency}), not from batching in the protocol.
 */
package dev.perbench.harness.http;
