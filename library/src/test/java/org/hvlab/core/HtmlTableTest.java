package org.hvlab.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTableTest {

    @Test
    void should_write_class_caption_header_and_rows_in_order() {
        String html = HtmlTable.withClass("hvlab-costs").caption("cost model <b>x</b>").header("operation", "a<b")
                .row(Html.code("vm_exit"), "1500").spanningRow("<b>total</b>").html();
        assertThat(html).isEqualTo("<table class=\"hvlab-costs\"><caption>cost model <b>x</b></caption>"
                + "<tr><th>operation</th><th>a&lt;b</th></tr><tr><td><code>vm_exit</code></td><td>1500</td></tr>"
                + "<tr><td colspan=\"2\"><b>total</b></td></tr></table>");
    }

    @Test
    void should_escape_entry_keys_but_not_entry_values() {
        assertThat(HtmlTable.plain().entry("a&b", "<i>v</i>").html())
                .isEqualTo("<table><tr><th>a&amp;b</th><td><i>v</i></td></tr></table>");
    }

    @Test
    void should_escape_inside_code() {
        assertThat(Html.code("<x>")).isEqualTo("<code>&lt;x&gt;</code>");
    }
}
