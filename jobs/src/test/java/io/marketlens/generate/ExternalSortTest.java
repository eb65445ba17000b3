package io.marketlens.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.generate.ExternalSort.Block;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalSortTest {

    @Test
    void mergesSpilledRunsIntoKeyOrderHoldingAtMostTheLimit(@TempDir Path temp) throws IOException {
        ExternalSort sort = new ExternalSort(temp, 3);
        // 8 lines, at most 3 held: runs {30b, 10a} (the 2-line block would make 4) and {20 x2, 40};
        // 10b, 50 and 25 stay in memory
        sort.add(block(30, "b", "30b"));
        sort.add(block(10, "a", "10a"));
        sort.add(block(20, "x", "20 first line", "20 second line"));
        sort.add(block(40, "y", "40"));
        sort.add(block(10, "b", "10b"));
        sort.add(block(50, "z", "50"));
        sort.add(block(25, "w", "25 with ü and 中文"));

        assertThat(sort.spills()).isEqualTo(2);
        assertThat(sort.peakLines()).isEqualTo(3);
        assertThat(files(temp)).hasSize(2);

        List<String> out = new ArrayList<>();
        sort.drainTo(out::add);

        assertThat(out).containsExactly("10a", "10b", "20 first line", "20 second line", "25 with ü and 中文",
                "30b", "40", "50");
        assertThat(files(temp)).as("run files are deleted").isEmpty();
    }

    @Test
    void equalKeysKeepTheOrderTheyWereAddedIn(@TempDir Path temp) throws IOException {
        ExternalSort sort = new ExternalSort(temp, 2);
        for (String name : List.of("first", "second", "third", "fourth", "fifth")) {
            sort.add(block(7, "same", name));
        }
        List<String> out = new ArrayList<>();
        sort.drainTo(out::add);

        assertThat(out).containsExactly("first", "second", "third", "fourth", "fifth");
    }

    @Test
    void startsEmptyAgainAfterADrain(@TempDir Path temp) throws IOException {
        ExternalSort sort = new ExternalSort(temp, 1);
        sort.add(block(2, "b", "b"));
        sort.add(block(1, "a", "a"));
        List<String> first = new ArrayList<>();
        sort.drainTo(first::add);
        sort.add(block(3, "c", "c"));
        List<String> second = new ArrayList<>();
        sort.drainTo(second::add);

        assertThat(first).containsExactly("a", "b");
        assertThat(second).containsExactly("c");
    }

    @Test
    void withoutSpillsNothingTouchesTheDisk(@TempDir Path temp) throws IOException {
        ExternalSort sort = new ExternalSort(temp, 10);
        sort.add(block(2, "b", "b"));
        sort.add(block(1, "a", "a"));
        assertThat(sort.spills()).isZero();
        assertThat(files(temp)).isEmpty();
    }

    private static Block block(long time, String id, String... lines) {
        return new Block(time, id, lines);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }
}
