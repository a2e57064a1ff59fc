package io.lariat.tools.builtin.search;

/**
 * A document ready for indexing.
 *
 * @param key unique identity in the index (absolute path, or {@code samples/NAME} for bundled documents)
 * @param url what results show as the address
 * @param title the title
 * @param text the plain text body
 * @param version changes whenever the source changes (modification time and size, or a content hash)
 */
record SourceDocument(String key, String url, String title, String text, String version) {
}
