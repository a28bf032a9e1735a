package org.hvlab.kernel.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistoryTest {
    History filled() {
        History h = new History(3);
        h.add(1, "int a = 1;");
        h.add(2, "6 * 7");
        h.add(3, "a + 1");
        h.add(4, "6 * 7");
        h.output(4, "42");
        return h;
    }

    @Test
    void should_give_the_tail() {
        assertThat(filled().tail(2)).extracting(History.Entry::input).containsExactly("a + 1", "6 * 7");
        assertThat(filled().tail(2).get(1).output()).isEqualTo("42");
    }

    @Test
    void should_give_a_range_of_lines() {
        assertThat(filled().range(3, 2, 4)).extracting(History.Entry::line).containsExactly(2, 3);
        assertThat(filled().range(9, 1, 0)).isEmpty();
    }

    @Test
    void should_search_with_a_glob_unique_and_n() {
        History h = filled();
        assertThat(h.search("6 ?*", false, 0)).hasSize(2);
        assertThat(h.search("6 ?*", true, 0)).singleElement().extracting(History.Entry::line).isEqualTo(4);
        assertThat(h.search("*", false, 3)).extracting(History.Entry::line).containsExactly(2, 3, 4);
        assertThat(h.search("a.*", false, 0)).isEmpty();
    }
}
