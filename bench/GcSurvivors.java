import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * What young collections copied, by class: reads a recording made with bench/gc-survivors.jfc and
 * prints, per class, the sampled objects copied into survivor space at age 1 (made since the
 * previous pause and still alive), at older ages, and promoted to the old generation. HotSpot
 * records one object per new promotion buffer (PLAB), not every object: the counts are a sample
 * whose shares stand for the copied bytes' shares (docs/performance.md, "Live chat", session 16).
 * Run with the JDK's single-file launcher: {@code java bench/GcSurvivors.java /tmp/survivors.jfr
 * [top]}.
 */
public class GcSurvivors {
  public static void main(String[] args) throws Exception {
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Map<String, long[]> byClass = new HashMap<>(); // age-1 bytes, older bytes, tenured bytes, count
    java.util.Set<Long> gcs = new java.util.HashSet<>();
    try (RecordingFile f = new RecordingFile(Path.of(args[0]))) {
      while (f.hasMoreEvents()) {
        RecordedEvent e = f.readEvent();
        String type = e.getEventType().getName();
        if (!type.startsWith("jdk.PromoteObject")) {
          continue;
        }
        gcs.add(e.getLong("gcId"));
        String cls = e.getClass("objectClass").getName();
        long size = e.getLong("objectSize");
        long[] a = byClass.computeIfAbsent(cls, k -> new long[4]);
        if (e.getBoolean("tenured")) {
          a[2] += size;
        } else if (e.getInt("tenuringAge") <= 1) {
          a[0] += size;
        } else {
          a[1] += size;
        }
        a[3]++;
      }
    }
    System.out.printf(
        "%d young collections, %d objects sampled (one per new promotion buffer)%n",
        gcs.size(),
        byClass.values().stream().mapToLong(a -> a[3]).sum());
    System.out.printf(
        "%10s %10s %10s %10s  %s%n", "age1 kB", "older kB", "tenured kB", "sampled", "class");
    byClass.entrySet().stream()
        .sorted((x, y) -> Long.compare(y.getValue()[3], x.getValue()[3]))
        .limit(top)
        .forEach(
            x ->
                System.out.printf(
                    "%10.2f %10.2f %10.2f %10d  %s%n",
                    x.getValue()[0] / 1e3,
                    x.getValue()[1] / 1e3,
                    x.getValue()[2] / 1e3,
                    x.getValue()[3],
                    x.getKey()));
  }

}
