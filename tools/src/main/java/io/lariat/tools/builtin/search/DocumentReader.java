package io.lariat.tools.builtin.search;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Markdown, HTML and plain text into a title and plain text for indexing. Stateless.
 *
 * <p>Markdown: the title is the front matter's {@code title:} or the first {@code #} heading; markup is removed.
 * HTML: the title is {@code <title>} or the first {@code <h1>}; scripts, styles and tags are removed and entities
 * decoded. Text: the first line is the title when it is short. Otherwise the file name is the title.
 */
final class DocumentReader {

    private static final Pattern FRONT_MATTER = Pattern.compile("\\A---\\R(.*?)\\R---\\R", Pattern.DOTALL);
    private static final Pattern FRONT_TITLE = Pattern.compile("(?m)^title:\\s*[\"']?(.+?)[\"']?\\s*$");
    private static final Pattern MD_HEADING = Pattern.compile("(?m)^#\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern HTML_TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final Pattern HTML_H1 = Pattern.compile("(?is)<h1[^>]*>(.*?)</h1>");
    private static final Pattern HTML_DROP = Pattern.compile("(?is)<(script|style|head)[^>]*>.*?</\\1>|<!--.*?-->");
    private static final Pattern HTML_BLOCK = Pattern.compile("(?i)</?(p|div|br|li|h[1-6]|tr|section|article)[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]+>");
    private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|[a-zA-Z]+);");
    private static final Map<String, String> ENTITIES = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "apos", "'", "nbsp", " ", "mdash", "—", "ndash", "–", "hellip", "…", "deg", "°");

    /** A document's title and plain text. */
    record Parsed(String title, String text) {
    }

    private DocumentReader() {
    }

    /** Whether the file name has an extension this reader understands. */
    static boolean supports(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".md") || lower.endsWith(".markdown") || lower.endsWith(".txt")
                || lower.endsWith(".text") || lower.endsWith(".html") || lower.endsWith(".htm");
    }

    /** Reads a document: title and plain text. */
    static Parsed read(String fileName, String content) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".html") || lower.endsWith(".htm")) {
            return html(fileName, content);
        }
        if (lower.endsWith(".md") || lower.endsWith(".markdown")) {
            return markdown(fileName, content);
        }
        return text(fileName, content);
    }

    private static Parsed markdown(String fileName, String content) {
        String body = content;
        String title = null;
        Matcher front = FRONT_MATTER.matcher(body);
        if (front.find()) {
            Matcher t = FRONT_TITLE.matcher(front.group(1));
            title = t.find() ? t.group(1) : null;
            body = body.substring(front.end());
        }
        Matcher heading = MD_HEADING.matcher(body);
        if (title == null && heading.find()) {
            title = heading.group(1);
        }
        String plain = body.replaceAll("(?m)^```.*$", "")
                .replaceAll("!\\[([^]]*)]\\([^)]*\\)", "$1")
                .replaceAll("\\[([^]]*)]\\([^)]*\\)", "$1")
                .replaceAll("(?m)^\\s{0,3}#{1,6}\\s*", "")
                .replaceAll("(?m)^\\s*[-*+>]\\s+", "")
                .replaceAll("[*_`]{1,3}", "");
        return new Parsed(title == null ? baseName(fileName) : title.strip(), normalise(plain));
    }

    private static Parsed html(String fileName, String content) {
        Matcher t = HTML_TITLE.matcher(content);
        Matcher h1 = HTML_H1.matcher(content);
        String title = t.find() ? t.group(1) : h1.find() ? h1.group(1) : null;
        String body = HTML_DROP.matcher(content).replaceAll(" ");
        body = HTML_BLOCK.matcher(body).replaceAll("\n");
        body = TAG.matcher(body).replaceAll("");
        String cleanTitle = title == null ? baseName(fileName) : decode(TAG.matcher(title).replaceAll("")).strip();
        return new Parsed(cleanTitle, normalise(decode(body)));
    }

    private static Parsed text(String fileName, String content) {
        String first = content.strip().lines().findFirst().orElse("");
        boolean titled = !first.isBlank() && first.length() <= 120;
        String body = titled ? content.strip().substring(first.length()) : content;
        return new Parsed(titled ? first.strip() : baseName(fileName), normalise(body));
    }

    static String decode(String text) {
        return ENTITY.matcher(text).replaceAll(m -> {
            String name = m.group(1);
            String decoded = ENTITIES.getOrDefault(name, m.group());
            try {
                if (name.startsWith("#x") || name.startsWith("#X")) {
                    decoded = Character.toString(Integer.parseInt(name.substring(2), 16));
                } else if (name.startsWith("#")) {
                    decoded = Character.toString(Integer.parseInt(name.substring(1)));
                }
            } catch (IllegalArgumentException e) {
                // a malformed or out-of-range character reference stays as written
                decoded = m.group();
            }
            return Matcher.quoteReplacement(decoded);
        });
    }

    private static String normalise(String text) {
        return text.replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll(" ?\\n[ \\n]*", "\n").strip();
    }

    private static String baseName(String fileName) {
        String name = fileName.substring(fileName.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).replace('-', ' ').replace('_', ' ');
    }
}
