package io.lariat.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.prompts.parse.BuiltinToolCall;
import io.lariat.tools.BuiltinTools;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Researcher tasks: a question about a topic of the bundled sample corpus, the {@code brave_search} call that copies
 * the topic, and an answer that copies the top result's sentence and cites its title and address.
 */
final class ResearcherTasks implements TaskSource {

    /** The sample corpus's subjects, as a user would name them. */
    private static final List<String> TOPICS = List.of("Apollo 11", "DNA", "GGUF", "GraalVM", "the Java Vector API",
            "Java virtual threads", "the Java Virtual Machine", "Llama 3.1", "Llama 3.2", "the Llama 3 architecture",
            "llama.cpp", "Apache Lucene", "Mount Everest", "Paris", "photosynthesis", "model quantization", "Quarkus",
            "the Solar System", "the speed of light", "Tokyo", "the Transformer", "water");
    /** Things people ask about, in and beyond the corpus: the call copies them whatever they are. */
    private static final List<String> SUBJECTS = List.of("mount everest", "everest", "apollo 11", "the moon landing",
            "dna", "the double helix", "gguf", "gguf files", "graalvm", "graalvm native image", "the vector api",
            "java virtual threads", "virtual threads", "the jvm", "the java virtual machine", "llama 3.1", "llama 3.2",
            "llama 3", "llama.cpp", "lucene", "apache lucene", "paris", "the eiffel tower", "photosynthesis", "plants",
            "quantization", "q4_0", "q8_0", "quarkus", "the solar system", "jupiter", "mars", "the sun",
            "the speed of light", "light", "tokyo", "japan", "the transformer", "attention", "water", "ice",
            "the pacific ocean", "the amazon river", "the great wall of china", "mount fuji", "the nile", "london",
            "berlin", "new york", "the roman empire", "the printing press", "electricity", "gravity", "black holes",
            "the internet", "linux", "python", "rust", "kubernetes", "bitcoin", "coffee", "chocolate", "bees",
            "dolphins", "elephants", "volcanoes", "earthquakes", "rainbows", "the human heart", "vitamin c",
            "penicillin", "the olympic games", "the first computer", "the telephone", "shakespeare", "mozart",
            "the beatles", "chess", "football", "the moon", "saturn's rings", "climate change", "solar panels",
            "electric cars", "the stock market", "inflation", "the french revolution", "ancient egypt",
            "the pyramids", "dinosaurs", "the ice age", "the milky way", "comets", "hurricanes", "tea",
            "rice", "bread", "cheese", "the violin", "jazz", "origami", "sushi", "the metric system", "pi",
            "a compiler", "a neural network", "a database", "a file format", "a black hole", "a volcano",
            "a language model", "a tokenizer", "a web server", "a hash map", "a vaccine", "a glacier", "an atom",
            "an electron", "an api", "an embedding", "a gpu", "a cpu cache", "a lighthouse", "a satellite",
            "eiffel tower", "solar system", "great wall of china", "roman empire", "speed of sound",
            "the boiling point of water", "the capital of italy", "the size of the moon", "the age of the universe",
            "the history of tea", "the rules of chess", "the theory of relativity", "the law of gravity");
    /** Places where a subject is meant: "virtual threads in java", "attention in transformers". */
    private static final List<String> CONTEXTS = List.of("java", "python", "rust", "linux", "space", "europe",
            "asia", "physics", "chemistry", "biology", "history", "machine learning", "llama 3", "the jvm",
            "the browser", "the kitchen", "the ocean", "winter", "2024", "school");
    /** Questions whose own words are the search: the call copies the whole question. */
    private static final List<String> QUESTIONS = List.of("how tall is %s", "how old is %s", "who made %s",
            "who invented %s", "who discovered %s", "when was %s created", "when was %s built", "where is %s",
            "how big is %s", "how does %s work", "what is %s made of", "why is %s important", "who uses %s",
            "how fast is %s", "how heavy is %s", "what does %s do", "how many people live in %s",
            "when did %s start", "how far away is %s", "what is %s used for", "who founded %s", "how hot is %s",
            "why is %s famous", "how long is %s", "what color is %s", "where does %s come from",
            "how deep is %s", "who wrote about %s", "when was %s discovered", "how is %s made");
    /** The same questions as clauses inside a longer sentence ("i wonder how tall everest is"). */
    private static final List<String> CLAUSES = List.of("how tall %s is", "how old %s is", "who made %s",
            "who invented %s", "when %s was created", "where %s is", "how big %s is", "how %s works",
            "what %s is made of", "why %s is important", "what %s does", "when %s started", "how fast %s is",
            "what %s is", "what %s are", "how far away %s is", "when %s was discovered", "who founded %s");
    private static final List<String> CLAUSE_LEADS = List.of("can you find out ", "i wonder ", "do you know ",
            "I'd like to know ", "find out ", "search for ", "please look up ", "tell me ", "I want to know ",
            "any idea ", "could you check ", "look up ");
    /** Keywords after a subject, as typed into a search box: "mount everest height". */
    private static final List<String> KEYWORDS = List.of("height", "history", "size", "age", "facts", "inventor",
            "population", "parameters", "location", "definition", "origin", "speed", "temperature", "weight",
            "founder", "meaning", "crew", "format", "extensions", "garbage collection", "boiling point",
            "double helix", "native image", "context window", "sizes", "release date", "capital", "architecture",
            "license", "benchmarks", "examples", "tutorial", "price", "map", "news", "photos", "timeline",
            "pros and cons", "vs java", "performance", "memory use");
    private static final Phrasebook ENGLISH = new Phrasebook(
            List.of("", "Hi, ", "Hello! ", "Hey, ", "Quick question: ", "Research question: ", "OK, ", "So, ",
                    "hey ", "ok so ", "pls ", "um ", "Hi there, "),
            List.of("Tell me about %s.", "What is %s?", "Search for %s.", "Look up %s.", "What do you know about %s?",
                    "Find information on %s.", "I want to learn about %s.", "Give me a fact about %s.",
                    "What can you find about %s?", "Search the web for %s.", "Can you look up %s for me?",
                    "Find a source about %s.", "What does the web say about %s?", "I need information on %s.",
                    "What's %s?", "What are %s?", "%s", "%s?", "Explain %s.", "Research %s.", "Google %s.",
                    "Find something on %s.", "Search %s.", "%s - what is it?", "Info on %s?", "Anything on %s?",
                    "Tell me something about %s.", "Look into %s.", "Who or what is %s?", "Facts about %s?",
                    "Do a search on %s.", "Can you research %s?", "I'm curious about %s."),
            List.of("", " Thanks!", " Thank you.", " Please.", " Cite the source.", " Keep it short.", " pls",
                    " thx", " please", " for me", "??", " briefly"),
            true);
    /** A whole question or keyword search as the core: the call copies it. */
    private static final Phrasebook QUERY = new Phrasebook(
            List.of("", "Hi, ", "Hey, ", "OK, ", "So ", "hey ", "ok so ", "Quick question: ", "um ", "Hmm, "),
            List.of("%s?", "%s", "%s??"),
            List.of("", " Thanks!", " Please.", " pls", " thx", " Cite the source.", " Keep it short."),
            true);
    /**
     * Free questions as people ask them ("when did apollo 11 land on the moon", "what river runs through paris"):
     * a question word, an auxiliary, the subject and a predicate, or a question word and verb before the subject.
     * The words carry no meaning the model must learn; the call copies the whole question, whatever it says.
     */
    private static final List<String> WH = List.of("when", "how", "why", "where", "what", "who", "how often",
            "how long", "how much", "in which year", "at what temperature", "for how long", "since when");
    private static final List<String> AUXILIARIES = List.of("did", "does", "do", "is", "was", "can", "will", "has",
            "should", "would", "are", "could");
    private static final List<String> PREDICATES = List.of("land on the moon", "become the capital", "come from",
            "work", "start", "end", "get its name", "boil", "freeze", "grow", "move", "change", "begin",
            "take to reach earth", "need to grow", "get released", "use", "look like", "weigh", "stand for",
            "mean", "run on", "fit in memory", "compare to the sun", "matter", "cost", "last", "spin",
            "get discovered", "become popular", "help people", "make money", "travel so fast", "get so big",
            "affect the weather", "support chinese", "handle errors", "store data", "save energy", "shine",
            "sound like", "taste like", "smell", "break", "melt", "survive the winter", "reach the top",
            "get to space", "speed up java", "run without a gpu", "load a model", "work offline");
    private static final List<String> VERBS = List.of("first climbed", "discovered", "built", "walked on",
            "runs through", "invented", "named", "orbits", "lives in", "powers", "feeds", "created", "designed",
            "wrote", "funds", "maintains", "owns", "explored", "mapped", "measured", "photographed", "replaced",
            "uses", "beat", "sank", "rules", "protects", "crossed", "painted", "studied");
    /**
     * Verbs and prepositions that build predicates of their own ("come in rust", "run on linux"), so that the words
     * after a subject are not a closed list the model could recite instead of copying them (the session-9 model
     * wrote "come from" for "come in" and "how far away is" for "how far is").
     */
    private static final List<String> VERB_BASES = List.of("come", "happen", "run", "fit", "grow", "live", "begin",
            "go", "stay", "turn", "fall", "rise", "get", "look", "work", "move", "sit", "show up", "end up", "fail",
            "appear", "arrive", "change", "compare", "differ", "connect", "depend", "rely", "belong", "start");
    private static final List<String> PREPOSITIONS = List.of("in", "on", "at", "for", "from", "with", "into",
            "after", "before", "under", "near", "without", "through", "about", "to");
    /** Past participles for "when was llama 3.1 released", "where was penicillin first made". */
    private static final List<String> PARTICIPLES = List.of("released", "published", "launched", "founded",
            "named", "made", "written", "designed", "first used", "first seen", "announced", "opened", "closed",
            "sold", "renamed", "replaced", "banned", "tested", "adopted", "introduced", "measured", "mapped",
            "called", "known as", "based on", "used for", "made from", "written in", "built with");
    /** Verbs for "why use quarkus", "how to install linux". */
    private static final List<String> ACTIONS = List.of("use", "learn", "install", "visit", "quantize", "study",
            "avoid", "buy", "cook", "measure", "train", "run", "build", "test", "update", "read about", "try",
            "compare", "explain", "choose");
    private static final List<String> NOUNS = List.of("planets", "people", "moons", "languages", "layers",
            "parameters", "tokens", "countries", "bones", "colors", "steps", "versions", "sizes", "rivers",
            "bridges", "threads", "files", "cores", "stars", "species", "islands", "museums", "teams", "records");
    /** "What's the population of paris" searches "population of paris": an attribute of the subject. */
    private static final List<String> ATTRIBUTES = List.of("population", "capital", "height", "size", "speed",
            "age", "history", "chemical formula", "boiling point", "melting point", "temperature", "weight",
            "inventor", "founder", "origin", "meaning", "release date", "context window", "architecture",
            "main language", "diameter", "distance", "depth", "length", "price", "area", "color", "name",
            "largest city", "official language", "first version", "latest version");
    private static final List<String> SUPERLATIVES = List.of("largest", "biggest", "smallest", "oldest", "newest",
            "tallest", "fastest", "hottest", "coldest", "longest", "deepest", "most famous", "most popular", "best");
    private static final Phrasebook ATTRIBUTE = new Phrasebook(
            List.of("", "Hi, ", "hey ", "ok so ", "Quick question: ", "um ", "So, "),
            List.of("What's the %s?", "What is the %s?", "whats the %s", "Tell me the %s.", "Look up the %s.",
                    "Do you know the %s?", "Find the %s.", "What was the %s?", "the %s?", "Search the %s."),
            List.of("", " Thanks!", " pls", " thx", " please", "??", " Cite the source."),
            true);
    private static final Phrasebook CHINESE = new Phrasebook(List.of("", "你好，", "请问，", "麻烦你，"),
            List.of("搜索一下 %s。", "%s 是什么？", "介绍一下 %s。", "帮我查一下 %s。", "搜索 %s", "%s是什么", "查一下%s",
                    "%s 是什么东西", "给我讲讲 %s", "关于 %s 的资料", "什么是 %s", "什么是%s？", "%s 是做什么的",
                    "%s 是什么意思", "%s 是多少"), List.of("", "谢谢！", "谢谢。", "谢谢"), false);
    /** Chinese questions about a subject as typed, copied whole: "Mount Everest 有多高". */
    private static final List<String> CHINESE_PREDICATES = List.of("有多高", "有多大", "有多重", "有多远", "有多长",
            "有多深", "有多快", "有多热", "有多老", "什么时候开始", "什么时候建成", "什么时候发布", "什么时候登月",
            "是谁发明的", "是谁发现的", "是谁建的", "是谁写的", "在哪里", "怎么工作", "是怎么来的", "有什么用", "为什么重要",
            "为什么有名", "是什么颜色");
    /**
     * Chinese attribute questions search the subject and the attribute, like "population of paris": "Tokyo 的人口是多少"
     * and "Tokyo 有多少人口" search {@code Tokyo 人口}.
     */
    private static final List<String> CHINESE_ATTRIBUTES = List.of("人口", "沸点", "高度", "面积", "温度", "历史",
            "大小", "重量", "速度", "参数", "年龄", "首都", "长度", "价格", "作者", "发明者", "颜色", "语言", "版本", "熔点");
    private static final List<String> CHINESE_ATTRIBUTE_FRAMES = List.of("%s 的%s", "%s的%s", "%s 的%s是多少",
            "%s的%s是多少", "%s 的%s是什么", "%s 的%s是多少？", "%s 的%s有多少");
    /** Counted attributes, asked as "X 有多少人口". */
    private static final List<String> CHINESE_COUNTED = List.of("人口", "参数", "版本", "语言", "颜色", "卫星", "员工");
    /** "What's java's vector api", "how long is llama 3.1's context window": the search drops the possessive. */
    private static final Phrasebook POSSESSIVE = new Phrasebook(
            List.of("", "Hi, ", "hey ", "ok so ", "Quick question: ", "um ", "So, "),
            List.of("What's %s?", "What is %s?", "whats %s", "how long is %s", "how big is %s", "Tell me %s.",
                    "Look up %s.", "%s?", "What was %s?", "How large is %s?", "Find %s."),
            List.of("", " Thanks!", " pls", " thx", " please", "??"),
            true);
    /** Head nouns of compound terms: "what is the transformer model" searches "transformer model". */
    private static final List<String> HEADS = List.of("model", "file", "format", "quantization", "library",
            "engine", "api", "language", "framework", "project", "mission", "system", "structure", "module",
            "server", "runtime", "process", "algorithm", "method", "theory", "effect", "cycle");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public DemoTask next(SplittableRandom random, Phrasing phrasing) {
        boolean chinese = random.nextInt(100) < 12;
        String query;
        String question;
        int kind = random.nextInt(100);
        if (chinese) {
            String subject = withoutArticle(random.nextBoolean() ? TaskSource.pick(random, TOPICS)
                    : TaskSource.pick(random, SUBJECTS));
            int form = random.nextInt(6);
            if (form < 2) {
                query = subject + (random.nextBoolean() ? " " : "") + TaskSource.pick(random, CHINESE_PREDICATES);
                question = QUERY.compose(random, phrasing, query);
            } else if (form == 2) {
                boolean counted = random.nextInt(3) == 0;
                String attribute = TaskSource.pick(random, counted ? CHINESE_COUNTED : CHINESE_ATTRIBUTES);
                query = subject + " " + attribute;
                String core = counted ? subject + (random.nextBoolean() ? " " : "") + "有多少" + attribute
                        : String.format(java.util.Locale.ROOT, TaskSource.pick(random, CHINESE_ATTRIBUTE_FRAMES),
                                subject, attribute);
                question = QUERY.compose(random, phrasing, "%s").replace("%s", core);
            } else {
                query = subject;
                question = CHINESE.compose(random, phrasing, query);
            }
        } else if (kind < 33) {
            String term = term(random);
            query = term;
            question = ENGLISH.compose(random, phrasing, spoken(random, term));
        } else if (kind < 48) {
            query = String.format(java.util.Locale.ROOT, TaskSource.pick(random, QUESTIONS), subject(random));
            question = QUERY.compose(random, phrasing, query);
        } else if (kind < 68) {
            query = freeQuestion(random);
            question = QUERY.compose(random, phrasing, query);
        } else if (kind < 75) {
            query = attribute(random);
            question = ATTRIBUTE.compose(random, phrasing, query);
        } else if (kind < 81) {
            String owner = owner(random);
            String attribute = TaskSource.pick(random, random.nextBoolean() ? ATTRIBUTES : KEYWORDS);
            query = withoutArticle(owner) + " " + attribute;
            question = POSSESSIVE.compose(random, phrasing, owner + "'s " + attribute);
        } else if (kind < 89) {
            query = String.format(java.util.Locale.ROOT, TaskSource.pick(random, CLAUSES), subject(random));
            question = QUERY.compose(random, phrasing, TaskSource.pick(random, CLAUSE_LEADS) + "%s")
                    .replace("%s", query);
        } else {
            query = withoutArticle(subject(random)) + " " + TaskSource.pick(random, KEYWORDS);
            question = QUERY.compose(random, phrasing, query);
        }
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("query", query);
        return new DemoTask(DemoAgent.RESEARCHER, question, new BuiltinToolCall(BuiltinTools.SEARCH, args),
                output -> answer(output, chinese));
    }

