package org.lesionsim.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every command of the project reads its options the same way. */
class CommandLineArgsTest {
    @Test
    void valuesAndFlags() {
        CommandLineArgs cli = CommandLineArgs.parse(new String[] {"--data", "d", "--mirror", "--kimg", "3"},
                Set.of("mirror"), "usage");
        assertThat(cli.required("data")).isEqualTo("d");
        assertThat(cli.get("kimg", "1")).isEqualTo("3");
        assertThat(cli.get("seed", "0")).isEqualTo("0");
        assertThat(cli.has("mirror")).isTrue();
        assertThat(cli.asMap()).containsEntry("mirror", "true");
    }

    @Test
    void aRepeatedOptionKeepsEveryValueInOrder() {
        CommandLineArgs cli = CommandLineArgs.parse(new String[] {"--note", "a=1", "--id", "x", "--note", "b=2"},
                Set.of(), "usage");
        assertThat(cli.all("note")).containsExactly("a=1", "b=2");
        assertThat(cli.get("note", null)).isEqualTo("b=2");
        assertThat(cli.all("log")).isEmpty();
    }

    @Test
    void mistakesNameTheOptionAndTheUsage() {
        assertThatThrownBy(() -> CommandLineArgs.parse(new String[] {"stray"}, Set.of(), "U"))
                .hasMessageContaining("stray").hasMessageContaining("U");
        assertThatThrownBy(() -> CommandLineArgs.parse(new String[] {"--out"}, Set.of(), "U"))
                .hasMessageContaining("--out needs a value");
        assertThatThrownBy(() -> CommandLineArgs.parse(new String[0], Set.of(), "U").required("data"))
                .hasMessageContaining("--data is required");
    }
}
