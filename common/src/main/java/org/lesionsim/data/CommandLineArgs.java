package org.lesionsim.data;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The project's command lines: {@code --name value} pairs plus named flags that take no value
 * (e.g. {@code --mirror}, {@code --resume}); anything else is refused with the usage line.
 */
public final class CommandLineArgs {
    private final Map<String, String> values;
    private final String usage;

    private CommandLineArgs(Map<String, String> values, String usage) {
        this.values = values;
        this.usage = usage;
    }

    /** A flag may also be given a value ({@code --mirror false}); without one it reads {@code true}. */
    public static CommandLineArgs parse(String[] args, Set<String> flags, String usage) {
        Map<String, String> out = new HashMap<>();
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
        }
        return new CommandLineArgs(out, usage);
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

    /** Every option given, by name (without the dashes). */
    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}