    /** A question in free words around a subject: "when did apollo 11 land on the moon". */
    static String freeQuestion(SplittableRandom r) {
        String subject = subject(r);
        return switch (r.nextInt(7)) {
            case 4 -> (r.nextBoolean() ? "what " : "which ") + TaskSource.pick(r, NOUNS).replaceAll("s$", "") + " "
                    + TaskSource.pick(r, AUXILIARIES) + " " + subject + " " + TaskSource.pick(r, PREDICATES);
            case 5 -> TaskSource.pick(r, List.of("why ", "how to ", "why do people ", "when to ", "where to "))
                    + TaskSource.pick(r, ACTIONS) + " " + subject;
            case 0, 1 -> TaskSource.pick(r, WH) + " " + TaskSource.pick(r, AUXILIARIES) + " " + subject + " "
                    + predicate(r);
            case 6 -> TaskSource.pick(r, WH) + " " + (r.nextBoolean() ? "was " : "is ") + subject + " "
                    + TaskSource.pick(r, PARTICIPLES) + (r.nextBoolean() ? "" : " " + TaskSource.pick(r, PREPOSITIONS)
                    + " " + withoutArticle(TaskSource.pick(r, SUBJECTS)));
            case 2 -> (r.nextBoolean() ? "who " : "what ") + TaskSource.pick(r, VERBS) + " " + subject
                    + (r.nextInt(3) == 0 ? " first" : "");
            default -> "how many " + TaskSource.pick(r, NOUNS) + " " + TaskSource.pick(r, AUXILIARIES) + " "
                    + (r.nextBoolean() ? "in " : "") + subject + (r.nextBoolean() ? "" : " "
                    + TaskSource.pick(r, PREDICATES));
        };
    }

