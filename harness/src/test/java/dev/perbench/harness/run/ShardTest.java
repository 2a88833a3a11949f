package dev.perbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.data.model.Sample;
import dev.perbench.harness.testing.TinySamples;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardTest {
  static List<String> ids(List<Sample> samples) {
    return samples.stream().map(Sample::id).toList();
  }

  @Test
  void shardIOfNHoldsThePositionsIModuloNInOrder() {
    List<Sample> all = TinySamples.split("tiny", 10).samples();
    assertEquals(List.of("r0", "r3", "r6", "r9"), ids(new Shard(0, 3).select(all)));
    assertEquals(List.of("r1", "r4", "r7"), ids(new Shard(1, 3).select(all)));
    assertEquals(List.of("r2", "r5", "r8"), ids(new Shard(2, 3).select(all)));
    assertEquals(ids(all), ids(Shard.ALL.select(all)));
    // more shards than samples: the last ones are empty
    assertEquals(List.of(), ids(new Shard(11, 12).select(all)));
  }

  @Test
  void aShardIsWrittenAndParsedAsIOverN() {
    assertEquals(new Shard(2, 5), Shard.parse("2/5"));
    assertEquals(new Shard(2, 5), Shard.parse(" 2 / 5 "));
    assertEquals("2/5", new Shard(2, 5).toString());
    assertEquals("0/1", Shard.ALL.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"3/3", "-1/3", "0/0", "1", "a/b", "1/2/3", ""})
  void anythingButIOverNWithIBelowNIsRefused(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Shard.parse(text));
    assertTrue(e.getMessage().contains("I/N"), e.getMessage());
  }
}
