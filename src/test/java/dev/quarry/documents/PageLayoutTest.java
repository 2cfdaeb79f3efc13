package dev.quarry.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageLayoutTest {
    @Test
    void roundTripsWordBoxesAtATenthOfAPoint() {
        PageLayout layout = new PageLayout(612f, 792f, List.of(
                new PageLayout.Box(0, 6, 72.04f, 90.5f, 40.2f, 11.9f),
                new PageLayout.Box(7, 12, 115.3f, 90.5f, 30f, 11.9f),
                new PageLayout.Box(200_000, 200_009, 500f, 700.25f, 61.1f, 12f)));
        PageLayout back = PageLayout.decode(layout.encode());
        assertThat(back.width()).isEqualTo(612f);
        assertThat(back.boxes()).hasSize(3);
        assertThat(back.boxes().get(2).start()).isEqualTo(200_000);
        assertThat(back.boxes().get(2).end()).isEqualTo(200_009);
        assertThat(back.boxes().get(0).x()).isCloseTo(72.0f, org.assertj.core.data.Offset.offset(0.051f));
        assertThat(back.boxesFor(5, 8)).hasSize(2);
        assertThat(back.boxesFor(12, 100)).isEmpty();
    }
}
