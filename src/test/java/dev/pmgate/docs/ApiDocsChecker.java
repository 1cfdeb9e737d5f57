package dev.pmgate.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the OpenAPI document with {@code docs/api.md} and lists every disagreement, each naming the
 * endpoint, what is missing and where:
 * <ul>
 *   <li>every OpenAPI path + method has a {@code ### METHOD /path} section in api.md (the path with the
 *       document's server URL in front, e.g. {@code ### GET /api/v1/orders}) and every such heading in
 *       api.md is an OpenAPI operation;</li>
 *   <li>every parameter name of an operation, every request-body property and every property of its 2xx
 *       response schemas ({@code $ref}s resolved, objects and arrays followed a few levels deep) appears
 *       in that section as a code span ({@code `name`}, or as the last part of a dotted one such as
 *       {@code `orders[].id`} or {@code `params.order_type`}); so do its 2xx response headers and every
 *       status code it declares;</li>
 *   <li>the properties, string enum values (the error codes) and headers of the error responses (4xx/5xx)
 *       appear in the {@code ## Errors} section.</li>
 * </ul>
 * A section runs from its heading to the next heading of level 1–3; {@code ####} sub-headings stay inside.
 */
final class ApiDocsChecker {

    private static final Pattern ENDPOINT_HEADING =
            Pattern.compile("^### (GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE) (/\\S*)\\s*$");
    private static final Pattern SECTION_BREAK = Pattern.compile("^#{1,3} ");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final String ERRORS_HEADING = "## Errors";
    /** How deep nested objects and arrays are followed below a response or request schema. */
    private static final int MAX_DEPTH = 4;

    private ApiDocsChecker() {}

    /** Every disagreement between {@code openApi} and {@code apiMarkdown}; empty when they agree. */
    static List<String> problems(JsonNode openApi, String apiMarkdown) {
        List<String> problems = new ArrayList<>();
        Map<String, String> sections = endpointSections(apiMarkdown, problems);
        String errors = section(apiMarkdown, ERRORS_HEADING);
        String base = openApi.path("servers").path(0).path("url").asText("").replaceAll("/+$", "");

        Set<String> documented = new LinkedHashSet<>();
        // error responses share one shape, documented once: each gap is reported once, with where it occurs
        Map<String, List<String>> errorGaps = new LinkedHashMap<>();
        JsonNode paths = openApi.path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String endpoint = op.getKey().toUpperCase(Locale.ROOT) + " " + base + path.getKey();
                documented.add(endpoint);
                String section = sections.get(endpoint);
                if (section == null) {
                    problems.add(endpoint + ": in the OpenAPI document but docs/api.md has no '### " + endpoint
                            + "' section");
                    continue;
                }
                checkOperation(openApi, endpoint, path.getValue(), op.getValue(), section, errors, problems, errorGaps);
            }
        }
        errorGaps.forEach((gap, occurrences) -> problems.add(ERRORS_HEADING + ": " + gap + " (on " + occurrences.get(0)
                + (occurrences.size() > 1 ? " and " + (occurrences.size() - 1) + " more error responses" : "")
                + ") is not in the section '" + ERRORS_HEADING + "' of docs/api.md"));
        checkUnreferencedSchemas(openApi, apiMarkdown, problems);
        for (String endpoint : sections.keySet()) {
            if (!documented.contains(endpoint)) {
                problems.add(endpoint + ": docs/api.md has a '### " + endpoint
                        + "' section but the OpenAPI document has no such path and method");
            }
        }
        return problems;
    }

    private static void checkOperation(
            JsonNode doc,
            String endpoint,
            JsonNode pathItem,
            JsonNode op,
            String section,
            String errors,
            List<String> problems,
            Map<String, List<String>> errorGaps) {
        Set<String> names = codeNames(section);
        String where = " is not in the section '### " + endpoint + "' of docs/api.md";
        for (JsonNode parameters : List.of(pathItem.path("parameters"), op.path("parameters"))) {
            for (JsonNode p : parameters) {
                JsonNode parameter = resolve(doc, p);
                String name = parameter.path("name").asText();
                if (!names.contains(name)) {
                    problems.add(
                            endpoint + ": " + parameter.path("in").asText("?") + " parameter `" + name + "`" + where);
                }
            }
        }
        JsonNode body = resolve(doc, op.path("requestBody"));
        for (JsonNode media : body.path("content")) {
            Map<String, String> fields = new LinkedHashMap<>();
            properties(doc, media.path("schema"), "", 0, fields);
            fields.forEach((name, path) -> {
                if (!names.contains(name)) {
                    problems.add(endpoint + ": request body field `" + name + "` (" + path + ")" + where);
                }
            });
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = op.path("responses").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String status = entry.getKey();
            JsonNode response = resolve(doc, entry.getValue());
            if (!Pattern.compile("(?<![0-9])" + Pattern.quote(status) + "(?![0-9])")
                    .matcher(section)
                    .find()) {
                problems.add(endpoint + ": response status " + status + where);
            }
            boolean success = status.startsWith("2");
            for (Iterator<String> headers = response.path("headers").fieldNames(); headers.hasNext(); ) {
                String header = headers.next();
                if (success && !names.contains(header)) {
                    problems.add(endpoint + ": " + status + " response header `" + header + "`" + where);
                } else if (!success && !codeNames(errors).contains(header)) {
                    errorGaps
                            .computeIfAbsent("response header `" + header + "`", k -> new ArrayList<>())
                            .add(endpoint + " " + status);
                }
            }
            for (JsonNode media : response.path("content")) {
                Map<String, String> fields = new LinkedHashMap<>();
                properties(doc, media.path("schema"), "", 0, fields);
                if (success) {
                    fields.forEach((name, path) -> {
                        if (!names.contains(name)) {
                            problems.add(
                                    endpoint + ": " + status + " response field `" + name + "` (" + path + ")" + where);
                        }
                    });
                } else {
                    checkError(doc, endpoint, status, media.path("schema"), fields, errors, problems, errorGaps);
                }
            }
        }
    }

    /**
     * Component schemas no operation refers to (e.g. the credentials objects, which travel base64-encoded
     * in a header) are documented somewhere in api.md: each of their properties appears as a code span.
     */
    private static void checkUnreferencedSchemas(JsonNode doc, String markdown, List<String> problems) {
        String text = doc.toString();
        Set<String> names = codeNames(markdown);
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        doc.path("components").path("schemas").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> schema = it.next();
            if (text.contains("\"#/components/schemas/" + schema.getKey() + "\"")) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            properties(doc, schema.getValue(), schema.getKey(), 0, fields);
            fields.forEach((name, path) -> {
                if (!names.contains(name)) {
                    problems.add("schema " + schema.getKey() + ": field `" + name + "` (" + path
                            + ") is nowhere in docs/api.md");
                }
            });
        }
    }

    /** Error responses share one shape, documented once in "## Errors": its fields and its codes. */
    private static void checkError(
            JsonNode doc,
            String endpoint,
            String status,
            JsonNode schema,
            Map<String, String> fields,
            String errors,
            List<String> problems,
            Map<String, List<String>> errorGaps) {
        if (errors == null) {
            problems.add(endpoint + ": " + status + " has an error schema but docs/api.md has no '" + ERRORS_HEADING
                    + "' section");
            return;
        }
        Set<String> names = codeNames(errors);
        String where = endpoint + " " + status;
        fields.forEach((name, path) -> {
            if (!names.contains(name)) {
                errorGaps
                        .computeIfAbsent("error field `" + name + "` (" + path + ")", k -> new ArrayList<>())
                        .add(where);
            }
        });
        Set<String> values = new LinkedHashSet<>();
        enumValues(doc, schema, 0, values);
        for (String value : values) {
            if (!names.contains(value)) {
                errorGaps
                        .computeIfAbsent("error code `" + value + "`", k -> new ArrayList<>())
                        .add(where);
            }
        }
    }

    /** The {@code ### METHOD /path} sections of api.md, by "METHOD /path"; duplicates are problems. */
    static Map<String, String> endpointSections(String markdown, List<String> problems) {
        Map<String, String> sections = new LinkedHashMap<>();
        String current = null;
        StringBuilder text = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            if (!fenced && SECTION_BREAK.matcher(line).find()) {
                if (current != null) {
                    sections.put(current, text.toString());
                }
                current = null;
                Matcher heading = ENDPOINT_HEADING.matcher(line);
                if (heading.matches()) {
                    current = heading.group(1) + " " + heading.group(2);
                    if (sections.containsKey(current)) {
                        problems.add(current + ": docs/api.md has more than one '### " + current + "' section");
                    }
                    text.setLength(0);
                }
                continue;
            }
            if (current != null) {
                text.append(line).append('\n');
            }
        }
        if (current != null) {
            sections.put(current, text.toString());
        }
        return sections;
    }

    /** The text under a heading (given exactly, e.g. "## Errors") up to the next heading of level 1–3. */
    static String section(String markdown, String heading) {
        StringBuilder text = null;
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            if (!fenced && SECTION_BREAK.matcher(line).find()) {
                if (text != null) {
                    return text.toString();
                }
                if (line.trim().equals(heading)) {
                    text = new StringBuilder();
                }
                continue;
            }
            if (text != null) {
                text.append(line).append('\n');
            }
        }
        return text == null ? null : text.toString();
    }

    /** Names documented in code spans: `name`, and every part of `a.b`, `a[].b`, `a.b / c`. */
    static Set<String> codeNames(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text == null) {
            return names;
        }
        Matcher m = CODE_SPAN.matcher(text);
        while (m.find()) {
            String span = m.group(1).trim();
            names.add(span);
            for (String part : span.split("[.\\s/|=,:()]+|\\[\\]")) {
                if (!part.isEmpty()) {
                    names.add(part);
                }
            }
        }
        return names;
    }

    /** Property names of a schema, following $ref, allOf/oneOf/anyOf, object properties and array items. */
    private static void properties(
            JsonNode doc, JsonNode schemaOrRef, String path, int depth, Map<String, String> out) {
        if (depth > MAX_DEPTH || schemaOrRef == null || schemaOrRef.isMissingNode()) {
            return;
        }
        String refName =
                schemaOrRef.has("$ref") ? shortName(schemaOrRef.get("$ref").asText()) : null;
        JsonNode schema = resolve(doc, schemaOrRef);
        // name a schema by its component where the path has no name yet (top level, or a top-level array)
        String here = refName != null && path.replace("[]", "").isEmpty() ? refName + path : path;
        for (String combiner : List.of("allOf", "oneOf", "anyOf")) {
            for (JsonNode part : schema.path(combiner)) {
                properties(doc, part, here, depth + 1, out);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        schema.path("properties").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String propertyPath = here.isEmpty() ? property.getKey() : here + "." + property.getKey();
            out.putIfAbsent(property.getKey(), propertyPath);
            properties(doc, property.getValue(), propertyPath, depth + 1, out);
        }
        if (schema.has("items")) {
            properties(doc, schema.get("items"), here + "[]", depth + 1, out);
        }
        if (schema.path("additionalProperties").isObject()) {
            properties(doc, schema.get("additionalProperties"), here + "{}", depth + 1, out);
        }
    }

    /** String enum values anywhere in a schema (the error codes of the Error schema). */
    private static void enumValues(JsonNode doc, JsonNode schemaOrRef, int depth, Set<String> out) {
        if (depth > MAX_DEPTH || schemaOrRef == null || schemaOrRef.isMissingNode()) {
            return;
        }
        JsonNode schema = resolve(doc, schemaOrRef);
        for (JsonNode value : schema.path("enum")) {
            if (value.isTextual()) {
                out.add(value.asText());
            }
        }
        for (JsonNode property : schema.path("properties")) {
            enumValues(doc, property, depth + 1, out);
        }
        enumValues(doc, schema.get("items"), depth + 1, out);
        for (String combiner : List.of("allOf", "oneOf", "anyOf")) {
            for (JsonNode part : schema.path(combiner)) {
                enumValues(doc, part, depth + 1, out);
            }
        }
    }

    /** Follows local $refs ("#/components/…") until a non-ref node. */
    static JsonNode resolve(JsonNode doc, JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current != null && current.has("$ref") && hops < 10; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local $refs are supported: " + ref);
            }
            JsonNode target = doc.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalArgumentException("unresolvable $ref " + ref);
            }
            current = target;
        }
        return current;
    }

    private static String shortName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
