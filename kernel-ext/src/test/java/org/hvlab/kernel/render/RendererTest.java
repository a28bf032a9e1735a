package org.hvlab.kernel.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.Map;
import org.hvlab.core.Renderable;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RendererTest {
    static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    final Renderer renderer = Renderer.withBuiltins();

    static byte[] decoded(MimeBundle b, String mime) {
        return Base64.getDecoder().decode((String) b.get(mime));
    }

    static void assertPng(byte[] bytes) {
        assertThat(bytes).startsWith(PNG_MAGIC);
    }

    @Test
    void should_render_a_table_as_text_and_escaped_html() {
        Table t = Table.create("t", StringColumn.create("name", "<b>a&b</b>", "plain"), IntColumn.create("n", 1, 2));
        MimeBundle b = renderer.render(t);
        assertThat(b.data()).containsKeys("text/html", "text/plain");
        assertThat((String) b.get("text/html")).contains("&lt;b&gt;a&amp;b&lt;/b&gt;").doesNotContain("<b>a&b</b>")
                .contains("<th title=\"STRING\">name</th>");
        assertThat((String) b.get("text/plain")).contains("plain");
    }

    @Test
    void should_show_head_and_tail_of_a_long_table_with_the_hidden_count() {
        int rows = TableView.MAX_ROWS + 60;
        int[] values = new int[rows];
        for (int i = 0; i < rows; i++) values[i] = i;
        Table t = Table.create("long", IntColumn.create("i", values));
        String html = (String) renderer.render(t).get("text/html");
        int hidden = rows - TableView.HEAD - TableView.TAIL;
        assertThat(html).contains(hidden + " more rows").contains("<td>0</td>").contains("<td>" + (rows - 1) + "</td>")
                .doesNotContain("<td>" + TableView.HEAD + "</td>");
        assertThat((String) renderer.render(t).get("text/plain")).contains(hidden + " more rows");
    }

    @Test
    void should_render_an_xchart_chart_as_png_and_svg_on_request() {
        XYChart chart = new XYChartBuilder().width(200).height(120).title("t").build();
        chart.addSeries("s", new double[] {1, 2, 3}, new double[] {3, 1, 2});
        MimeBundle png = renderer.render(chart);
        assertThat(png.data()).containsKey("image/png").doesNotContainKey("image/svg+xml");
        assertPng(decoded(png, "image/png"));
        MimeBundle svg = renderer.renderAs(chart, "image/svg+xml");
        assertThat((String) svg.get("image/svg+xml")).contains("<svg");
    }

    @Test
    void should_render_a_buffered_image_as_png() {
        MimeBundle b = renderer.render(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB));
        assertPng(decoded(b, "image/png"));
        assertThat(b.get("text/plain")).isEqualTo("image 4x3");
    }

    @Test
    void should_render_a_renderable_as_its_views() {
        Renderable r = new Renderable() {
            @Override public String toText() { return "text view"; }
            @Override public Map<String, String> views() {
                return Map.of("text/html", "<i>html view</i>", "text/plain", toText(), "text/markdown", "*md*");
            }
        };
        MimeBundle b = renderer.render(r);
        assertThat(b.get("text/html")).isEqualTo("<i>html view</i>");
        assertThat(b.get("text/plain")).isEqualTo("text view");
        assertThat(renderer.renderAs(r, "text/markdown").get("text/markdown")).isEqualTo("*md*");
    }

    @Test
    void should_let_a_later_registration_override_a_builtin() {
        renderer.createRegistration(Table.class).preferring("text/html").register((t, ctx) ->
                ctx.renderIfRequested("text/html", () -> "<p>custom " + t.rowCount() + "</p>"));
        MimeBundle b = renderer.render(Table.create("x", IntColumn.create("a", 1)));
        assertThat(b.get("text/html")).isEqualTo("<p>custom 1</p>");
    }

    @Test
    void should_fall_back_to_to_string_for_unknown_types() {
        assertThat(renderer.render(42).data()).containsOnlyKeys("text/plain");
        assertThat(renderer.render(42).get("text/plain")).isEqualTo("42");
        assertThat(renderer.render(null).get("text/plain")).isEqualTo("null");
    }

    @Test
    void should_install_renderer_extensions_from_the_service_loader() {
        assertThat(renderer.installExtensions(getClass().getClassLoader()))
                .contains(TestExtension.class.getName());
        assertThat(renderer.render(new TestExtension.Marker()).get("text/html")).isEqualTo("<b>marker</b>");
        assertThat(renderer.installExtensions(getClass().getClassLoader())).isEmpty();
    }
}