    /** A predicate from the list, or built from a verb, a preposition and an object ("come in rust"). */
    private static String predicate(SplittableRandom r) {
        if (r.nextBoolean()) {
            return TaskSource.pick(r, PREDICATES);
        }
        String object = switch (r.nextInt(3)) {
            case 0 -> TaskSource.pick(r, SUBJECTS);
            case 1 -> TaskSource.pick(r, NOUNS);
            default -> TaskSource.pick(r, CONTEXTS);
        };
        return TaskSource.pick(r, VERB_BASES) + " " + TaskSource.pick(r, PREPOSITIONS) + " " + object;
    }

    /** An attribute or a superlative of a subject: "population of paris", "largest planet in the solar system". */
    static String attribute(SplittableRandom r) {
        return r.nextInt(3) == 0
                ? TaskSource.pick(r, SUPERLATIVES) + " " + TaskSource.pick(r, NOUNS).replaceAll("s$", "") + " in "
                        + subject(r)
                : TaskSource.pick(r, ATTRIBUTES) + " of " + subject(r);
    }

    /**
     * What a definitional question or a command names, as the call writes it: the subject without its article
     * ("what is the java virtual machine" searches "java virtual machine", "look up a black hole" searches "black
     * hole"), sometimes with a keyword ("search for transformer attention"), a head noun ("what is the transformer
     * model" searches "transformer model") or a context ("virtual threads in java").
     */
    static String term(SplittableRandom r) {
        String bare = withoutArticle(subject(r));
        return switch (r.nextInt(8)) {
            case 0 -> bare + " " + TaskSource.pick(r, KEYWORDS);
            case 1 -> bare + " in " + TaskSource.pick(r, CONTEXTS);
            case 2 -> bare + " " + TaskSource.pick(r, HEADS);
            default -> bare;
        };
    }

