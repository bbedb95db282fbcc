package io.burnwatch.local.registry;

/** The registry's answer: a status and a JSON body in {@link SchemaRegistryHttp#CONTENT_TYPE}. */
record RegistryReply(int status, byte[] body) {
}
