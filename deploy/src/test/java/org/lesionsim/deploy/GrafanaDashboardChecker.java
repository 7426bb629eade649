package org.lesionsim.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A Grafana dashboard JSON held against the metric names the workers export: it parses (JSON is
 * YAML, so SnakeYAML reads it), its Prometheus datasource is a dashboard variable (no datasource
 * uid of one installation baked in), and every metric an expression queries is one named in
 * worker-runtime's {@code MetricNames} (read from its source, the one list of them).
 */
final class GrafanaDashboardChecker {
    /** {@code public static final String NAME = "value";} in MetricNames.java; TAG_* are label names, not metrics. */
    private static final Pattern CONSTANT = Pattern.compile("public static final String (\\w+) = \"([a-z][a-z0-9_]*)\";");
    /** A metric selector ({@code name{...}} or {@code name[5m]}), or a name in a family the workers export. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");
    private static final Pattern FAMILY = Pattern.compile("\\b((?:lesionsim|kafka|jvm|process|http)_[a-z0-9_]+)\\b");
    /** PromQL words that may stand before a '{' or '[' without being a metric. */
    private static final Set<String> PROMQL = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "offset");

    private final Set<String> exported;

    GrafanaDashboardChecker(Set<String> exported) {
        this.exported = exported;
    }

    /** The metric names in MetricNames.java's source. */
    static Set<String> exportedNames(String metricNamesSource) {
        Set<String> names = new TreeSet<>();
        Matcher m = CONSTANT.matcher(metricNamesSource);
        while (m.find()) {
            if (!m.group(1).startsWith("TAG_")) {
                names.add(m.group(2));
            }
        }
        return names;
    }

    /** What is wrong with {@code json}; empty when nothing is. */
    List<String> problems(String file, String json) {
        List<String> problems = new ArrayList<>();
        Object tree;
        try {
            tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(json);
        } catch (RuntimeException e) {
            return List.of(file + " does not parse: " + e.getMessage());
        }
        if (!(tree instanceof Map<?, ?> dashboard) || !(dashboard.get("panels") instanceof List<?> panels) || panels.isEmpty()) {
            return List.of(file + " is not a dashboard with panels");
        }
        Set<String> variables = new TreeSet<>();
        if (dashboard.get("templating") instanceof Map<?, ?> t && t.get("list") instanceof List<?> list) {
            for (Object v : list) {
                if (v instanceof Map<?, ?> var && "datasource".equals(var.get("type")) && "prometheus".equals(var.get("query"))) {
                    variables.add("${" + var.get("name") + "}");
                    variables.add("$" + var.get("name"));
                }
            }
        }
        if (variables.isEmpty()) {
            problems.add(file + " has no Prometheus datasource variable (templating type datasource, query prometheus)");
        }
        List<String> expressions = new ArrayList<>();
        walk(tree, "", variables, problems, expressions, file);
        if (expressions.isEmpty()) {
            problems.add(file + " queries nothing");
        }
        for (String expr : expressions) {
            for (String metric : metricsIn(expr)) {
                if (!exported.contains(metric)) {
                    problems.add(file + " queries " + metric + ", which no worker exports (MetricNames): " + expr);
                }
            }
        }
        return problems;
    }

    static Set<String> metricsIn(String expr) {
        String withoutLabels = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        Set<String> metrics = new TreeSet<>();
        Matcher s = SELECTOR.matcher(withoutLabels);
        while (s.find()) {
            if (!PROMQL.contains(s.group(1)) && !s.group(1).startsWith("$")) {
                metrics.add(s.group(1));
            }
        }
        Matcher f = FAMILY.matcher(withoutLabels);
        while (f.find()) {
            metrics.add(f.group(1));
        }
        return metrics;
    }

    private static void walk(Object node, String path, Set<String> variables, List<String> problems, List<String> expressions,
                             String file) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                Object value = e.getValue();
                if (key.equals("datasource") && value instanceof Map<?, ?> ds && !variables.contains(String.valueOf(ds.get("uid")))) {
                    problems.add(file + " " + path + ".datasource uid '" + ds.get("uid") + "' is not the datasource variable");
                } else if (key.equals("datasource") && value instanceof String s && !variables.contains(s)) {
                    problems.add(file + " " + path + ".datasource '" + s + "' is not the datasource variable");
                }
                if ((key.equals("expr") || key.equals("query") || key.equals("definition")) && value instanceof String s
                        && !(path.endsWith("templating.list[]") && key.equals("query") && s.equals("prometheus"))) {
                    expressions.add(s);
                }
                walk(value, path + "." + key, variables, problems, expressions, file);
            }
        } else if (node instanceof List<?> list) {
            for (Object item : list) {
                walk(item, path + "[]", variables, problems, expressions, file);
            }
        }
    }
}
