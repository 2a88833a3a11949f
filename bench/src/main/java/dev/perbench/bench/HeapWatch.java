package dev.perbench.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap's high-water marks over a stretch of work, two ways: {@link #peakUsed}, the sum of the
 * heap pools' peaks (everything allocated and not yet collected, garbage included, so it grows with
 * the heap the collector is allowed: an upper bound on the true peak, as pools peak at different
 * moments), and {@link #peakLive}, the most heap left after any collection in between (what the
 * work kept reachable at worst: a lower bound on the heap it needs). Uses the HotSpot management
 * extensions.
 */
final class HeapWatch implements AutoCloseable {
  private final List<MemoryPoolMXBean> pools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .toList();
  private final AtomicLong peakLive = new AtomicLong();
  private final NotificationListener listener = (n, handback) -> afterGc(n.getUserData());

  /** Starts watching: the pools' peaks are reset and collections are listened to. */
  HeapWatch() {
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
    }
  }

  private void afterGc(Object data) {
    if (!(data instanceof CompositeData c)) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(c);
    long live = 0;
    for (MemoryPoolMXBean pool : pools) {
      MemoryUsage after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
      live += after == null ? 0 : after.getUsed();
    }
    peakLive.accumulateAndGet(live, Math::max);
  }

  /** The sum of the heap pools' peaks since the start. */
  long peakUsed() {
    return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  /**
   * The most heap in use right after a collection since the start; 0 when none ran. Collections are
   * reported on a notification thread, so this is read after {@link #close}.
   */
  long peakLive() {
    return peakLive.get();
  }

  @Override
  public void close() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      try {
        ((NotificationEmitter) gc).removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // never added: nothing to remove
      }
    }
  }
}
