/**
 * The model-server protocol ({@code docs/model-server.md}, {@code docs/model-server.openapi.yaml}):
 * {@link dev.perbench.harness.http.HttpModel}, the client behind {@code --model http://HOST:PORT}.
 * The loopback test servers and throughput probes are in the {@code bench} module.
 *
 * <p>One sample per request: {@code POST /v1/predict} carries the task, the rendered prompt, the
 * image (base64 PNG/JPEG bytes, or a path on a shared file system) and the visual prompts as COCO
 * RLE, and the answer carries text and RLE masks. Throughput comes from requests in flight ({@code
 * --concurrency}), not from batching in the protocol.
 */
package dev.perbench.harness.http;
