package dev.perbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine header: the /proc files parsed, and a folder without git described, not failed. */
class MachineStampTest {
  @Test
  void readsTheModelNameAndMemTotalOfThisLinuxMachine() throws Exception {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    Path meminfo = Path.of("/proc/meminfo");
    assumeTrue(Files.isReadable(cpuinfo) && Files.isReadable(meminfo), "not Linux");
    String cpu = MachineStamp.cpuModel(Files.readString(cpuinfo));
    long memory = MachineStamp.memTotal(Files.readString(meminfo));
    assertTrue(memory > 64L << 20, "MemTotal " + memory);
    MachineStamp here = MachineStamp.here(null);
    assertEquals(memory, here.memoryBytes());
    if (cpu != null) {
      // some ARM kernels write no model name: the architecture stands in for it
      assertEquals(cpu, here.cpu());
      assertFalse(cpu.isBlank());
    }
    assertEquals(Runtime.getRuntime().availableProcessors(), here.cores());
    assertEquals(Runtime.getRuntime().maxMemory(), here.maxHeapBytes());
  }

  @Test
  void parsesTheFirstModelNameAndKibibytes() {
    String cpuinfo =
        "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC  7B13 64-Core"
            + " Processor\n\nprocessor\t: 1\nmodel name\t: other\n";
    assertEquals("AMD EPYC 7B13 64-Core Processor", MachineStamp.cpuModel(cpuinfo));
    assertNull(MachineStamp.cpuModel("processor\t: 0\nBogoMIPS\t: 50.00\n"));
    assertEquals(
        8_130_124L * 1024, MachineStamp.memTotal("MemTotal:        8130124 kB\nMemFree: 1 kB\n"));
    assertEquals(-1, MachineStamp.memTotal("MemFree: 1 kB\n"));
    assertEquals(-1, MachineStamp.memTotal("MemTotal: lots kB\n"));
  }

  @Test
  void aFolderOutsideAnyRepositoryHasAnUnknownCommit(@TempDir Path dir) {
    assumeTrue(MachineStamp.repositoryOf(dir) == null, "the temporary folder is in a repository");
    MachineStamp s = MachineStamp.here(dir);
    assertEquals(MachineStamp.UNKNOWN, s.commit());
    assertNull(s.dirty());
    assertTrue(s.lines().contains("commit: unknown"), s.lines().toString());
  }

  @Test
  void aBrokenGitFolderIsAnUnknownCommitToo(@TempDir Path dir) throws Exception {
    // .git there but no repository in it: git fails, the header says unknown
    Files.writeString(dir.resolve(".git"), "gitdir: /nowhere\n");
    MachineStamp s = MachineStamp.here(dir);
    assertEquals(MachineStamp.UNKNOWN, s.commit());
    assertNull(s.dirty());
  }

  @Test
  void theHeaderHasEveryField() {
    MachineStamp s =
        new MachineStamp(
            "CPU X",
            2,
            8L << 30,
            "Linux",
            "6.1",
            "amd64",
            "Vendor",
            "17.0.1",
            1L << 30,
            "abc",
            true,
            "2026-01-01T00:00:00Z");
    assertEquals(
        List.of(
            "machine: CPU X, 2 cores, 8.0 GiB memory; Linux 6.1 (amd64)",
            "java: Vendor 17.0.1, max heap 1.0 GiB",
            "commit: abc (with uncommitted changes)",
            "time: 2026-01-01T00:00:00Z"),
        s.lines());
  }

  @Test
  void spreadIsTheMedianWithMinAndMax() {
    assertEquals(new Spread(2, 1, 9, 3), Spread.of(List.of(9.0, 1.0, 2.0)));
    assertEquals(new Spread(2.5, 1, 9, 4), Spread.of(List.of(9.0, 1.0, 2.0, 3.0)));
  }
}