    /** The term as the user says it: after "the" or "a" when the subject has one, sometimes without. */
    static String spoken(SplittableRandom r, String term) {
        int kind = r.nextInt(6);
        return kind < 2 ? "the " + term : kind == 2 ? (term.matches("[aeiou].*") ? "an " : "a ") + term : term;
    }

    /** "the jvm" is "jvm", "a black hole" is "black hole"; other subjects are unchanged. */
    static String withoutArticle(String subject) {
        return subject.replaceFirst("^(?i:the|an?) ", "");
    }

    /** A subject that reads as an owner before "'s": one without an "of" phrase or a possessive of its own. */
    private static String owner(SplittableRandom r) {
        while (true) {
            String subject = subject(r);
            if (!subject.contains("'") && !subject.contains(" of ")) {
                return subject;
            }
        }
    }

    /** A subject as typed: a corpus topic as written, or any subject in lower case. */
    private static String subject(SplittableRandom r) {
        return r.nextInt(4) == 0 ? TaskSource.pick(r, TOPICS) : TaskSource.pick(r, SUBJECTS);
    }

    /**
     * Copies the top result's sentence and cites it; the value a correct answer must contain is that sentence.
     * Without results (or with unreadable output) the answer says so and must contain the tool's text.
     */
    static DemoTask.Answer answer(String output, boolean chinese) {
        JsonNode top = firstResult(output);
        if (top == null) {
            return new DemoTask.Answer(chinese ? "抱歉，没有找到结果。" : "Sorry, the search found nothing.", output);
        }
        String sentence = top.path("snippet").asText();
        String source = top.path("title").asText() + ", " + top.path("url").asText();
        String text = chinese ? "根据搜索结果：" + sentence + "（来源：" + source + "）"
                : sentence + " (Source: " + source + ")";
        return new DemoTask.Answer(text, sentence);
    }

    private static JsonNode firstResult(String output) {
        try {
            JsonNode node = JSON.readTree(output);
            return node.isArray() && !node.isEmpty() && node.get(0).hasNonNull("snippet") ? node.get(0) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
