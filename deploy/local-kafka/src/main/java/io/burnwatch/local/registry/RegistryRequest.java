package io.burnwatch.local.registry;

/**
 * One HTTP request to the registry as its endpoints see it: the path as it came (still percent-encoded), the
 * Content-Type and Authorization headers (null when absent) and the body, already within the size limit.
 */
record RegistryRequest(String method, String rawPath, String contentType, String authorization, byte[] body) {
}
