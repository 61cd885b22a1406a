package dev.baton.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Baton's one YAML reader: YAML 1.2 types, lines of the file, and the walls against hostile input. */
class YamlReaderTest {
    private final YamlReader reader = new YamlReader("the workflow", 10_000);

    private Map<String, Object> plain(String yaml) {
        YamlDocument document = reader.read(yaml);
        Map<String, Object> out = new LinkedHashMap<>();
        YamlValues.Budget budget = new YamlValues.Budget(10_000);
        for (NodeTuple tuple : ((MappingNode) document.root()).getValue()) {
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            out.put(key, YamlValues.plain(document, key, tuple.getValueNode(), budget));
        }
        return out;
    }

    private YamlException refused(String yaml) {
        YamlException error = catchThrowableOfType(YamlException.class, () -> reader.read(yaml));
        assertThat(error).as("refused: %s", yaml).isNotNull();
        return error;
    }

    @Test
    void yesNoOnAndOffAreTextAsInYaml12AndOnlyTrueAndFalseAreBooleans() {
        Map<String, Object> values = plain("a: yes\nb: no\nc: on\nd: off\ne: true\nf: False\ng: y\ncountry: NO\n");

        assertThat(values)
                .containsEntry("a", "yes")
                .containsEntry("b", "no")
                .containsEntry("c", "on")
                .containsEntry("d", "off")
                .containsEntry("e", true)
                .containsEntry("f", false)
                .containsEntry("g", "y")
                .containsEntry("country", "NO");
    }

    @Test
    void aFlagWrittenYesIsRefusedWithAMessageThatSaysWhyAndWhatToWrite() {
        ScalarNode yes =
                (ScalarNode) ((MappingNode) reader.read("enabled: yes\n").root())
                        .getValue()
                        .getFirst()
                        .getValueNode();

        assertThat(YamlValues.bool(yes)).isNull();
        assertThat(YamlValues.notABoolean(yes.getValue()))
                .isEqualTo("write true or false, not 'yes' (YAML 1.2, which Baton reads, takes yes, no, on and off"
                        + " as text)");
        assertThat(YamlValues.notABoolean("maybe")).isEqualTo("write true or false, not 'maybe'");
    }

    @Test
    void noSexagesimalNumbersAndNoOctalByLeadingZero() {
        Map<String, Object> values = plain("time: 1:30\nmode: 0755\nhex: 0x1f\noctal: 0o17\nratio: 0.5\nbig: 1e3\n");

        assertThat(values)
                .containsEntry("time", "1:30")
                .containsEntry("mode", 755)
                .containsEntry("hex", 31)
                .containsEntry("octal", 15)
                .containsEntry("ratio", 0.5)
                .containsEntry("big", 1000.0);
    }

    @Test
    void errorsNameTheLineOfTheFileTheDocumentSitsIn() {
        YamlException syntax = refused("name: w\nstages:\n  - name: build\n    prompt: Fix: the bug\n");
        assertThat(syntax.line()).isEqualTo(4);
        assertThat(syntax.problem())
                .startsWith("the workflow is not valid YAML: mapping values are not allowed here")
                .contains("put quotes around");

        // A frontmatter block whose first YAML line is line 2 of its file.
        YamlException inFrontmatter =
                catchThrowableOfType(YamlException.class, () -> reader.read("id: t-1\ntitle: bell\u0007\n", 2));
        assertThat(inFrontmatter.line()).isEqualTo(3);
        assertThat(inFrontmatter.problem()).contains("U+0007");

        assertThat(reader.read("a: 1\nb: [x]\n", 7)
                        .lineOf(((MappingNode) reader.read("a: 1\nb: [x]\n", 7).root())
                                .getValue()
                                .get(1)
                                .getValueNode()))
                .isEqualTo(8);
    }

    @Test
    void aBillionLaughsIsRefusedByTheAliasLimit() {
        StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            char previous = (char) (level - 1);
            yaml.append(level).append(": &").append(level).append(" [");
            yaml.append(("*" + previous + ", ").repeat(8))
                    .append('*')
                    .append(previous)
                    .append("]\n");
        }

        YamlException error = refused(yaml.toString());

