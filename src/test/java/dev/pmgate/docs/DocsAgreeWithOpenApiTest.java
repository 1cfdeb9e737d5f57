package dev.pmgate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md and the OpenAPI document served at /api/v1/openapi.json describe the same REST surface:
 * the same paths and methods, and in each endpoint's section every parameter, request field, response
 * field, response header and status code of the operation; the error shape and codes in "## Errors".
 * The checker itself is tested on doctored copies, so a docs change that drops a field cannot pass.
 */
class DocsAgreeWithOpenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the project (no pom.xml above the working directory)");
        }
        return dir;
    }

    static String read(String relative) {
        try {
            return Files.readString(projectRoot().resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + relative, e);
        }
    }

    private static JsonNode openApi() throws IOException {
        return JSON.readTree(read("src/main/resources/openapi/pmgate.json"));
    }

    private static String apiMd() {
        return read("docs/api.md");
    }

    @Test
    void apiMdAndTheOpenApiDocumentAgree() throws IOException {
        List<String> problems = ApiDocsChecker.problems(openApi(), apiMd());
        assertThat(problems)
                .as("docs/api.md disagrees with src/main/resources/openapi/pmgate.json:\n  "
                        + String.join("\n  ", problems))
                .isEmpty();
    }

    @Test
    void everyOpenApiOperationIsFoundAsASection() throws IOException {
        JsonNode doc = openApi();
        var sections = ApiDocsChecker.endpointSections(apiMd(), new java.util.ArrayList<>());
        int operations = 0;
        for (JsonNode pathItem : doc.get("paths")) {
            for (var methods = pathItem.fieldNames(); methods.hasNext(); ) {
                operations += List.of("get", "put", "post", "delete", "patch", "head", "options")
                                .contains(methods.next())
                        ? 1
                        : 0;
            }
        }
        // the checker compares something real: as many sections as operations, all of them non-trivial
        assertThat(operations).isGreaterThan(0);
        assertThat(sections).hasSize(operations);
        assertThat(sections.values())
                .allSatisfy(text -> assertThat(text).contains("| Name | In | Required | Meaning |"));
    }

    // --- the checker, on doctored inputs ---

    @Test
    void aResponseFieldMissingFromItsSectionIsReportedWithEndpointAndSchemaPath() throws IOException {
        String md = apiMd();
        String row = md.lines()
                .filter(l -> l.startsWith("| `[].remaining` |"))
                .findFirst()
                .orElseThrow();
        String doctored = md.replace(row + "\n", "");

        List<String> problems = ApiDocsChecker.problems(openApi(), doctored);

        assertThat(problems)
                .containsExactly("GET /api/v1/orders: 200 response field `remaining` (OrderPage[].remaining)"
                        + " is not in the section '### GET /api/v1/orders' of docs/api.md");
    }

    @Test
    void aMissingSectionAndAnUndocumentedExtraSectionAreBothReported() throws IOException {
        String doctored = apiMd().replace("### DELETE /api/v1/orders/{id}\n", "### Cancelling\n")
                .replace(
                        "### GET /api/v1/balance\n",
                        "### PUT /api/v1/orders/{id}\n\nReplaces an order.\n\n### GET /api/v1/balance\n");

        List<String> problems = ApiDocsChecker.problems(openApi(), doctored);

        assertThat(problems)
                .contains(
                        "DELETE /api/v1/orders/{id}: in the OpenAPI document but docs/api.md has no '### DELETE /api/v1/orders/{id}' section",
                        "PUT /api/v1/orders/{id}: docs/api.md has a '### PUT /api/v1/orders/{id}' section but the OpenAPI"
                                + " document has no such path and method");
    }

    @Test
    void aNewOpenApiFieldOrParameterOrErrorCodeWithoutDocsIsReported() throws IOException {
        ObjectNode doc = (ObjectNode) openApi();
        ((ObjectNode) doc.at("/components/schemas/Fill/properties"))
                .putObject("fee_currency")
                .put("type", "string");
        ((com.fasterxml.jackson.databind.node.ArrayNode) doc.at("/paths/~1balance/get/parameters"))
                .addObject()
                .put("name", "subaccount")
                .put("in", "query");
        ((com.fasterxml.jackson.databind.node.ArrayNode) doc.at("/components/schemas/Error/properties/code/enum"))
                .add("order_expired");

        List<String> problems = ApiDocsChecker.problems(doc, apiMd());

        assertThat(problems)
                .contains(
                        "GET /api/v1/fills: 200 response field `fee_currency` (FillPage[].fee_currency)"
                                + " is not in the section '### GET /api/v1/fills' of docs/api.md",
                        "GET /api/v1/balance: query parameter `subaccount` is not in the section '### GET /api/v1/balance' of docs/api.md");
        // reported once, naming the first occurrence and how many more (the count grows with the endpoints)
        assertThat(problems)
                .filteredOn(p -> p.startsWith("## Errors: error code `order_expired` (on POST /api/v1/orders 400 and "))
                .singleElement()
                .asString()
                .matches("## Errors: error code `order_expired` \\(on POST /api/v1/orders 400 and"
                        + " [0-9]+ more error responses\\) is not in the section '## Errors' of docs/api.md");
    }

    @Test
    void requestBodyFieldsParametersStatusesAndHeadersAreCheckedOnASmallDocument() throws IOException {
        JsonNode doc = JSON.readTree("""
                {"servers":[{"url":"/api/v1"}],
                 "paths":{"/things/{id}":{"put":{
                   "parameters":[{"name":"id","in":"path"},{"name":"X-Trace","in":"header"}],
                   "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}},
                   "responses":{
                     "200":{"headers":{"X-Request-Id":{}},
                            "content":{"application/json":{"schema":{"type":"array","items":{"$ref":"#/components/schemas/Thing"}}}}},
                     "409":{"$ref":"#/components/responses/Conflict"}}}}},
                 "components":{
                   "schemas":{
                     "Thing":{"type":"object","properties":{"name":{"type":"string"},
                              "parts":{"type":"array","items":{"type":"object","properties":{"weight":{"type":"number"}}}}}},
                     "Error":{"type":"object","properties":{"code":{"type":"string","enum":["conflict"]}}}},
                   "responses":{"Conflict":{"headers":{"Retry-After":{}},
                     "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}}}}}
                """);
        String complete = """
                # API
                ### PUT /api/v1/things/{id}
                | Name | In | Required | Meaning |
                |---|---|---|---|
                | `id` | path | yes | id |
                | `X-Trace` | header | no | trace |

                Body: `name`, `parts[].weight`. Responses **200** (`X-Request-Id`), 409.

                | Field | Type | Meaning |
                |---|---|---|
                | `[].name` | string | name |
                | `[].parts` | array | parts |
                #### Part
                `weight` is nested one level deeper.
                ## Errors
                `code`: `conflict`; 409 carries `Retry-After`.
                """;
        assertThat(ApiDocsChecker.problems(doc, complete)).isEmpty();

        String broken = complete.replace("| `X-Trace` | header | no | trace |\n", "")
                .replace("`parts[].weight`", "`parts`")
                .replace("#### Part\n`weight` is nested one level deeper.\n", "")
                .replace("Responses **200** (`X-Request-Id`), 409.", "Responses **200**.")
                .replace("`code`: `conflict`; 409 carries `Retry-After`.", "`code`.");
        assertThat(ApiDocsChecker.problems(doc, broken))
                .containsExactlyInAnyOrder(
                        "PUT /api/v1/things/{id}: header parameter `X-Trace` is not in the section '### PUT /api/v1/things/{id}' of docs/api.md",
                        "PUT /api/v1/things/{id}: request body field `weight` (Thing.parts[].weight) is not in the section"
                                + " '### PUT /api/v1/things/{id}' of docs/api.md",
                        "PUT /api/v1/things/{id}: 200 response field `weight` (Thing[].parts[].weight) is not in the section"
                                + " '### PUT /api/v1/things/{id}' of docs/api.md",
                        "PUT /api/v1/things/{id}: 200 response header `X-Request-Id` is not in the section"
                                + " '### PUT /api/v1/things/{id}' of docs/api.md",
                        "PUT /api/v1/things/{id}: response status 409 is not in the section '### PUT /api/v1/things/{id}' of docs/api.md",
                        "## Errors: response header `Retry-After` (on PUT /api/v1/things/{id} 409) is not in the section"
                                + " '## Errors' of docs/api.md",
                        "## Errors: error code `conflict` (on PUT /api/v1/things/{id} 409) is not in the section '## Errors' of docs/api.md");
    }

    @Test
    void aSectionEndsAtTheNextHeadingOfLevelThreeOrLessButNotInsideCodeFences() {
        String md = """
                ### GET /a
                `x`
                ```
                ### GET /not-a-heading
                ```
                #### still /a
                `y`
                ### GET /b
                `z`
                ## Other
                `w`
                """;
        var sections = ApiDocsChecker.endpointSections(md, new java.util.ArrayList<>());
        assertThat(sections).containsOnlyKeys("GET /a", "GET /b");
        assertThat(ApiDocsChecker.codeNames(sections.get("GET /a")))
                .contains("x", "y")
                .doesNotContain("z");
        assertThat(ApiDocsChecker.codeNames(sections.get("GET /b")))
                .contains("z")
                .doesNotContain("w");
    }

    @Test
    void aCredentialsFieldOnlyInTheOpenApiComponentsIsReported() throws IOException {
        String md = apiMd();
        String row = md.lines()
                .filter(l -> l.startsWith("| `funder_address` |"))
                .findFirst()
                .orElseThrow();
        List<String> problems = ApiDocsChecker.problems(openApi(), md.replace(row + "\n", ""));
        assertThat(problems)
                .containsExactly(
                        "schema PolymarketCredentials: field `funder_address` (PolymarketCredentials.funder_address) is nowhere in docs/api.md");
    }

    @Test
    void aDuplicatedSectionIsReported() throws IOException {
        String md = apiMd();
        String doctored = md + "\n### GET /api/v1/balance\n\nAgain.\n";
        assertThat(ApiDocsChecker.problems(openApi(), doctored))
                .contains("GET /api/v1/balance: docs/api.md has more than one '### GET /api/v1/balance' section");
    }
}
