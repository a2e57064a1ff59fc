package io.lariat.agent.store;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An Ollama-style model name, {@code [host/][namespace/]model[:tag]}, with Ollama's defaults filled in.
 *
 * <p>A short name means exactly its defaults: {@code demo} is {@code registry.ollama.ai/library/demo:latest} and
 * {@code me/demo} is {@code registry.ollama.ai/me/demo:latest}; stores match names exactly, so a short name never
 * finds a model of another host or namespace.
 *
 * @param host      registry host, default {@value #DEFAULT_HOST}
 * @param namespace namespace, default {@value #DEFAULT_NAMESPACE}
 * @param model     model name, e.g. {@code llama3.1}
 * @param tag       tag, default {@value #DEFAULT_TAG}
 */
public record ModelName(String host, String namespace, String model, String tag) {
    /** The registry host of unqualified names. */
    public static final String DEFAULT_HOST = "registry.ollama.ai";
    /** The namespace of unqualified names. */
    public static final String DEFAULT_NAMESPACE = "library";
    /** The tag of names without one. */
    public static final String DEFAULT_TAG = "latest";

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

    /**
     * Parses a name such as {@code llama3.1:8b} or {@code example.com/me/model:q4}.
     *
     * @throws ModelStoreException when a part is empty or holds characters a name cannot have
     */
    public static ModelName parse(String text) {
        String rest = text.strip();
        String tag = DEFAULT_TAG;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String[] parts = rest.split("/", -1);
        if (parts.length > 3) {
            throw new ModelStoreException("invalid model name '" + text + "': expected [host/][namespace/]model[:tag]");
        }
        String host = parts.length == 3 ? parts[0] : DEFAULT_HOST;
        String namespace = parts.length >= 2 ? parts[parts.length - 2] : DEFAULT_NAMESPACE;
        String model = parts[parts.length - 1];
        if (!HOST.matcher(host).matches() || !PART.matcher(namespace).matches() || !PART.matcher(model).matches()
                || !PART.matcher(tag).matches()) {
            throw new ModelStoreException("invalid model name '" + text + "': expected [host/][namespace/]model[:tag]");
        }
        return new ModelName(host.toLowerCase(Locale.ROOT), namespace, model, tag);
    }

    /** Whether {@code text} names a model rather than a file path or URL. */
    public static boolean looksLikeName(String text) {
        return !text.contains("://") && !text.endsWith(".gguf") && !text.startsWith(".") && !text.startsWith("/");
    }

    /** This name on another registry host (the one it is pulled from). */
    public ModelName withHost(String newHost) {
        return new ModelName(newHost.toLowerCase(Locale.ROOT), namespace, model, tag);
    }

    /** The fully qualified form, {@code host/namespace/model:tag}, which is how a store files the model. */
    public String full() {
        return host + "/" + namespace + "/" + model + ":" + tag;
    }

    /** The short form users type: {@code model:tag}, qualified only where it differs from the defaults. */
    public String display() {
        String prefix = DEFAULT_HOST.equals(host) ? (DEFAULT_NAMESPACE.equals(namespace) ? "" : namespace + "/")
                : host + "/" + namespace + "/";
        return prefix + model + ":" + tag;
    }
}