        assertThat(error.line()).isEqualTo(1);
        assertThat(error.problem())
                .isEqualTo("the workflow uses more than 20 aliases ('*name') of lists or mappings; write the values"
                        + " out");
    }

    @Test
    void anExpansionWithinTheAliasLimitIsStoppedByTheValueBudget() {
        String yaml = """
                a: &a [x, x, x, x, x, x, x, x, x, x]
                b: &b [*a, *a, *a, *a]
                c: &c [*b, *b, *b, *b]
                d: &d [*c, *c, *c, *c]
                e: &e [*d, *d, *d, *d]
                f: [*e, *e, *e, *e]
                """;

        YamlException error = catchThrowableOfType(YamlException.class, () -> plain(yaml));

        assertThat(error.line()).isEqualTo(6);
        assertThat(error.field()).isEqualTo("f");
        assertThat(error.problem()).contains("more than 10000 values");
    }

    @Test
    void aDocumentOverTheSizeLimitIsRefusedBeforeItIsParsed() {
        YamlException error = refused("prompt: " + "x".repeat(10_000) + "\n");

        assertThat(error.line()).isEqualTo(1);
        assertThat(error.problem())
                .isEqualTo("the workflow is 10009 characters long; the limit is 10000. Move large text into a file"
                        + " it refers to");
    }

    @Test
    void deepNestingIsRefused() {
        assertThat(refused("deep: " + "[".repeat(200) + "]".repeat(200)).problem())
                .isEqualTo("the workflow is nested more than 50 levels deep; flatten it");
    }

    @Test
    void customTagsAreRefusedWhereTheyStandWithTheirField() {
        YamlException error = refused("name: w\nhook: !!javax.script.ScriptEngineManager [x]\n");
        assertThat(error.line()).isEqualTo(2);
        assertThat(error.field()).isEqualTo("hook");
        assertThat(error.problem())
                .isEqualTo("the YAML tag 'tag:yaml.org,2002:javax.script.ScriptEngineManager' is not allowed; remove"
                        + " it and write a plain value");

        assertThat(refused("meta:\n  nested: !local 5\n").problem()).contains("'!local' is not allowed");
        assertThat(refused("bytes: !!binary aGk=\n").problem()).contains("is not allowed");
    }

    @Test
    void mergeKeysAndRepeatedKeysAreRefused() {
        YamlException merge = refused("base: &b {x: 1}\nmeta:\n  <<: *b\n");
        assertThat(merge.line()).isEqualTo(3);
        assertThat(merge.field()).isEqualTo("meta");
        assertThat(merge.problem()).contains("merge keys ('<<') are not supported");

        YamlException twice = refused("name: a\nname: b\n");
        assertThat(twice.line()).isEqualTo(2);
        assertThat(twice.problem()).isEqualTo("the field appears twice (first on line 1); keep one of them");

        assertThat(refused("meta:\n  a: 1\n  a: 2\n").problem())
                .isEqualTo("the key 'a' appears twice (first on line 2); keep one of them");
    }

    @Test
    void keysMustBePlainText() {
        YamlException error = refused("? [a, b]\n: 1\n");

        assertThat(error.problem()).startsWith("a field name must be plain text, not a list");
    }

    @Test
    void anEmptyDocumentHasNoRoot() {
        assertThat(reader.read("# only a comment\n").isEmpty()).isTrue();
        assertThat(reader.read("").isEmpty()).isTrue();
    }

    @Test
    void aValueThatContainsItselfIsRefused() {
        YamlException error = catchThrowableOfType(YamlException.class, () -> plain("loop: &l [a, *l]\n"));

        assertThat(error.field()).isEqualTo("loop");
        assertThat(error.problem()).contains("contains itself");
    }

    @Test
    void listsAndMappingsKeepTheirOrder() {
        assertThat(plain("m: {z: 1, a: [b, c]}\n").get("m"))
                .isEqualTo(new LinkedHashMap<>(Map.of("z", 1, "a", List.of("b", "c"))))
                .extracting(m -> List.copyOf(((Map<?, ?>) m).keySet()))
                .isEqualTo(List.of("z", "a"));
    }
}
