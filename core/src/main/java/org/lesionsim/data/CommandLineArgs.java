package org.lesionsim.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's command lines: {@code --name value} pairs plus named flags that take no value
 * (e.g. {@code --mirror}, {@code --resume}); anything else is refused with the usage line. An option
 * given twice keeps its last value, except through {@link #all}, which sees every one (e.g. repeated
 * {@code --note key=value}).
 */
public final class CommandLineArgs {
    private final Map<String, String> values;
    private final Map<String, List<String>> repeated;
    private final String usage;

    private CommandLineArgs(Map<String, String> values, Map<String, List<String>> repeated, String usage) {
        this.values = values;
        this.repeated = repeated;
        this.usage = usage;
    }

    /** A flag may also be given a value ({@code --mirror false}); without one it reads {@code true}. */
    public static CommandLineArgs parse(String[] args, Set<String> flags, String usage) {
        Map<String, String> out = new HashMap<>();
        Map<String, List<String>> all = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + " (usage: " + usage + ")");
            }
            String key = args[i].substring(2);
            boolean bare = i + 1 == args.length || args[i + 1].startsWith("--");
            if (flags.contains(key) && bare) {
                out.put(key, "true");
            } else if (!bare) {
                out.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + key + " needs a value (usage: " + usage + ")");
            }
            all.computeIfAbsent(key, k -> new ArrayList<>()).add(out.get(key));
        }
        return new CommandLineArgs(out, all, usage);
    }

    public String required(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("--" + key + " is required (usage: " + usage + ")");
        }
        return value;
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** Every value given for {@code key}, in order (empty when it was not given). */
    public List<String> all(String key) {
        return List.copyOf(repeated.getOrDefault(key, List.of()));
    }

    /** Every option given, by name (without the dashes); an option given twice has its last value. */
    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}
